"""BN step by step: a :class:`TraceData` as rich renderables.

Every number shown comes from the trace; this module only picks, lays out and formats
(big batches are clipped with ``…``: ``--json`` has everything).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.cells import cell_len
from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.text import Text

from bntutor.conventions import CONVENTIONS
from bntutor.messages import message, translate
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
_Y = latex_to_unicode(r"y = \gamma \hat{x} + \beta")


def _xhat_eval(lang: str) -> str:
    mean, var = (translate(f"running {name}", lang) for name in ("mean", "var"))
    return latex_to_unicode(
        rf"\hat{{x}} = \frac{{x - \text{{{mean}}}}}{{\sqrt{{\text{{{var}}} + \epsilon}}}}")


def render_trace(data: TraceData, lang: str = "en") -> Group:
    """The whole computation: sources of the statistics, statistics, x̂ and y, running stats,
    in ``lang``; a few channels are explained one by one (4 features, 2 image channels)."""
    shown = _window(data.num_channels,
                    MAX_CHANNELS if data.x.ndim == 2 else MAX_IMAGE_CHANNELS)
    parts: list[RenderableType] = [_header(data, lang)]
    if data.training:
        parts += _sources(data, shown, step_heading(1, "sources", lang), lang)
        parts += _statistics(data, step_heading(2, "per_channel", lang), lang)
        parts += _normalize(data, shown, step_heading(3, "normalize", lang), lang)
        parts += _running(data, step_heading(4, "running_after", lang), lang)
    else:
        parts += _statistics(data, step_heading(1, "eval", lang), lang)
        parts += _normalize(data, shown, step_heading(2, "normalize", lang), lang)
        parts += [step_heading(3, "running", lang), Text(message("compute.unchanged", lang))]
    return Group(*parts)


def _header(data: TraceData, lang: str) -> Text:
    shape = "×".join(str(s) for s in data.x.shape)
    mode = message("compute.mode." + ("training" if data.training else "eval"), lang)
    text = Text()
    text.append(message("compute.bn_of", lang, shape=shape), style="bold")
    text.append(message("compute.setting", lang, layout=data.layout, mode=mode,
                        convention=data.convention))
    text.append(message("compute.scalars", lang, momentum=fmt(data.momentum, 6),
                        eps=fmt(data.eps)))
    if data.seed is not None:
        text.append("\n" + message("compute.seed", lang, seed=data.seed), style="dim")
    channels = _plural(data.num_channels, "channel", lang)
    if data.training:
        text.append("\n" + message("compute.over_dims", lang, dims=tuple(data.reduce_dims),
                                   n=data.count, channels=channels))
    else:
        text.append("\n" + message("compute.on_axis", lang, channels=channels,
                                   axis=data.channel_axis))
    return text


def step_heading(k: int, title: str, lang: str, style: str = "bold cyan") -> Text:
    """``Step k: title`` after a blank line (``title``: a key under ``compute.title``)."""
    title = message(f"compute.title.{title}", lang)
    return Text("\n" + message("compute.step", lang, k=k, title=title), style=style)


# -- training: where the numbers come from ---------------------------------------------
def _sources(data: TraceData, shown: list[int | None], title: Text,
             lang: str) -> list[RenderableType]:
    parts: list[RenderableType] = [title]
    for c in shown:
        if c is None:
            parts.append(Text(_more_channels(data, shown, lang), style="dim"))
            continue
        if data.x.ndim == 2:
            rows = _window(data.x.shape[0], MAX_ROWS)
            feature = translate(f"feature {c + 1}", lang)
            parts.append(Text(message("compute.highlighted", lang, feature=feature,
                                      n=data.count)))
            cols = _window(data.x.shape[1], 8)
            parts.append(matrix_table(data.x, rows, cols, "sample ", "feature ", lang, c))
        else:
            parts.append(Text(_count_story(data, c, lang)))
            parts.append(_slices(data, data.x, c, _window(data.x.shape[0], MAX_SAMPLES), lang))
        parts += [hanging(line, _STAT_HANG) for line in _stat_lines(data, c, lang)]
    return parts


def _count_story(data: TraceData, c: int, lang: str) -> str:
    sizes = [data.x.shape[d] for d in data.reduce_dims]
    names = [_axis_name(data, d) for d in data.reduce_dims]
    return message("compute.story", lang, channel=translate(f"channel {c + 1}", lang),
                   names="·".join(names), sizes="·".join(map(str, sizes)), n=data.count)


def _axis_name(data: TraceData, dim: int) -> str:
    return data.layout[dim] if len(data.layout) == data.x.ndim else f"d{dim}"


_STAT_HANG = len("  unbiased var  ")  # where the formulas of the statistics start


def _stat_lines(data: TraceData, c: int, lang: str) -> list[str]:
    values = data.channel_values(data.x, c).ravel()
    n, mean, var = data.count, fmt(float(data.mean[c])), fmt(float(data.var[c]))
    if n <= MAX_TERMS:
        total = " + ".join(fmt(float(v)) for v in values)
        squares = " + ".join(f"({fmt(float(v))} - {_paren(data.mean[c])})²" for v in values)
    else:
        total = message("compute.sum_values", lang, n=n)
        squares = message("compute.sum_squares", lang, n=n, mean=mean)
    label = {name: message(f"compute.stat.{name}", lang) for name in ("mean", "biased", "unbiased")}
    width = _STAT_HANG - 2

    def lead(name: str) -> str:
        return "  " + label[name] + " " * (width - cell_len(label[name]))

    return [
        f"{lead('mean')}μ  = ({total}) / {n} = {mean}",
        f"{lead('biased')}σ² = ({squares}) / {n} = {var}",
        f"{lead('unbiased')}s² = σ² · n/(n - 1) = {var} · {n}/{n - 1}"
        f" = {fmt(float(data.var_unbiased[c]))}",
    ]


def _plural(count: int, noun: str, lang: str) -> str:
    return message(f"compute.{noun}{'s' * (count != 1)}_count", lang, n=count)


def _paren(value: float) -> str:
    text = fmt(float(value))
    return f"({text})" if text.startswith("-") else text


def _statistics(data: TraceData, title: Text, lang: str) -> list[RenderableType]:
    """The statistics of every channel: the batch's in training, the running ones in eval
    mode (which uses no part of the batch)."""
    rows = _window(data.num_channels, 16)
    if data.training:
        columns = [data.mean, data.var, data.var_unbiased, data.invstd]
        labels = [message("compute.mu_mean", lang), "σ² (÷ n)", "s² (÷ n-1)", "1/√(σ² + ε)"]
        return [title, _per_channel_table(columns, labels, rows, lang)]
    columns = [data.mean, data.var, data.invstd]
    labels = [translate("running mean", lang), translate("running var", lang), "1/√(var + ε)"]
    note = Text(message("compute.no_part", lang))
    return [title, note, _per_channel_table(columns, labels, rows, lang)]


# -- x̂ and y ---------------------------------------------------------------------------
def _normalize(data: TraceData, shown: list[int | None], title: Text,
               lang: str) -> list[RenderableType]:
    biased = message("compute.with_biased", lang)
    parts: list[RenderableType] = [
        title,
        hanging(f"  {_XHAT}    {biased}" if data.training else f"  {_xhat_eval(lang)}"),
        hanging(f"  {_Y}"),
    ]
    affine = data.gamma is not None or data.beta is not None
    if not affine:
        parts.append(hanging("  " + message("compute.no_affine", lang)))
    else:
        gamma, beta = _vector(data.gamma, "1", lang), _vector(data.beta, "0", lang)
        parts.append(hanging(f"  γ = {gamma}   β = {beta}"))
    first = (0,) * data.x.ndim
    c0 = first[data.channel_axis]
    parts.append(
        hanging(
            "  " + message("compute.first_value", lang)
            + f"x̂ = ({fmt(float(data.x[first]))} - {_paren(data.mean[c0])})"
            f" · {fmt(float(data.invstd[c0]))} = {fmt(float(data.x_hat[first]))}"
        )
    )
    what = list(zip((data.x_hat, data.y), ["x̂", "y"] if affine else ["x̂"], strict=False))
    if data.x.ndim == 2:
        rows, cols = _window(data.x.shape[0], MAX_ROWS), _window(data.x.shape[1], 8)
        parts.append(Columns([matrix_table(array, rows, cols, "sample ", "feature ", lang,
                                           title=name) for array, name in what], padding=(0, 4)))
        return parts
    for c in shown:
        if c is None:
            parts.append(Text(_more_channels(data, shown, lang), style="dim"))
            continue
        channel = translate(f"channel {c + 1}", lang)
        tables = [_slice_table(data, array, c, 0, lang,
                               message("compute.slice", lang, channel=channel, what=name))
                  for array, name in what]
        parts.append(Columns(tables, padding=(0, 4)))
    return parts


def _vector(values: np.ndarray | None, default: str, lang: str) -> str:
    if values is None:
        return message("compute.not_given", lang, value=default)
    return "[" + ", ".join(fmt(float(v)) for v in values) + "]"


# -- running statistics ----------------------------------------------------------------
def _running(data: TraceData, title: Text, lang: str) -> list[RenderableType]:
    convention = CONVENTIONS[data.convention]
    if convention.stores_unbiased_var:
        stored, symbol, kind = data.var_unbiased, "s²", "unbiased"
    else:
        stored, symbol, kind = data.var, "σ²", "biased"
    stored_label = message(f"compute.stored.{kind}", lang)
    m = fmt(data.momentum, 6)
    if convention.momentum_weights_old:
        rule = "new = m · old + (1 - m) · batch"
        keep, take = m, f"(1 - {m})"
    else:
        rule = "new = (1 - m) · old + m · batch"
        keep, take = f"(1 - {m})", m
    worked = [
        "  " + message(f"compute.worked_{name}", lang)
        + f"{keep} · {_paren(old[0])} + {take} · {_paren(batch[0])} = {fmt(float(new[0]))}"
        for name, old, batch, new in (
            ("mean", data.running_mean, data.mean, data.new_running_mean),
            ("var", data.running_var, stored, data.new_running_var))
    ]  # channel 1 worked out
    lines = [
        "  " + message("compute.rule", lang, convention=data.convention, rule=rule, m=m),
        "  " + message("compute.tracks", lang, stored=stored_label),
        *worked,
    ]
    columns = [
        data.running_mean, data.mean, data.new_running_mean,
        data.running_var, stored, data.new_running_var,
    ]  # fmt: skip
    labels = [message("compute.old_mean", lang), "μ", message("compute.new_mean", lang),
              message("compute.old_var", lang), symbol, message("compute.new_var", lang)]
    rows = _window(data.num_channels, 16)
    table = _per_channel_table(columns, labels, rows, lang)
    return [title, *[hanging(line) for line in lines], table]


# -- tables ----------------------------------------------------------------------------
def _window(size: int, limit: int) -> list[int | None]:
    """Indices to show out of ``size``: all, or the first ones, ``None`` (…), and the last."""
    if size <= limit + 1:  # hiding a single index saves nothing
        return list(range(size))
    return [*range(max(limit - 1, 1)), None, size - 1]


def counted(indices: Sequence[int | None], prefix: str, lang: str) -> list[str]:
    """``sample 1``, ``feature 2`` (in ``lang``): counted from 1, as the lessons count
    (tensor dims, as in ``dims (0,)``, keep Python's 0)."""
    return ["…" if i is None else translate(f"{prefix}{i + 1}", lang) for i in indices]


def matrix_table(
    matrix: np.ndarray,
    rows: list[int | None],
    cols: list[int | None],
    row_prefix: str,
    col_prefix: str,
    lang: str,
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
        cells, counted(rows, row_prefix, lang), counted(cols, col_prefix, lang), marked,
        title=title,
    )


def _per_channel_table(
    columns: Sequence[np.ndarray], labels: list[str], rows: list[int | None], lang: str
) -> RenderableType:
    cells = [[None if r is None else float(col[r]) for col in columns] for r in rows]
    return number_table(cells, counted(rows, "channel ", lang), labels)


def _slice_table(
    data: TraceData, array: np.ndarray, channel: int, sample: int, lang: str, title: str
) -> RenderableType:
    plane = data.channel_values(array, channel)[sample]  # [H, W]
    rows, cols = _window(plane.shape[0], MAX_SIDE), _window(plane.shape[1], MAX_SIDE)
    return matrix_table(plane, rows, cols, "h", "w", lang, title=title)


def _slices(
    data: TraceData, array: np.ndarray, channel: int, samples: list[int | None], lang: str
) -> RenderableType:
    tables: list[RenderableType] = []
    for n in samples:
        if n is None:
            hidden = data.x.shape[0] - len(samples) + 1
            more = "compute.more_sample" + "s" * (hidden != 1)
            tables.append(Text(message(more, lang, n=hidden)))
        else:
            title = translate(f"sample {n + 1}", lang)
            tables.append(_slice_table(data, array, channel, n, lang, title))
    return Columns(tables, padding=(0, 3))


def _more_channels(data: TraceData, shown: list[int | None], lang: str) -> str:
    hidden = data.num_channels - (len(shown) - 1)
    return message("compute.more_channel" + "s" * (hidden != 1), lang, n=hidden)
