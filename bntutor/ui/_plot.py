"""A PlotBlock drawn by plotext into a string of a fixed size, with a legend of our own.

plotext keeps one global figure; it is cleared before and after each drawing, so nothing
carries over between plots. Each series gets its own marker symbol *and* colour, so the
plot still reads without colour (``--no-color``, pipes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text

from bntutor.live.results import PlotBlock, Series

BLOCK = "█"  # solid bars when one series fills the plot
SYMBOLS = ("•", "x", "+", "o", "*", "#", "~", "=")
COLORS = (12, 9, 10, 13, 11, 14, 208, 7)  # 256-colour indices: blue, red, green, magenta ...
HIST_HEIGHT = 10  # per series: histograms are drawn one under the other


@dataclass(frozen=True)
class PlotSize:
    width: int
    height: int


def legend(series: list[Series], colorless: bool, width: int | None = None) -> Text:
    """``• label   x label`` in each series' colour; within ``width``, an entry that
    would not fit on the line starts the next one whole."""
    text = Text()
    column = 0
    for i, s in enumerate(series):
        entry = f"{SYMBOLS[i % len(SYMBOLS)]} {s.label}"
        if i:
            fits = width is None or column + 3 + cell_len(entry) <= width
            text.append("   " if fits else "\n")
            column = column + 3 if fits else 0
        style = "" if colorless else f"color({COLORS[i % len(COLORS)]})"
        text.append(entry, style=style)
        column += cell_len(entry)
    return text


def draw(block: PlotBlock, size: PlotSize, colorless: bool) -> list[Text]:
    """The plot as lines of text (ANSI styles turned into rich styles)."""
    import plotext

    figure = plotext.figure
    panels: list[str] = []
    try:
        if block.kind == "hist":
            for i, s in enumerate(block.series):
                figure.clear()
                _setup(figure, PlotSize(size.width, HIST_HEIGHT), colorless, block.xlabel, "")
                figure.title(s.label)
                figure.draw(figure.hist(list(s.x), block.bins, marker=_marker(i, BLOCK)))
                panels.append(figure.build().string(colorless=colorless))
        else:
            figure.clear()
            _setup(figure, size, colorless, block.xlabel, block.ylabel)
            if block.kind == "bar":
                _bars(figure, block)
            else:
                for i, s in enumerate(block.series):
                    signal = figure.signal(list(s.x), list(s.y), marker=_marker(i))
                    signal.lines(block.kind == "line")
                    figure.draw(signal)
            panels.append(figure.build().string(colorless=colorless))
    finally:
        figure.clear()
    return [Text.from_ansi(p) if not colorless else Text(p) for p in panels]


def _setup(figure: Any, size: PlotSize, colorless: bool, xlabel: str, ylabel: str) -> None:
    figure.plot_size(size.width, size.height)
    figure.theme("colorless" if colorless else "simple")
    if xlabel:
        figure.label(xlabel, axis="x")
    if ylabel:
        figure.label(ylabel, axis="y")


def _bars(figure: Any, block: PlotBlock) -> None:
    first = block.series[0]
    x: list[Any] = list(block.labels) if block.labels else list(first.x)
    heights = [list(s.y) for s in block.series]
    markers = [_marker(i, BLOCK if len(heights) == 1 else None) for i in range(len(heights))]
    bar = figure.bar(x, heights[0] if len(heights) == 1 else heights,
                     marker=markers[0] if len(markers) == 1 else markers)
    figure.draw(bar)


def _marker(i: int, symbol: str | None = None) -> Any:
    import plotext

    return plotext.marker(symbol or SYMBOLS[i % len(SYMBOLS)],
                          plotext.pixel(foreground=COLORS[i % len(COLORS)]))


def needs_legend(block: PlotBlock) -> bool:
    """Histograms title each panel; a bar chart of one series needs no key either."""
    return block.kind in ("line", "scatter") or len(block.series) > 1 and block.kind == "bar"
