"""Small batches: how the batch statistics wobble, and BN against GroupNorm at batch size 2."""

from __future__ import annotations

import pytest

from bntutor.live.batch_noise import (
    SmallBatchNoiseArgs,
    SmallBatchTrainingArgs,
    small_batch_noise,
    small_batch_training,
)


def test_batch_statistics_noise_shrinks_like_one_over_root_b() -> None:
    v = small_batch_noise(SmallBatchNoiseArgs(quick=True)).values
    for got, want in zip(v["std_of_mean"], v["std_of_mean_formula"], strict=True):
        assert got == pytest.approx(want, rel=0.15)
    for got, want in zip(v["std_of_var"], v["std_of_var_formula"], strict=True):
        assert got == pytest.approx(want, rel=0.2)
    assert v["std_of_mean"][0] > 5 * v["std_of_mean"][-1]


def test_groupnorm_beats_bn_at_batch_size_two() -> None:
    v = small_batch_training(SmallBatchTrainingArgs(quick=True)).values
    acc = v["accuracy"]
    assert set(acc) == {"BN, batch size 2", "GroupNorm, batch size 2", "BN, batch size 32"}
    assert acc["GroupNorm, batch size 2"] > acc["BN, batch size 2"] + 0.1
    assert acc["BN, batch size 32"] > acc["BN, batch size 2"] + 0.1
