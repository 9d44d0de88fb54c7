"""pre_post_ln: its stacks agree with torch's nn.LayerNorm, and the depth scaling holds."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from bntutor.live.pre_post_ln import PrePostLnArgs, pre_post_ln, stack_gradients


def test_gradients_equal_those_with_torchs_layer_norm(monkeypatch: pytest.MonkeyPatch) -> None:
    args = PrePostLnArgs(seed=3, depths=[3, 4], width=8, samples=5)
    for pre in (True, False):
        ours, _ = stack_gradients(pre, 3, args)
        with monkeypatch.context() as m:  # the same stacks with torch's F.layer_norm
            m.setattr("bntutor.engine.layer_norm", lambda h, d: F.layer_norm(h, (d,)))
            reference, _ = stack_gradients(pre, 3, args)
        assert ours == pytest.approx(reference, rel=1e-9)
        assert ours != pytest.approx(stack_gradients(not pre, 3, args)[0], rel=1e-3)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pre_ln_gradients_near_the_output_shrink_with_depth_and_post_ln_do_not(
    seed: int,
) -> None:
    values = pre_post_ln(PrePostLnArgs(seed=seed, depths=[6, 24])).values
    # Xiong et al. 2020: pre-LN's last-layer gradient scales like 1/sqrt(L): 6 -> 24 halves it
    assert 0.35 < values["pre_ratio"] < 0.7
    assert values["post_ratio"] > 0.75
    # the pre-LN residual stream grows with depth
    assert values["pre_stream_rms"][1] > values["pre_stream_rms"][0]
    assert torch.isfinite(torch.tensor(values["post_last"])).all()
