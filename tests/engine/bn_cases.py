"""Shared hypothesis strategies for the engine tests: shapes, layouts and flags of BN."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from hypothesis import strategies as st

TOL = {torch.float32: 1e-5, torch.float64: 1e-10}


def condition(x: torch.Tensor, channel_axis: int = 1, eps: float = 1e-5) -> float:
    """How much rounding in ``x`` is magnified by normalizing: ``max |x| / std`` per channel.

    Two computations of BN that round differently agree to about ``eps_dtype * condition``:
    a channel whose values are nearly equal (tiny std, large mean) is ill-conditioned for
    torch as much as for the engine, so tolerances scale with this (it is ~1-5 usually).
    """
    x64 = x.double()
    dims = [d for d in range(x.dim()) if d != channel_axis % x.dim()]
    std = torch.sqrt(x64.var(dim=dims, correction=0) + eps)
    return max(1.0, float((x64.abs().amax(dim=dims) / std).max()))


@dataclass(frozen=True)
class Case:
    """One BN call. ``shape`` is channels-first ``[N, C, ...]``, the layout torch wants."""

    shape: tuple[int, ...]
    channel_axis: int
    dtype: torch.dtype
    seed: int

    @property
    def num_features(self) -> int:
        return self.shape[1]

    @property
    def count(self) -> int:
        return self.shape[0] * int(torch.Size(self.shape[2:]).numel())

    def generator(self) -> torch.Generator:
        return torch.Generator().manual_seed(self.seed)

    def inputs(self) -> tuple[torch.Tensor, torch.Tensor]:
        """(engine input in ``channel_axis`` layout, torch input ``[N, C, ...]``) sharing data."""
        g = self.generator()
        x = (torch.randn(self.shape, generator=g, dtype=torch.float64) * 3 + 1).to(self.dtype)
        if self.channel_axis == 1:
            return x, x
        x_last = x.movedim(1, -1).contiguous()
        return x_last, x_last.movedim(-1, 1)

    def to_torch_layout(self, t: torch.Tensor) -> torch.Tensor:
        return t if self.channel_axis == 1 else t.movedim(-1, 1)

    def per_channel(self, lo: float = -2.0, hi: float = 2.0, offset: int = 1) -> torch.Tensor:
        g = torch.Generator().manual_seed(self.seed + offset)
        u = torch.rand(self.num_features, generator=g, dtype=torch.float64)
        return (lo + (hi - lo) * u).to(self.dtype)


@st.composite
def cases(
    draw: st.DrawFn,
    min_dim: int = 2,
    max_dim: int = 5,
    dtypes: tuple[torch.dtype, ...] = (torch.float32, torch.float64),
    min_count: int = 2,
) -> Case:
    ndim = draw(st.integers(min_dim, max_dim))
    n = draw(st.integers(1, 5))
    c = draw(st.integers(1, 4))
    spatial = tuple(draw(st.integers(1, 3)) for _ in range(ndim - 2))
    shape = (n, c, *spatial)
    count = n * int(torch.Size(spatial).numel())
    if count < min_count:
        shape = (min_count, c, *spatial)
    return Case(
        shape=shape,
        channel_axis=draw(st.sampled_from([1, -1])),
        dtype=draw(st.sampled_from(dtypes)),
        seed=draw(st.integers(0, 2**31 - 1)),
    )


def close(actual: torch.Tensor, expected: torch.Tensor, tol: float) -> None:
    """``actual`` equals torch's ``expected`` within ``tol``, absolute and relative."""
    torch.testing.assert_close(actual, expected, rtol=tol, atol=tol)
