"""per_sample_norms and norm_param_counts against torch's own modules."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from bntutor.live.per_sample_norms import (
    DEFAULT_BATCH,
    NormParamCountsArgs,
    PerSampleNormsArgs,
    norm_param_counts,
    per_sample_norms,
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
