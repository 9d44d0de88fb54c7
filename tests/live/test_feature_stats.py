"""bn_column against torch's own batch norm and layer norm on the same batch.

bn_layout_stats against nn.BatchNorm2d, and the counts of the usual wrong axes.
"""

from __future__ import annotations

import statistics

import pytest
import torch
import torch.nn.functional as F
from pydantic import ValidationError
from torch import nn

from bntutor.live._tensors import int_batch
from bntutor.live.feature_stats import (
    BnColumnArgs,
    BnLayoutStatsArgs,
    CnnChannelStatsArgs,
    bn_column,
    bn_layout_stats,
    cnn_channel_stats,
    feature_map,
)


def _tensor(rows: list[list[float]]) -> torch.Tensor:
    return torch.tensor(rows, dtype=torch.float64)


def test_column_statistics_match_torch() -> None:
    args = BnColumnArgs(seed=3, samples=8, features=4, column=2, gamma=1.5, beta=-0.5)
    values = bn_column(args).values
    x = int_batch(3, 8, 4)
    col = x[:, 2]
    assert values["column"] == col.tolist()
    assert values["mean"] == pytest.approx(float(col.mean()), abs=1e-12)
    assert values["var"] == pytest.approx(float(col.var(unbiased=False)), abs=1e-12)
    assert values["var_unbiased"] == pytest.approx(float(col.var(unbiased=True)), abs=1e-12)
    y = F.batch_norm(x, None, None, torch.full((4,), 1.5, dtype=torch.float64),
                     torch.full((4,), -0.5, dtype=torch.float64), training=True, eps=1e-5)
    assert values["y"] == pytest.approx(y[:, 2].tolist(), abs=1e-9)
    x_hat = F.batch_norm(x, None, None, training=True, eps=1e-5)
    assert torch.allclose(_tensor(values["x_hat_all"]), x_hat, atol=1e-9)


def test_the_slips_are_what_they_claim() -> None:
    batch = [[1.0, 10.0], [3.0, 30.0], [2.0, 0.0]]
    values = bn_column(BnColumnArgs(values=batch)).values
    x = torch.tensor(batch, dtype=torch.float64)
    by_row = F.layer_norm(x, (2,), eps=1e-5)
    assert torch.allclose(_tensor(values["x_hat_all_rows"]), by_row, atol=1e-9)
    unbiased = (x - x.mean(0)) / torch.sqrt(x.var(0, unbiased=True) + 1e-5)
    assert torch.allclose(_tensor(values["x_hat_all_unbiased"]), unbiased, atol=1e-9)
    assert values["row_means"] == pytest.approx(x.mean(1).tolist())
    centred = x[:, 0] - x[:, 0].mean()
    assert values["x_over_var"] == pytest.approx((centred / x[:, 0].var(unbiased=False)).tolist())


def test_a_constant_feature_normalizes_to_zero_thanks_to_eps() -> None:
    values = bn_column(BnColumnArgs(values=[[3, 1], [3, 4], [3, 2], [3, 8]])).values
    assert values["var"] == 0.0
    assert values["x_hat"] == [0.0, 0.0, 0.0, 0.0]


def test_one_feature_alone_matches_torch() -> None:
    # the quiz's one-feature batches: no row slip to compute, the column as torch has it
    batch = [[2.0], [5.0], [-1.0]]
    values = bn_column(BnColumnArgs(values=batch, gamma=2.0, beta=1.0)).values
    y = F.batch_norm(_tensor(batch), None, None, torch.tensor([2.0], dtype=torch.float64),
                     torch.tensor([1.0], dtype=torch.float64), training=True, eps=1e-5)
    assert values["y"] == pytest.approx(y[:, 0].tolist(), abs=1e-12)
    assert values["x_hat_all_rows"] == [[0.0], [0.0], [0.0]]


def test_show_batch_hides_the_answers() -> None:
    assert len(bn_column(BnColumnArgs(show="batch")).blocks) == 1
    assert len(bn_column(BnColumnArgs()).blocks) == 3


@pytest.mark.parametrize(
    "bad",
    [{"column": 4}, {"values": [[1, 2], [3]]}, {"values": [[1, 2]]}, {"low": 5, "high": 1},
     {"eps": 0}, {"surprise": 1}],
)
def test_bad_arguments_are_rejected(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        BnColumnArgs.model_validate(bad)


def test_per_channel_statistics_match_batchnorm2d() -> None:
    args = BnLayoutStatsArgs(seed=2, n=5, c=4, h=3, w=6)
    values = bn_layout_stats(args).values
    x = feature_map(args)
    bn = nn.BatchNorm2d(4, momentum=1.0, dtype=torch.float64).train()
    bn(x)  # with momentum 1 the running mean is this batch's mean
    assert bn.running_mean is not None
    assert values["mean"] == pytest.approx(bn.running_mean.tolist(), abs=1e-12)
    assert values["var"] == pytest.approx(x.var(dim=(0, 2, 3), unbiased=False).tolist())
    assert values["layout_diff"] < 1e-12


def test_counts() -> None:
    values = bn_layout_stats(BnLayoutStatsArgs(n=8, c=3, h=4, w=5)).values
    assert values["count"] == 8 * 4 * 5
    assert values["num_means"] == 3
    assert values["count_per_position"] == 8
    assert values["num_means_per_position"] == 3 * 4 * 5
    assert values["count_per_sample"] == 3 * 4 * 5
    assert values["count_per_map"] == 4 * 5
    # [N, H, W, C] reduced over (0, 2, 3): one mean per row H, from N * W * C values
    assert values["num_means_wrong_axis"] == 4
    assert values["count_wrong_axis"] == 8 * 5 * 3


def test_cnn_channel_stats_pool_n_h_w_per_channel() -> None:
    v = cnn_channel_stats(CnnChannelStatsArgs(quick=True)).values
    n, c, h, w = v["shape_nchw"]
    assert v["count"] == n * h * w and v["shape_nhwc"] == [n, h, w, c]
    for ch in range(c):
        assert statistics.fmean(v["slice_means"][ch]) == pytest.approx(v["mean"][ch], abs=1e-6)
        # the pooled variance = mean within-slice variance + variance of the slice means
        within = statistics.fmean(v["slice_vars"][ch])
        between = statistics.pvariance(v["slice_means"][ch])
        assert within + between == pytest.approx(v["var"][ch], rel=1e-5)
        assert statistics.fmean(v["channel0_before"]) == pytest.approx(v["mean"][0], abs=1e-6)
    assert v["mean_nhwc"] == pytest.approx(v["mean"], abs=1e-6)
    assert v["var_nhwc"] == pytest.approx(v["var"], rel=1e-5)
    for key in ("diff_trace", "diff_module_nchw", "diff_module_nhwc", "diff_running"):
        assert v[key] < 1e-5, key
    assert v["after_mean"] == pytest.approx([0.0] * c, abs=1e-6)
    assert v["after_var"] == pytest.approx([s / (s + 1e-5) for s in v["var"]], rel=1e-5)
