"""LayerNorm and RMSNorm step by step: a :class:`NormData` as rich renderables."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from bntutor.numbers import format_number as fmt
from bntutor.ui.mathtext import latex_to_unicode
from bntutor.ui.norm_data import NormData
from bntutor.ui.tables import number_table

MAX_ROWS = 12
MAX_COLS = 8
MAX_TERMS = 8

_LN = latex_to_unicode(
    r"\hat{x} = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}}, \quad y = \gamma \hat{x} + \beta"
)
_RMS = latex_to_unicode(
    r"\hat{x} = \frac{x}{\sqrt{\frac{1}{D}\sum_j x_j^2 + \epsilon}}, \quad y = \gamma \hat{x}"
)


def render_norm(data: NormData) -> Group:
    """Which values form each statistic, the statistics per sample, then x̂ and y."""
    ln = data.kind == "layer"
    rows, d = data.x.shape
    name = "LayerNorm" if ln else "RMSNorm"
    shape = "×".join(str(s) for s in data.shape)
    parts: list[RenderableType] = [
        Text(f"{name} of a {shape} input, eps = {fmt(data.eps)}", style="bold"),
        _step("Step 1 · which values form each statistic"),
        Text(f"Each sample (row) on its own: the {d} values of its last dimension. No other "
             "sample is used, so the result is the same for a batch of one, and in training "
             "and eval mode alike (there are no running statistics)."),
        _matrix(data.x, "x"),
        _step("Step 2 · statistics per sample"),
    ]
    parts += [Text(line) for line in _worked(data)]
    stat_cols = ["mean μ", "variance σ²", "1/√(σ² + ε)"] if ln else ["mean square", "1/√(ms + ε)"]
    stats = [data.mean, data.var, data.invstd] if ln else [data.var, data.invstd]
    shown = _window(rows)
    parts.append(number_table([[float(col[r]) for col in stats] if r is not None else
                               [None] * len(stats) for r in shown],
                              _labels(shown, "sample "), stat_cols))
    parts += [_step("Step 3 · normalize, then scale" + (" and shift" if ln else "")),
              Text(_LN if ln else _RMS), _matrix(data.x_hat, "x̂")]
    if data.gamma is not None or data.beta is not None:
        parts.append(_matrix(data.y, "y"))
    else:
        parts.append(Text("No γ given: y = x̂ (γ = 1" + (", β = 0)." if ln else ").")))
    return Group(*parts)


def _step(title: str) -> Text:
    return Text("\n" + title, style="bold")


def _worked(data: NormData) -> list[str]:
    x = data.x[0]
    d = len(x)
    if d > MAX_TERMS:
        terms = f"the {d} values of sample 1"
        sq = "their squares"
    else:
        terms = " + ".join(_paren(float(v)) for v in x)
        sq = " + ".join(f"{_paren(float(v))}²" for v in x)
    if data.kind == "layer":
        mu = float(data.mean[0])
        dev = (" + ".join(f"({fmt(float(v))} − {fmt(mu)})²" for v in x) if d <= MAX_TERMS
               else "the squared deviations")
        return [f"  sample 1: μ = ({terms}) / {d} = {fmt(mu)}",
                f"  sample 1: σ² = ({dev}) / {d} = {fmt(float(data.var[0]))}"]
    return [f"  sample 1: mean square = ({sq}) / {d} = {fmt(float(data.var[0]))}",
            f"  sample 1: rms = √({fmt(float(data.var[0]))} + ε) = "
            f"{fmt(float(data.std[0]))}"]


def _paren(v: float) -> str:
    return f"({fmt(v)})" if v < 0 else fmt(v)


def _window(size: int, limit: int = MAX_ROWS) -> list[int | None]:
    if size <= limit:
        return list(range(size))
    half = limit // 2
    return [*range(half), None, *range(size - half, size)]


def _labels(indices: list[int | None], prefix: str) -> list[str]:
    return ["…" if i is None else f"{prefix}{i + 1}" for i in indices]


def _matrix(m: object, title: str) -> RenderableType:
    import numpy as np

    a = np.asarray(m)
    rows, cols = _window(a.shape[0]), _window(a.shape[1], MAX_COLS)
    cells = [[None if r is None or c is None else float(a[r, c]) for c in cols] for r in rows]
    return number_table(cells, _labels(rows, "sample "), _labels(cols, "feature "), title=title)
