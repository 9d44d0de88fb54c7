"""The step-by-step view shows the engine's numbers, the right slices, and clips big batches."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from bntutor.engine import CONVENTIONS, trace
from bntutor.ui.trace_data import TraceData, trace_document, trace_json
from bntutor.ui.trace_view import render_trace

from ..screen import screen_text


def make_data(
    x: torch.Tensor,
    layout: str = "NC",
    convention: str = "torch",
    training: bool = True,
    gamma: list[float] | None = None,
    running_var: list[float] | None = None,
) -> TraceData:
    rule = CONVENTIONS[convention]
    c = x.shape[-1] if layout == "NHWC" else x.shape[1]
    old_mean = torch.zeros(c, dtype=x.dtype)
    old_var = torch.ones(c, dtype=x.dtype) if running_var is None else torch.tensor(running_var)
    weight = None if gamma is None else torch.tensor(gamma, dtype=x.dtype)
    tr = trace(
        x, weight, eps=rule.eps, channel_axis=-1 if layout == "NHWC" else 1,
        running_mean=old_mean, running_var=old_var, momentum=rule.momentum,
        convention=convention, training=training,
    )  # fmt: skip
    return TraceData(
        x=x.numpy(), layout=layout, channel_axis=tr.channel_axis, training=training,
        convention=convention, momentum=rule.momentum, eps=rule.eps,
        gamma=None if weight is None else weight.numpy(), beta=None,
        running_mean=old_mean.numpy(), running_var=old_var.numpy(),
        reduce_dims=tr.reduce_dims, count=tr.count, mean=tr.mean.numpy(),
        var=tr.var.numpy(), var_unbiased=tr.var_unbiased.numpy(), invstd=tr.invstd.numpy(),
        x_hat=tr.x_hat.detach().numpy(), y=tr.y.detach().numpy(),
        new_running_mean=tr.new_running_mean.numpy(), new_running_var=tr.new_running_var.numpy(),
    )  # fmt: skip


def test_worked_example_shows_every_step() -> None:
    data = make_data(torch.tensor([[1.0], [2.0], [3.0], [4.0]], dtype=torch.float64))
    text = screen_text(render_trace(data), 120)
    for line in (
        "μ  = (1 + 2 + 3 + 4) / 4 = 2.5",
        "σ² = ((1 - 2.5)² + (2 - 2.5)² + (3 - 2.5)² + (4 - 2.5)²) / 4 = 1.25",
        "s² = σ² · n/(n - 1) = 1.25 · 4/3 = 1.6667",
        "x̂ = (1 - 2.5) · 0.8944 = -1.3416",
        "torch: new = (1 - m) · old + m · batch",
        "running mean = (1 - 0.1) · 0 + 0.1 · 2.5 = 0.25",
        "running var  = (1 - 0.1) · 1 + 0.1 · 1.6667 = 1.0667",
    ):
        assert line in text, line
    assert "n = 4 values per channel, 1 channel" in text


def test_each_feature_highlights_its_own_column() -> None:
    data = make_data(torch.tensor([[1.0, 10.0], [2.0, 20.0]], dtype=torch.float64))
    text = screen_text(render_trace(data), 120)
    before, first, second = text.split("highlighted values")[0], *text.split(
        "feature 2: the 2 highlighted values")
    assert before.endswith("feature 1: the 2 ")
    assert "[1]" in first and "[2]" in first and "[10]" not in first
    assert "[10]" in second and "[20]" in second and "[1]" not in second
    # samples and features are counted from 1, as the lessons count them
    assert "sample 1" in text and "sample 2" in text
    assert "sample 0" not in text and "feature 0" not in text


def test_negative_mean_is_parenthesised() -> None:
    data = make_data(torch.tensor([[-1.0], [-3.0]], dtype=torch.float64))
    text = screen_text(render_trace(data), 120)
    assert "((-1 - (-2))² + (-3 - (-2))²) / 2 = 1" in text


def test_image_channels_show_slices_of_every_sample() -> None:
    x = torch.arange(2 * 2 * 2 * 3, dtype=torch.float64).reshape(2, 2, 2, 3)  # N, C, H, W
    text = screen_text(render_trace(make_data(x, "NCHW")), 120)
    assert "channel 1: N·H·W = 2·2·3 = 12 values" in text  # counted from 1, as lessons count
    assert "sample 1" in text and "sample 2" in text and "sample 0" not in text
    # channel 2 of sample 2 is x[1, 1] = 18..23
    channel_1 = text.split("channel 2: N·H·W")[1].split("Step 2")[0]
    assert "18" in channel_1 and "23" in channel_1 and " 5 " not in channel_1


def test_channels_last_slices_the_last_axis() -> None:
    x = torch.arange(2 * 2 * 2 * 3, dtype=torch.float64).reshape(2, 2, 2, 3)  # N, H, W, C
    text = screen_text(render_trace(make_data(x, "NHWC")), 120)
    assert "channel 1: N·H·W = 2·2·2 = 8 values" in text
    channel_2 = text.split("channel 3: N·H·W")[1].split("Step 2")[0]
    values = {float(v) for v in x[..., 2].flatten()}
    shown = {float(tok) for tok in channel_2.split() if tok.lstrip("-").isdigit()}
    assert values <= shown


def test_big_batches_are_clipped_and_summed_in_words() -> None:
    x = torch.randn(16, 8, 10, 10, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    text = screen_text(render_trace(make_data(x, "NCHW")), 120)
    assert "sum of the 1600 values" in text
    assert "… 14 more samples" in text
    assert "… 6 more channels (every value: --json)" in text
    assert "channel 8" in text and "channel 4 " in text  # the summary table keeps every channel
    assert len(text.splitlines()) < 200


def test_keras_convention_and_gamma() -> None:
    x = torch.tensor([[1.0, 4.0], [3.0, 8.0]], dtype=torch.float64)
    text = screen_text(render_trace(make_data(x, convention="keras", gamma=[2.0, 0.5])), 120)
    assert "keras: new = m · old + (1 - m) · batch" in text
    assert "the running var tracks σ² (biased)" in text
    assert "γ = [2, 0.5]" in text
    assert "running mean = 0.99 · 0 + (1 - 0.99) · 2 = 0.02" in text


def test_eval_mode_uses_running_statistics_and_updates_nothing() -> None:
    x = torch.tensor([[1.0], [5.0]], dtype=torch.float64)
    text = screen_text(render_trace(make_data(x, training=False, running_var=[4.0])), 120)
    assert "eval mode" in text and "unchanged in eval mode" in text
    assert "running var" in text and "1/√(var + ε)" in text
    assert "x̂ = (1 - 0) · 0.5 = 0.5" in text
    assert "Step 4" not in text


def test_document_is_json_with_null_for_non_numbers() -> None:
    data = make_data(torch.tensor([[1.0, 2.0], [3.0, 6.0]], dtype=torch.float64))
    doc = trace_document(data)
    assert json.loads(json.dumps(doc, allow_nan=False)) == doc
    assert doc["input"]["shape"] == [2, 2] and doc["count"] == 2
    assert doc["mean"] == [2.0, 4.0]
    assert json.loads(trace_json(data)) == doc
    assert len(trace_json(data).splitlines()) == len(doc) + 2  # one line per key
    broken = TraceData(**{**data.__dict__, "var_unbiased": np.array([np.nan, np.inf])})
    assert trace_document(broken)["var_unbiased"] == [None, None]


@pytest.mark.parametrize("layout", ["NC", "NCHW"])
def test_one_channel_batches_render(layout: str) -> None:
    shape = (3, 1) if layout == "NC" else (3, 1, 1, 1)
    text = screen_text(render_trace(
        make_data(torch.tensor([1.0, 2.0, 4.0], dtype=torch.float64).reshape(shape), layout)
    ), 120)
    assert "Step 4" in text
