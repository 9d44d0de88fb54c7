"""fold_bn: the folded conv gives the unfolded conv + BN's outputs."""

from __future__ import annotations

from bntutor.live.fold_check import FoldBnArgs, fold_bn


def test_folded_conv_gives_the_same_outputs() -> None:
    v = fold_bn(FoldBnArgs(quick=True)).values
    assert v["max_diff"] < 1e-5 and v["linear_max_diff"] < 1e-5
    assert v["time_unfolded_ms"] > 0 and v["time_folded_ms"] > 0
