"""BN step by step: a :class:`TraceData` as rich renderables.

Every number shown comes from the trace; this module only picks, lays out and formats
(big batches are clipped with ``…``: ``--json`` has everything).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.text import Text

from bntutor.conventions import CONVENTIONS
from bntutor.numbers import format_number as fmt
from bntutor.ui.mathtext import latex_to_unicode
from bntutor.ui.prose import hanging
from bntutor.ui.tables import number_table
from bntutor.ui.trace_data import TraceData

MAX_CHANNELS = 4  # features explained one by one; all of them are in the summary tables
MAX_IMAGE_CHANNELS = 2  # the same for 4-D input, where each channel is a stack of slices
MAX_ROWS = 12
MAX_SAMPLES = 2
MAX_SIDE = 6  # rows and columns of an H x W slice
MAX_TERMS = 8  # sums with more terms are described instead of written out

_XHAT = latex_to_unicode(r"\hat{x} = \frac{x - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}")
_XHAT_EVAL = latex_to_unicode(
    r"\hat{x} = \frac{x - \text{running mean}}{\sqrt{\text{running var} + \epsilon}}"
)
_Y = latex_to_unicode(r"y = \gamma \hat{x} + \beta")


def render_trace(data: TraceData, max_channels: int | None = None) -> Group:
    """The whole computation: sources of the statistics, statistics, x̂ and y, running stats.

    ``max_channels`` channels are explained one by one (default 4 features, 2 image channels).
    """
    if max_channels is None:
        max_channels = MAX_CHANNELS if data.x.ndim == 2 else MAX_IMAGE_CHANNELS
    shown = _window(data.num_channels, max_channels)
    parts: list[RenderableType] = [_header(data)]
    if data.training:
        parts += _sources(data, shown, "Step 1 · which values form each statistic")
        parts += _statistics(data, "Step 2 · statistics per channel")
        parts += _normalize(data, shown, "Step 3 · normalize, then scale and shift")
        parts += _running(data, "Step 4 · running statistics after this batch")
    else:
        parts += _eval_statistics(data, "Step 1 · eval mode: the running statistics are used")
        parts += _normalize(data, shown, "Step 2 · normalize, then scale and shift")
        parts += [_step("Step 3 · running statistics"), Text("unchanged in eval mode")]
    return Group(*parts)


def _header(data: TraceData) -> Text:
    shape = "×".join(str(s) for s in data.x.shape)
    mode = "training mode" if data.training else "eval mode"
    text = Text()
    text.append(f"Batch Normalization of a {shape} batch", style="bold")
    text.append(f" · layout {data.layout} · {mode} · convention {data.convention}")
    text.append(f" (momentum {fmt(data.momentum, 6)}, ε {fmt(data.eps)})")
    if data.seed is not None:
        text.append(f"\nrandom numbers from seed {data.seed}", style="dim")
    channels = _plural(data.num_channels, "channel")
    if data.training:
        text.append(
            f"\nstatistics per channel over dims {tuple(data.reduce_dims)}: "
            f"n = {data.count} values per channel, {channels}"
        )
    else:
        text.append(f"\n{channels} on axis {data.channel_axis}")
    return text


def _step(title: str) -> Text:
    return Text(f"\n{title}", style="bold cyan")


# -- training: where the numbers come from ---------------------------------------------
def _sources(data: TraceData, shown: list[int | None], title: str) -> list[RenderableType]:
    parts: list[RenderableType] = [_step(title)]
    for c in shown:
        if c is None:
            parts.append(Text(_more_channels(data, shown), style="dim"))
            continue
        if data.x.ndim == 2:
            rows = _window(data.x.shape[0], MAX_ROWS)
            parts.append(Text(f"feature {c + 1}: the {data.count} highlighted values"))
            parts.append(
                _table(data.x, rows, _window(data.x.shape[1], 8), "sample ", "feature ", c)
            )
        else:
            parts.append(Text(f"channel {c + 1}: {_count_story(data)}"))
            parts.append(_slices(data, data.x, c, _window(data.x.shape[0], MAX_SAMPLES)))
        parts += [hanging(line, _STAT_HANG) for line in _stat_lines(data, c)]
    return parts


def _count_story(data: TraceData) -> str:
    sizes = [data.x.shape[d] for d in data.reduce_dims]
    names = [_axis_name(data, d) for d in data.reduce_dims]
    return (
        f"{'·'.join(names)} = {'·'.join(map(str, sizes))} = {data.count} values"
        " (every sample, every position)"
    )


def _axis_name(data: TraceData, dim: int) -> str:
    return data.layout[dim] if len(data.layout) == data.x.ndim else f"d{dim}"


_STAT_HANG = len("  unbiased var  ")  # where the formulas of the statistics start


def _stat_lines(data: TraceData, c: int) -> list[str]:
    values = data.channel_values(data.x, c).ravel()
    n, mean, var = data.count, fmt(float(data.mean[c])), fmt(float(data.var[c]))
    if n <= MAX_TERMS:
        total = " + ".join(fmt(float(v)) for v in values)
        squares = " + ".join(f"({fmt(float(v))} - {_paren(data.mean[c])})²" for v in values)
    else:
        total = f"sum of the {n} values"
        squares = f"sum of the {n} squared deviations (x - {mean})²"
    return [
        f"  mean          μ  = ({total}) / {n} = {mean}",
        f"  biased var    σ² = ({squares}) / {n} = {var}",
        f"  unbiased var  s² = σ² · n/(n - 1) = {var} · {n}/{n - 1}"
        f" = {fmt(float(data.var_unbiased[c]))}",
    ]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _paren(value: float) -> str:
    text = fmt(float(value))
    return f"({text})" if text.startswith("-") else text


def _statistics(data: TraceData, title: str) -> list[RenderableType]:
    rows = _window(data.num_channels, 16)
    columns = [data.mean, data.var, data.var_unbiased, data.invstd]
    labels = ["μ (mean)", "σ² (÷ n)", "s² (÷ n-1)", "1/√(σ² + ε)"]
    return [_step(title), _per_channel_table(columns, labels, rows)]


def _eval_statistics(data: TraceData, title: str) -> list[RenderableType]:
    rows = _window(data.num_channels, 16)
    columns = [data.mean, data.var, data.invstd]
    labels = ["running mean", "running var", "1/√(var + ε)"]
    note = Text("the batch's own mean and variance play no part: each sample is normalized alone")
    return [_step(title), note, _per_channel_table(columns, labels, rows)]


# -- x̂ and y ---------------------------------------------------------------------------
def _normalize(data: TraceData, shown: list[int | None], title: str) -> list[RenderableType]:
    parts: list[RenderableType] = [
        _step(title),
        hanging(f"  {_XHAT}    with the biased σ²" if data.training else f"  {_XHAT_EVAL}"),
        hanging(f"  {_Y}"),
    ]
    affine = data.gamma is not None or data.beta is not None
    if not affine:
        parts.append(hanging("  no γ or β given: γ = 1, β = 0, so y = x̂"))
    else:
        parts.append(hanging(f"  γ = {_vector(data.gamma, '1')}   β = {_vector(data.beta, '0')}"))
    first = (0,) * data.x.ndim
    c0 = first[data.channel_axis]
    parts.append(
        hanging(
            f"  first value: x̂ = ({fmt(float(data.x[first]))} - {_paren(data.mean[c0])})"
            f" · {fmt(float(data.invstd[c0]))} = {fmt(float(data.x_hat[first]))}"
        )
    )
    if data.x.ndim == 2:
        rows, cols = _window(data.x.shape[0], MAX_ROWS), _window(data.x.shape[1], 8)
        tables = [_table(data.x_hat, rows, cols, "sample ", "feature ", title="x̂")]
        if affine:
            tables.append(_table(data.y, rows, cols, "sample ", "feature ", title="y"))
        parts.append(Columns(tables, padding=(0, 4)))
        return parts
    for c in shown:
        if c is None:
            parts.append(Text(_more_channels(data, shown), style="dim"))
            continue
        tables = [_slice_table(data, data.x_hat, c, 0, f"channel {c + 1}, sample 1: x̂")]
        if affine:
            tables.append(_slice_table(data, data.y, c, 0, f"channel {c + 1}, sample 1: y"))
        parts.append(Columns(tables, padding=(0, 4)))
    return parts


def _vector(values: np.ndarray | None, default: str) -> str:
    if values is None:
        return f"{default} (not given)"
    return "[" + ", ".join(fmt(float(v)) for v in values) + "]"


# -- running statistics ----------------------------------------------------------------
def _running(data: TraceData, title: str) -> list[RenderableType]:
    convention = CONVENTIONS[data.convention]
    if convention.stores_unbiased_var:
        stored, stored_label = data.var_unbiased, "s² (unbiased)"
    else:
        stored, stored_label = data.var, "σ² (biased)"
    m = fmt(data.momentum, 6)
    if convention.momentum_weights_old:
        rule = "new = m · old + (1 - m) · batch"
        keep, take = m, f"(1 - {m})"
    else:
        rule = "new = (1 - m) · old + m · batch"
        keep, take = f"(1 - {m})", m
    c0 = 0
    worked_mean = (
        f"  channel 1: running mean = {keep} · {_paren(data.running_mean[c0])} + {take} · "
        f"{_paren(data.mean[c0])} = {fmt(float(data.new_running_mean[c0]))}"
    )
    worked_var = (
        f"  channel 1: running var  = {keep} · {_paren(data.running_var[c0])} + {take} · "
        f"{_paren(stored[c0])} = {fmt(float(data.new_running_var[c0]))}"
    )
    lines = [
        f"  {data.convention}: {rule}   with m = momentum = {m}",
        f"  the running mean tracks μ; the running var tracks {stored_label}",
        worked_mean,
        worked_var,
    ]
    columns = [
        data.running_mean, data.mean, data.new_running_mean,
        data.running_var, stored, data.new_running_var,
    ]  # fmt: skip
    labels = ["old mean", "μ", "new mean", "old var", stored_label.split()[0], "new var"]
    rows = _window(data.num_channels, 16)
    table = _per_channel_table(columns, labels, rows)
    return [_step(title), *[hanging(line) for line in lines], table]


# -- tables ----------------------------------------------------------------------------
def _window(size: int, limit: int) -> list[int | None]:
    """Indices to show out of ``size``: all, or the first ones, ``None`` (…), and the last."""
    if size <= limit + 1:  # hiding a single index saves nothing
        return list(range(size))
    return [*range(max(limit - 1, 1)), None, size - 1]


def _labels(indices: Sequence[int | None], prefix: str) -> list[str]:
    """``sample 1``, ``feature 2``: counted from 1, as the lessons count (tensor dims, as
    in ``dims (0,)``, keep Python's 0)."""
    return ["…" if i is None else f"{prefix}{i + 1}" for i in indices]


def _table(
    matrix: np.ndarray,
    rows: list[int | None],
    cols: list[int | None],
    row_prefix: str,
    col_prefix: str,
    highlight_col: int | None = None,
    title: str | None = None,
) -> RenderableType:
    cells = [[None if r is None or c is None else float(matrix[r, c]) for c in cols] for r in rows]
    marked = [
        (i, j)
        for i, r in enumerate(rows)
        for j, c in enumerate(cols)
        if r is not None and c is not None and c == highlight_col
    ]
    return number_table(
        cells, _labels(rows, row_prefix), _labels(cols, col_prefix), marked, title=title
    )


def _per_channel_table(
    columns: Sequence[np.ndarray], labels: list[str], rows: list[int | None]
) -> RenderableType:
    cells = [[None if r is None else float(col[r]) for col in columns] for r in rows]
    return number_table(cells, _labels(rows, "channel "), labels)


def _slice_table(
    data: TraceData, array: np.ndarray, channel: int, sample: int, title: str
) -> RenderableType:
    plane = data.channel_values(array, channel)[sample]  # [H, W]
    rows, cols = _window(plane.shape[0], MAX_SIDE), _window(plane.shape[1], MAX_SIDE)
    return _table(plane, rows, cols, "h", "w", title=title)


def _slices(
    data: TraceData, array: np.ndarray, channel: int, samples: list[int | None]
) -> RenderableType:
    tables: list[RenderableType] = []
    for n in samples:
        if n is None:
            hidden = data.x.shape[0] - len(samples) + 1
            tables.append(Text(f"… {_plural(hidden, 'more sample')}"))
        else:
            tables.append(_slice_table(data, array, channel, n, f"sample {n + 1}"))
    return Columns(tables, padding=(0, 3))


def _more_channels(data: TraceData, shown: list[int | None]) -> str:
    hidden = data.num_channels - (len(shown) - 1)
    return f"  … {_plural(hidden, 'more channel')} (every value: --json)"
