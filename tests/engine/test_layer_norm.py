"""layer_norm and rms_norm against torch's functional forms and nn.LayerNorm / nn.RMSNorm."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from bntutor.engine import layer_norm, ln_trace, rms_norm, rms_trace

SHAPES = [((4, 6), (6,)), ((2, 5, 8), (8,)), ((3, 2, 4, 4), (4, 4)), ((1, 7), (7,))]


def gen() -> torch.Generator:
    return torch.Generator().manual_seed(0)


@pytest.mark.parametrize(("shape", "normalized"), SHAPES)
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_layer_norm_matches_torch(shape: tuple[int, ...], normalized: tuple[int, ...],
                                  dtype: torch.dtype) -> None:
    g = gen()
    x = 3 * torch.randn(shape, generator=g, dtype=dtype) + 2
    w = torch.rand(normalized, generator=g, dtype=dtype) + 0.5
    b = torch.randn(normalized, generator=g, dtype=dtype)
    tol = 1e-6 if dtype == torch.float32 else 1e-12
    for weight, bias in ((None, None), (w, b)):
        ours = layer_norm(x, normalized, weight, bias, eps=1e-5)
        ref = F.layer_norm(x, normalized, weight, bias, eps=1e-5)
        torch.testing.assert_close(ours, ref, rtol=0, atol=tol)


@pytest.mark.parametrize(("shape", "normalized"), SHAPES)
@pytest.mark.parametrize("eps", [None, 1e-6])
def test_rms_norm_matches_torch(shape: tuple[int, ...], normalized: tuple[int, ...],
                                eps: float | None) -> None:
    g = gen()
    x = 3 * torch.randn(shape, generator=g) + 2
    w = torch.rand(normalized, generator=g) + 0.5
    for weight in (None, w):
        torch.testing.assert_close(rms_norm(x, normalized, weight, eps),
                                   F.rms_norm(x, normalized, weight, eps), rtol=0, atol=1e-6)


def test_modules_agree_including_gradients() -> None:
    g = gen()
    x = torch.randn(2, 5, 8, generator=g, dtype=torch.float64)
    ln = nn.LayerNorm(8, dtype=torch.float64)
    rms = nn.RMSNorm(8, dtype=torch.float64)
    with torch.no_grad():
        ln.weight.copy_(torch.rand(8, generator=g) + 0.5)
        ln.bias.copy_(torch.randn(8, generator=g))
        rms.weight.copy_(torch.rand(8, generator=g) + 0.5)
    up = torch.randn(2, 5, 8, generator=g, dtype=torch.float64)
    for module, ours in (
        (ln, lambda t: layer_norm(t, (8,), ln.weight, ln.bias, ln.eps)),
        (rms, lambda t: rms_norm(t, (8,), rms.weight, rms.eps)),
    ):
        a = x.clone().requires_grad_(True)
        b = x.clone().requires_grad_(True)
        (module(a) * up).sum().backward()
        (ours(b) * up).sum().backward()
        assert a.grad is not None and b.grad is not None
        torch.testing.assert_close(b.grad, a.grad, rtol=0, atol=1e-12)


def test_half_precision_is_computed_in_float32() -> None:
    x = torch.randn(4, 16, generator=gen()).to(torch.bfloat16)
    ours, ref = layer_norm(x, (16,)), F.layer_norm(x, (16,))
    assert ours.dtype == torch.bfloat16
    torch.testing.assert_close(ours.float(), ref.float(), rtol=0, atol=2e-2)
    assert rms_norm(x, (16,)).dtype == torch.bfloat16


def test_traces_keep_the_statistics_of_each_sample() -> None:
    x = torch.tensor([[1.0, 2.0, 3.0, 6.0], [10.0, 10.0, 10.0, 10.0]], dtype=torch.float64)
    tr = ln_trace(x, 4)
    assert tr.count == 4 and tr.reduce_dims == (1,)
    assert tr.mean.flatten().tolist() == [3.0, 10.0]
    assert tr.var.flatten().tolist() == pytest.approx([3.5, 0.0])
    assert tr.y[1].tolist() == [0.0, 0.0, 0.0, 0.0]  # a constant sample: x - mean = 0
    r = rms_trace(x, 4)
    assert r.var.flatten().tolist() == pytest.approx([12.5, 100.0])  # mean square
    assert r.eps == torch.finfo(torch.float64).eps
    assert r.y[1].tolist() == pytest.approx([1.0] * 4)  # RMSNorm does not centre


def test_a_batch_of_one_is_fine_and_independent_of_the_batch() -> None:
    x = torch.randn(5, 8, generator=gen())
    alone = layer_norm(x[:1], 8)
    torch.testing.assert_close(alone, layer_norm(x, 8)[:1], rtol=0, atol=0)


def test_mismatched_shapes_name_the_problem() -> None:
    with pytest.raises(ValueError, match="normalized_shape"):
        layer_norm(torch.zeros(2, 3), (4,))
    with pytest.raises(ValueError, match="weight has shape"):
        rms_norm(torch.zeros(2, 3), (3,), torch.ones(4))
