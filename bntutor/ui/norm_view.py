"""LayerNorm and RMSNorm step by step: a :class:`NormData` as rich renderables."""

from __future__ import annotations

import numpy as np
from rich.console import Group, RenderableType
from rich.text import Text

from bntutor.messages import message, translate
from bntutor.numbers import format_number as fmt
from bntutor.ui.mathtext import latex_to_unicode
from bntutor.ui.norm_data import NormData
from bntutor.ui.tables import number_table
from bntutor.ui.trace_view import counted, matrix_table, step_heading

MAX_ROWS = 12
MAX_COLS = 8
MAX_TERMS = 8

_LN = latex_to_unicode(
    r"\hat{x} = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}}, \quad y = \gamma \hat{x} + \beta"
)
_RMS = latex_to_unicode(
    r"\hat{x} = \frac{x}{\sqrt{\frac{1}{D}\sum_j x_j^2 + \epsilon}}, \quad y = \gamma \hat{x}"
)


def render_norm(data: NormData, lang: str = "en") -> Group:
    """Which values form each statistic, the statistics per sample, then x̂ and y, in
    ``lang``."""
    ln = data.kind == "layer"
    rows, d = data.x.shape
    name = "LayerNorm" if ln else "RMSNorm"
    shape = "×".join(str(s) for s in data.shape)
    parts: list[RenderableType] = [
        Text(message("compute.norm_of", lang, name=name, shape=shape, eps=fmt(data.eps)),
             style="bold"),
        step_heading(1, "sources", lang, "bold"),
        Text(message("compute.per_row", lang, d=d)),
        _matrix(data.x, "x", lang),
        step_heading(2, "per_sample", lang, "bold"),
    ]
    parts += [Text(line) for line in _worked(data, lang)]
    mean_square = message("compute.mean_square", lang)
    stat_cols = ([translate("mean μ", lang), message("compute.variance_sigma", lang),
                  "1/√(σ² + ε)"] if ln else [mean_square, "1/√(ms + ε)"])
    stats = [data.mean, data.var, data.invstd] if ln else [data.var, data.invstd]
    shown = _window(rows)
    parts.append(number_table([[float(col[r]) for col in stats] if r is not None else
                               [None] * len(stats) for r in shown],
                              counted(shown, "sample ", lang), stat_cols))
    parts += [step_heading(3, "normalize" if ln else "normalize_scale", lang, "bold"),
              Text(_LN if ln else _RMS), _matrix(data.x_hat, "x̂", lang)]
    if data.gamma is not None or data.beta is not None:
        parts.append(_matrix(data.y, "y", lang))
    else:
        parts.append(Text(message("compute.no_gamma_" + ("ln" if ln else "rms"), lang)))
    return Group(*parts)


def _worked(data: NormData, lang: str) -> list[str]:
    x = data.x[0]
    d = len(x)
    if d > MAX_TERMS:
        terms = message("compute.values_of_first", lang, d=d)
        sq = message("compute.their_squares", lang)
    else:
        terms = " + ".join(_paren(float(v)) for v in x)
        sq = " + ".join(f"{_paren(float(v))}²" for v in x)
    first = message("compute.sample1", lang)
    if data.kind == "layer":
        mu = float(data.mean[0])
        dev = (" + ".join(f"({fmt(float(v))} − {fmt(mu)})²" for v in x) if d <= MAX_TERMS
               else message("compute.deviations", lang))
        return [f"{first}μ = ({terms}) / {d} = {fmt(mu)}",
                f"{first}σ² = ({dev}) / {d} = {fmt(float(data.var[0]))}"]
    mean_square = message("compute.mean_square", lang)
    return [f"{first}{mean_square} = ({sq}) / {d} = {fmt(float(data.var[0]))}",
            f"{first}rms = √({fmt(float(data.var[0]))} + ε) = "
            f"{fmt(float(data.std[0]))}"]


def _paren(v: float) -> str:
    return f"({fmt(v)})" if v < 0 else fmt(v)


def _window(size: int, limit: int = MAX_ROWS) -> list[int | None]:
    if size <= limit:
        return list(range(size))
    half = limit // 2
    return [*range(half), None, *range(size - half, size)]


def _matrix(m: np.ndarray, title: str, lang: str) -> RenderableType:
    rows, cols = _window(m.shape[0]), _window(m.shape[1], MAX_COLS)
    return matrix_table(m, rows, cols, "sample ", "feature ", lang, title=title)
