"""`compute ln` and `compute rms`: the learner's numbers through the engine's LayerNorm and
RMSNorm, normalized per sample over the last dimension, as plain arrays for the views."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bntutor.ui.norm_data import NormData

def norm_input(values: str | None, shape: str | None, seed: int) -> tuple[list[float],
                                                                          tuple[int, ...]]:
    """The numbers and their shape: typed rows, typed numbers arranged by --shape, or random."""
    from bntutor.cli._values import (
        bad_input,
        parse_matrix,
        parse_rows,
        parse_shape,
        random_values,
    )

    if values is None and shape is None:
        raise bad_input("input.none", "--values", "input.rows_or_shape.hint", shape="2,4,8")
    sizes = parse_shape(shape) if shape is not None else None
    if sizes is None:
        assert values is not None
        rows = parse_matrix(values)
        return [v for row in rows for v in row], (len(rows), len(rows[0]))
    if values is None:
        return random_values(sizes, seed), sizes
    flat = [v for row in parse_rows(values) for v in row]
    if len(flat) != math.prod(sizes):
        raise bad_input("input.count_shape", "--values", "input.count_shape_any.hint",
                        given={"en": f"{len(flat)} numbers", "zh": f"{len(flat)} 个数"},
                        shape=",".join(map(str, sizes)), need=math.prod(sizes))
    return flat, sizes


def compute_norm(
    kind: str,
    values: list[float],
    shape: tuple[int, ...],
    gamma: list[float] | None,
    beta: list[float] | None,
    eps: float | None,
    seed: int | None,
) -> NormData:
    """Run the engine's ``ln_trace`` or ``rms_trace`` in float64 over the last dimension."""
    import torch

    from bntutor.engine import ln_trace, rms_trace
    from bntutor.ui.norm_data import NormData

    def tensor(v: list[float] | None) -> torch.Tensor | None:
        return None if v is None else torch.tensor(v, dtype=torch.float64)

    x = torch.tensor(values, dtype=torch.float64).reshape(shape)
    d = shape[-1]
    if kind == "layer":
        tr = ln_trace(x, (d,), tensor(gamma), tensor(beta), 1e-5 if eps is None else eps)
    else:
        tr = rms_trace(x, (d,), tensor(gamma), eps)

    def rows(t: torch.Tensor) -> torch.Tensor:
        return t.detach().reshape(-1, d)

    def per_row(t: torch.Tensor) -> torch.Tensor:
        return t.detach().reshape(-1)

    return NormData(
        kind=kind, shape=shape, x=rows(x).numpy(), eps=tr.eps,
        gamma=None if gamma is None else tensor(gamma).numpy(),  # type: ignore[union-attr]
        beta=None if beta is None else tensor(beta).numpy(),  # type: ignore[union-attr]
        count=tr.count, mean=per_row(tr.mean).numpy(), var=per_row(tr.var).numpy(),
        invstd=per_row(tr.invstd).numpy(), std=per_row(tr.std).numpy(),
        x_hat=rows(tr.x_hat).numpy(), y=rows(tr.y).numpy(), seed=seed,
    )
