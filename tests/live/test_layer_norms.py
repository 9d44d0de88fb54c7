"""per_sample_norms and norm_param_counts against torch's own modules.

pre_post_ln: its stacks agree with torch's nn.LayerNorm, and the depth scaling holds.
"""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from bntutor.live.layer_norms import (
    DEFAULT_BATCH,
    NormParamCountsArgs,
    PerSampleNormsArgs,
    PrePostLnArgs,
    norm_param_counts,
    per_sample_norms,
    pre_post_ln,
    stack_gradients,
)


def test_the_three_norms_match_torch() -> None:
    values = per_sample_norms(PerSampleNormsArgs()).values
    x = torch.tensor(DEFAULT_BATCH, dtype=torch.float64)
    ln = nn.LayerNorm(4, elementwise_affine=False, dtype=torch.float64)(x)
    rms = nn.RMSNorm(4, eps=1e-5, elementwise_affine=False, dtype=torch.float64)(x)
    bn = nn.BatchNorm1d(4, affine=False, dtype=torch.float64).train()(x)
    torch.testing.assert_close(torch.tensor(values["ln_x_hat"], dtype=torch.float64), ln)
    torch.testing.assert_close(torch.tensor(values["rms_x_hat"], dtype=torch.float64), rms)
    torch.testing.assert_close(torch.tensor(values["bn_x_hat"], dtype=torch.float64), bn)
    assert values["ln_mean"] == [3.0, 6.0, 5.0]
    assert values["rms"][0] == pytest.approx((12.5 + 1e-5) ** 0.5)
    assert values["bn_mean"] == pytest.approx(x.mean(dim=0).tolist())


def test_a_batch_of_one_is_fine_for_layer_norm_only() -> None:
    values = per_sample_norms(PerSampleNormsArgs()).values
    assert values["alone_diff"] == 0.0
    assert "more than 1 value per channel" in values["bn_alone_error"]
    with pytest.raises(ValueError, match="more than 1 value per channel"):
        nn.BatchNorm1d(4).train()(torch.ones(1, 4))


def test_parameter_counts_are_torchs() -> None:
    values = norm_param_counts(NormParamCountsArgs(features=512)).values
    assert (values["layer_norm"], values["rms_norm"], values["batch_norm"]) == (1024, 512, 1024)
    assert values["layer_norm_buffers"] == 0
    assert values["batch_norm_buffers"] == 512 + 512 + 1  # running mean, var, batches tracked


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
