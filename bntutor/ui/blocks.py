"""Render a live result's display blocks: tables of numbers, named scalars, plots, text.

``render_blocks(result)`` gives one renderable for a :class:`~bntutor.live.LiveResult`
(or a list of blocks). Plots are drawn at print time, at a fixed small size that fits
the console; on a console too narrow for a plot its series are summarized in a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from bntutor.live.results import (
    Block,
    LiveResult,
    PlotBlock,
    ScalarsBlock,
    TensorBlock,
    TextBlock,
)
from bntutor.messages import translate
from bntutor.numbers import format_number
from bntutor.ui._plot import PlotSize, draw, legend, needs_legend
from bntutor.ui.prose import labelled, markdown
from bntutor.ui.tables import decimal_padding, number_table

PLOT_WIDTH = 64
PLOT_HEIGHT = 14
MIN_PLOT_WIDTH = 36  # below this a plot is unreadable: summarize it instead


def render_blocks(blocks: LiveResult | Sequence[Block], lang: str = "en") -> RenderableType:
    """All blocks, one under the other with a blank line between; their labels in ``lang``."""
    items = blocks.blocks if isinstance(blocks, LiveResult) else blocks
    parts: list[RenderableType] = []
    for i, block in enumerate(items):
        if i:
            parts.append(Text(""))
        parts.append(render_block(localized(block, lang), lang))
    return Group(*parts)


def localized(block: Block, lang: str) -> Block:
    """``block`` with its titles, captions and labels in ``lang`` (see
    :func:`bntutor.messages.translate`); numbers and identifiers stay as they are."""
    if lang == "en":
        return block

    def tr(text: str) -> str:
        return translate(text, lang)

    def trs(texts: list[str] | None) -> list[str] | None:
        return None if texts is None else [tr(t) for t in texts]

    if isinstance(block, TensorBlock):
        return replace(block, title=tr(block.title), caption=tr(block.caption),
                       row_labels=trs(block.row_labels), col_labels=trs(block.col_labels))
    if isinstance(block, ScalarsBlock):
        return replace(block, title=tr(block.title), items=[
            (tr(name), tr(value) if isinstance(value, str) else value)
            for name, value in block.items])
    if isinstance(block, PlotBlock):
        return replace(block, title=tr(block.title), xlabel=tr(block.xlabel),
                       ylabel=tr(block.ylabel), labels=trs(block.labels),
                       series=[replace(s, label=tr(s.label)) for s in block.series])
    return block


def render_block(block: Block, lang: str = "en") -> RenderableType:
    if isinstance(block, TensorBlock):
        return tensor_view(block)
    if isinstance(block, ScalarsBlock):
        return scalars_view(block)
    if isinstance(block, PlotBlock):
        return PlotView(block, lang=lang)
    if isinstance(block, TextBlock):
        return markdown(block.text)
    raise TypeError(f"cannot render {type(block).__name__}")


def tensor_view(block: TensorBlock) -> RenderableType:
    table = number_table(block.values, block.row_labels, block.col_labels, block.highlight,
                         block.digits, block.title)
    if not block.caption:
        return table
    return Group(table, Text(block.caption, style="dim"))


#: A text value longer than this is not put in the table (where it would squeeze the
#: names and numbers out of a narrow screen): it follows the table, wrapped under its name.
LONG_VALUE = 24


def scalars_view(block: ScalarsBlock) -> RenderableType:
    """The title (wrapped at the screen's width, not the table's), then name and value
    rows; a long name wraps, a number never does; a long text value follows the table,
    wrapped under its name."""
    items = [(n, v) for n, v in block.items if not _long_text(v)]
    long = [(n, v) for n, v in block.items if _long_text(v)]
    table = Table(show_header=False, box=box.SIMPLE, pad_edge=False, show_edge=False)
    shown = [v if isinstance(v, str) else format_number(v, block.digits) for _, v in items]
    pads = decimal_padding(shown)
    table.add_column(style="dim", overflow="fold")
    table.add_column(justify="right", no_wrap=True,
                     min_width=max((cell_len(v) + p for v, p in zip(shown, pads, strict=True)),
                                   default=0))
    for (name, _), value, pad in zip(items, shown, pads, strict=True):
        table.add_row(Text(name), Padding(Text(value), (0, pad, 0, 0)) if pad else Text(value))
    parts: list[RenderableType] = [Text(block.title, style="bold")] if block.title else []
    if items:
        parts.append(table)
    for name, text in long:
        parts += [Text(name, style="dim"), labelled("  ", Text(str(text)))]
    return parts[0] if len(parts) == 1 else Group(*parts)


def _long_text(value: object) -> bool:
    return isinstance(value, str) and cell_len(value) > LONG_VALUE


class PlotView:
    """A PlotBlock, drawn when the console's width is known."""

    def __init__(self, block: PlotBlock, lang: str = "en"):
        self.block = block
        self.lang = lang  # of the summary a too narrow console gets instead

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = min(options.max_width, PLOT_WIDTH)
        colorless = console.no_color or console.color_system is None
        yield Text(self.block.title, style="bold")
        if width < MIN_PLOT_WIDTH or not self.block.series:
            yield from self._summary(translate("(too narrow for a plot)", self.lang))
            return
        try:
            lines = draw(self.block, PlotSize(width, PLOT_HEIGHT), colorless)
        except Exception as exc:  # plotext gave up on this data: the numbers still show
            yield from self._summary(translate(f"(no plot: {type(exc).__name__})", self.lang))
            return
        yield from lines
        if needs_legend(self.block):
            yield legend(self.block.series, colorless, options.max_width)

    def _summary(self, note: str) -> Iterable[RenderableType]:
        """Each series as count, smallest, largest and last value."""
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        for header in ("series", "n", "min", "max", "last"):
            table.add_column(translate(header, self.lang),
                             justify="left" if header == "series" else "right")
        for s in self.block.series:
            values = s.x if self.block.kind == "hist" else s.y
            if values:
                cells = [format_number(v) for v in (min(values), max(values), values[-1])]
            else:
                cells = ["…"] * 3
            table.add_row(s.label, str(len(values)), *cells)
        yield table
        yield Text(note, style="dim")
