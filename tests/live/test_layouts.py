"""bn_layout_stats against nn.BatchNorm2d, and the counts of the usual wrong axes."""

from __future__ import annotations

import statistics

import pytest
import torch
from torch import nn

from bntutor.live.layouts import (
    BnLayoutStatsArgs,
    CnnChannelStatsArgs,
    bn_layout_stats,
    cnn_channel_stats,
    feature_map,
)


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
