"""fold: one layer that computes layer-then-eval-BN."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from bntutor.engine import BatchNorm, fold

LAYERS = {
    "linear": (lambda bias: nn.Linear(5, 4, bias=bias), (6, 5)),
    "conv1d": (lambda bias: nn.Conv1d(2, 4, 3, padding=1, bias=bias), (3, 2, 7)),
    "conv2d": (lambda bias: nn.Conv2d(2, 4, 3, stride=2, groups=2, bias=bias), (3, 2, 7, 7)),
    "conv3d": (lambda bias: nn.Conv3d(2, 4, 2, dilation=2, bias=bias), (2, 2, 5, 5, 5)),
}
BNS = {
    "torch": lambda ndim, affine: {2: nn.BatchNorm1d, 3: nn.BatchNorm1d, 4: nn.BatchNorm2d,
                                   5: nn.BatchNorm3d}[ndim](4, affine=affine),
    "engine": lambda ndim, affine: BatchNorm(4, affine=affine),
}


def trained_bn(kind: str, ndim: int, affine: bool, dtype: torch.dtype) -> nn.Module:
    """A BN with running statistics and parameters far from their starting values."""
    bn = BNS[kind](ndim, affine).to(dtype)
    g = torch.Generator().manual_seed(7)
    with torch.no_grad():
        for _ in range(3):
            bn(torch.randn(8, 4, *([3] * (ndim - 2)), generator=g, dtype=dtype) * 2 + 1.5)
        if affine:
            bn.weight.copy_(torch.randn(4, generator=g, dtype=dtype))
            bn.bias.copy_(torch.randn(4, generator=g, dtype=dtype))
    return bn.eval()


@pytest.mark.parametrize("layer_name", list(LAYERS))
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("bn_kind", list(BNS))
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_folded_layer_equals_layer_then_bn(
    layer_name: str, bias: bool, affine: bool, bn_kind: str, dtype: torch.dtype
) -> None:
    make, shape = LAYERS[layer_name]
    torch.manual_seed(3)
    layer = make(bias).to(dtype)
    bn = trained_bn(bn_kind, len(shape), affine, dtype)
    weight_before = layer.weight.detach().clone()
    x = torch.randn(shape, dtype=dtype)

    folded = fold(layer, bn)

    tol = 1e-5 if dtype == torch.float32 else 1e-10
    with torch.no_grad():
        torch.testing.assert_close(folded(x), bn(layer(x)), rtol=tol, atol=tol)
    assert type(folded) is type(layer) and folded is not layer
    assert folded.bias is not None and folded.weight.dtype == dtype
    assert torch.equal(layer.weight, weight_before)  # the original is untouched
    assert (layer.bias is None) == (not bias)


def test_folding_is_not_the_identity() -> None:
    layer, bn = nn.Linear(5, 4), trained_bn("torch", 2, True, torch.float32)
    assert not torch.allclose(fold(layer, bn).weight, layer.weight)


def test_bn_without_running_statistics_cannot_be_folded() -> None:
    with pytest.raises(ValueError, match="track_running_stats=False"):
        fold(nn.Linear(3, 4), nn.BatchNorm1d(4, track_running_stats=False))


def test_feature_counts_must_match() -> None:
    with pytest.raises(ValueError, match="BN has 3 features but Conv2d has 4 outputs"):
        fold(nn.Conv2d(2, 4, 3), nn.BatchNorm2d(3))


def test_only_linear_and_convolutions() -> None:
    with pytest.raises(TypeError, match="allowed: Linear, Conv1d, Conv2d, Conv3d"):
        fold(nn.ConvTranspose2d(2, 4, 3), nn.BatchNorm2d(4))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cannot fold LayerNorm"):
        fold(nn.Linear(3, 4), nn.LayerNorm(4))
