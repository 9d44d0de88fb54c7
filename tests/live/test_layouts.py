"""bn_layout_stats against nn.BatchNorm2d, and the counts of the usual wrong axes."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from bntutor.live.layouts import BnLayoutStatsArgs, bn_layout_stats, feature_map


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
