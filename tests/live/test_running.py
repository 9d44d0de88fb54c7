"""running_stats_after against nn.BatchNorm1d (torch) and the Keras rule written out; the
demo's curves (the same loop, several momenta) against the moving averages written out."""

from __future__ import annotations

import statistics

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from bntutor.live.running import (
    RunningStatsAfterArgs,
    RunningStatsArgs,
    running_stats_after,
    running_stats_curve,
)

batch = st.lists(st.integers(-20, 20).map(float), min_size=2, max_size=6)
batches = st.lists(batch, min_size=1, max_size=6)


def _torch_reference(data: list[list[float]], momentum: float | None) -> tuple[float, float]:
    bn = nn.BatchNorm1d(1, momentum=momentum, dtype=torch.float64).train()
    for b in data:
        bn(torch.tensor(b, dtype=torch.float64).reshape(-1, 1))
    assert bn.running_mean is not None and bn.running_var is not None
    return float(bn.running_mean[0]), float(bn.running_var[0])


@settings(max_examples=25, deadline=None)
@given(data=batches, momentum=st.one_of(st.none(), st.floats(0.01, 1.0)))
def test_torch_convention_matches_batchnorm1d(data: list[list[float]],
                                              momentum: float | None) -> None:
    values = running_stats_after(RunningStatsAfterArgs(batches=data, momentum=momentum)).values
    mean, var = _torch_reference(data, momentum)
    assert values["mean"] == pytest.approx(mean, abs=1e-9)
    assert values["var"] == pytest.approx(var, abs=1e-9)
    assert values["var"] == values["var_with_unbiased"]


@settings(max_examples=25, deadline=None)
@given(data=batches, momentum=st.floats(0.0, 1.0))
def test_keras_rule_and_the_flip(data: list[list[float]], momentum: float) -> None:
    keras = running_stats_after(
        RunningStatsAfterArgs(convention="keras", batches=data, momentum=momentum)).values
    mean, var = 0.0, 1.0
    for b in data:
        t = torch.tensor(b, dtype=torch.float64)
        mean = momentum * mean + (1 - momentum) * float(t.mean())
        var = momentum * var + (1 - momentum) * float(t.var(unbiased=False))
    assert keras["mean"] == pytest.approx(mean, abs=1e-9)
    assert keras["var"] == pytest.approx(var, abs=1e-9)
    # Reading torch's momentum the Keras way is the Keras rule with the same number.
    flipped = running_stats_after(RunningStatsAfterArgs(batches=data, momentum=momentum)).values
    assert flipped["mean_if_flipped"] == pytest.approx(mean, abs=1e-9)


def test_worked_example_from_lesson_5() -> None:
    values = running_stats_after(RunningStatsAfterArgs(batches=[[2, 6, 3, 5]])).values
    # batch mean 4, biased var 2.5, unbiased var 10/3; momentum 0.1 from (0, 1)
    assert values["mean"] == pytest.approx(0.4)
    assert values["var"] == pytest.approx(0.9 + 0.1 * 10 / 3)
    assert values["var_with_biased"] == pytest.approx(0.9 + 0.1 * 2.5)
    assert values["mean_if_flipped"] == pytest.approx(3.6)
    assert values["after_each"] == pytest.approx([0.4])


def test_momentum_none_is_the_plain_average_of_batch_statistics() -> None:
    data = [[2, 6, 3, 5], [7, 9, 8, 8], [0, 2, 1, 1]]
    values = running_stats_after(RunningStatsAfterArgs(batches=data, momentum=None)).values
    assert values["mean"] == pytest.approx((4 + 8 + 1) / 3)
    assert values["mean"] == pytest.approx(sum(values["batch_means"]) / 3)


def test_seeded_batches_are_reproducible_and_lag_behind() -> None:
    args = RunningStatsAfterArgs(k=3, loc=5.0, scale=2.0, seed=0)
    first, second = running_stats_after(args).values, running_stats_after(args).values
    assert first == second
    assert first["mean"] < first["pooled_mean"] * (1 - 0.9**3) + 0.5


def test_momentum_none_only_for_torch() -> None:
    with pytest.raises(ValueError):
        RunningStatsAfterArgs(convention="keras", momentum=None)


def test_curves_follow_each_convention() -> None:
    v = running_stats_curve(RunningStatsArgs(quick=True)).values
    curves, n = v["curves"], v["batch"]
    means = v["batch_means"]
    for m in (0.01, 0.1, 0.5):  # the EMA of the batch means, written out here
        running = 0.0
        for b in means:
            running = (1 - m) * running + m * b
        assert curves[f"torch momentum={m}"]["mean"][-1] == pytest.approx(running, abs=1e-4)
        keras = curves[f"keras momentum={1 - m:g}"]
        assert keras["mean"] == pytest.approx(curves[f"torch momentum={m}"]["mean"], abs=1e-6)
        # both start at variance 1; torch then averages unbiased, Keras biased batch variances
        start = (1 - m) ** v["steps"]
        torch_part = curves[f"torch momentum={m}"]["var"][-1] - start
        assert keras["var"][-1] - start == pytest.approx(torch_part * (n - 1) / n, rel=1e-4)
    cumulative = curves["torch momentum=None"]
    assert cumulative["mean"][-1] == pytest.approx(statistics.fmean(means), abs=1e-5)
    assert v["cumulative_max_diff"] < 1e-12  # the exact average, in float64
    assert v["mean_unbiased_var"] == pytest.approx(v["mean_biased_var"] * n / (n - 1), rel=1e-6)
    assert cumulative["var"][-1] == pytest.approx(v["mean_unbiased_var"], rel=1e-4)
