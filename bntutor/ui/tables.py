"""A 2-D list of numbers as a table, with labels and highlighted cells.

Highlighted cells are shown in a style *and* between brackets, ``[2.5]``, so the highlight
is still visible with ``--no-color``, ``NO_COLOR`` or when the output is piped. Numbers
line up on their decimal point. Numbers are never cut: on a narrow terminal labels and
headers wrap, and a table still too wide is shown in parts of a few columns each, every
part with the row labels (or, without them, the first column).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from numbers import Real

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from bntutor.numbers import format_number

HIGHLIGHT_STYLE = "bold yellow"
MIN_LABEL_WIDTH = 12  # row labels wrap, but not narrower than this (or their longest word)
Cell = float | int | None


class NumberTable:
    """Rows of formatted numbers; laid out when the width is known (see module doc)."""

    GAP = 3  # between two columns: a blank, the box's separator, a blank

    def __init__(
        self,
        cells: list[list[tuple[Text, int]]],
        row_labels: Sequence[str] | None,
        col_labels: Sequence[str] | None,
        title: str | None,
    ) -> None:
        self.cells = cells
        self.row_labels = row_labels
        self.col_labels = col_labels
        self.title = title
        self.width = len(cells[0]) if cells else 0

    def table(self, columns: Sequence[int], max_width: int) -> Table:
        """The rich Table of ``columns``, without the title, the columns' widths fixed to
        fit ``max_width`` (see :meth:`widths`)."""
        fixed = iter(self.widths(columns, max_width))
        table = Table(
            box=box.SIMPLE_HEAD if self.col_labels is not None else box.SIMPLE,
            show_header=self.col_labels is not None,
            pad_edge=False,
            show_edge=False,
        )
        if self.row_labels is not None:
            table.add_column("", style="dim", justify="left", overflow="fold",
                             min_width=self._label_width()[0], width=next(fixed))
        for c in columns:
            header = Text(self.col_labels[c]) if self.col_labels is not None else ""
            table.add_column(header, justify="right", overflow="fold",
                             min_width=self._cells_width(c), width=next(fixed))
        for r, row in enumerate(self.cells):
            shown = [Padding(text, (0, pad, 0, 0)) if pad else text
                     for text, pad in (row[c] for c in columns)]
            if self.row_labels is not None:
                table.add_row(Text(self.row_labels[r]), *shown)
            else:
                table.add_row(*shown)
        return table

    # -- widths (the sizes rich's Table will give each column) ------------------------------
    def _label_width(self) -> tuple[int, int]:
        """Narrowest and natural width of the row labels' column (0, 0 without labels)."""
        if self.row_labels is None:
            return 0, 0
        longest = max((cell_len(label) for label in self.row_labels), default=0)
        word = max((cell_len(w) for label in self.row_labels for w in label.split()), default=0)
        return min(longest, max(MIN_LABEL_WIDTH, word)), longest

    def _cells_width(self, c: int) -> int:
        return max((text.cell_len + pad for text, pad in (row[c] for row in self.cells)),
                   default=0)

    def _column_width(self, c: int) -> tuple[int, int]:
        header = self.col_labels[c] if self.col_labels is not None else ""
        word = max((cell_len(w) for w in header.split()), default=0)
        cells = self._cells_width(c)
        return max(cells, word), max(cells, cell_len(header))

    def widths(self, columns: Sequence[int], max_width: int) -> list[int]:
        """Content widths (row labels first) within ``max_width``: each column at its
        natural width, then the ones with the most room to spare narrowed (labels and
        headers wrap), never below their narrowest."""
        sizes = [self._column_width(c) for c in columns]
        if self.row_labels is not None:
            sizes.insert(0, self._label_width())
        widths = [natural for _, natural in sizes]
        excess = sum(widths) + self.GAP * (len(widths) - 1) - max_width
        while excess > 0:
            slack, i = max((w - size[0], i) for i, (size, w) in enumerate(zip(sizes, widths,
                                                                                strict=True)))
            if slack <= 0:
                break
            widths[i] -= 1
            excess -= 1
        return widths

    def _width(self, columns: Sequence[int], natural: bool, labels_natural: bool) -> int:
        widths = [self._column_width(c)[natural] for c in columns]
        if self.row_labels is not None:
            widths.append(self._label_width()[labels_natural])
        return sum(widths) + self.GAP * (len(widths) - 1)

    def parts(self, max_width: int) -> list[list[int]]:
        """Columns per part: all at once if they fit, even with wrapped labels and headers;
        else as many per part as fit with whole headers (at least one). Without row labels
        the first column (a degree, a batch size...) starts every part instead."""
        every = list(range(self.width))
        if self._width(every, False, False) <= max_width:
            return [every]
        key = [0] if self.row_labels is None and self.width > 2 else []
        parts: list[list[int]] = []
        start = len(key)
        while start < self.width:
            end = start + 1
            while end < self.width and (
                self._width([*key, *range(start, end + 1)], True, False) <= max_width
            ):
                end += 1
            parts.append([*key, *range(start, end)])
            start = end
        return parts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.title is not None:
            yield Text(self.title, style="bold")
        for i, columns in enumerate(self.parts(options.max_width)):
            if i:
                yield Text("")
            yield self.table(columns, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        every = list(range(self.width))
        title = cell_len(self.title) if self.title is not None else 0
        narrowest = min((self._width([c], False, False) for c in every), default=0)
        natural = max(self._width(every, True, True), title)
        return Measurement(narrowest, natural).clamp(max_width=options.max_width)


def number_table(
    values: Sequence[Sequence[Cell]] | Sequence[Cell],
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    highlight: Collection[tuple[int, int]] = (),
    digits: int = 4,
    title: str | None = None,
) -> NumberTable:
    """Render ``values`` (rows of numbers; a flat list is one row) as a right-aligned table.

    ``highlight`` holds ``(row, col)`` cells to emphasise; ``None`` cells show as ``…``
    (use them to mark rows or columns left out). Labels must match the table's size.
    """
    rows = _rows(values)
    width = max((len(row) for row in rows), default=0)
    if any(len(row) != width for row in rows):
        raise ValueError("number_table needs rows of equal length")
    if row_labels is not None and len(row_labels) != len(rows):
        raise ValueError(f"number_table got {len(row_labels)} row labels for {len(rows)} rows")
    if col_labels is not None and len(col_labels) != width:
        raise ValueError(f"number_table got {len(col_labels)} column labels for {width} columns")
    marked = set(highlight)
    texts = [[format_number(value, digits) for value in row] for row in rows]
    pads = [decimal_padding([row[c] for row in texts]) for c in range(width)]
    cells = [
        [(_cell(text, (r, c) in marked, bool(marked)), pads[c][r]) for c, text in enumerate(row)]
        for r, row in enumerate(texts)
    ]
    return NumberTable(cells, row_labels, col_labels, title)


def decimal_padding(column: list[str]) -> list[int]:
    """Blanks to put after each number so that, right-justified, the decimal points line
    up: ``["1", "2.5", "0.125"]`` -> ``[4, 2, 0]``. Scientific notation and other texts
    (``…``, ``nan``) get none."""
    decimals = [_decimals(text) for text in column]
    most = max((d for d in decimals if d is not None), default=0)
    if most == 0:
        return [0] * len(column)
    return [0 if d is None else most - d + (d == 0) for d in decimals]


def _decimals(text: str) -> int | None:
    """Digits after the decimal point of a plain number (0 for an integer); None else."""
    body = text.lstrip("-")
    if not body or not body.replace(".", "", 1).isdigit():
        return None
    return len(body) - body.index(".") - 1 if "." in body else 0


def _rows(values: Sequence[Sequence[Cell]] | Sequence[Cell]) -> list[list[Cell]]:
    if len(values) and all(v is None or isinstance(v, Real) for v in values):
        return [list(values)]  # type: ignore[arg-type]
    return [list(row) for row in values]  # type: ignore[arg-type]


def _cell(text: str, highlighted: bool, pad: bool) -> Text:
    if highlighted:
        return Text(f"[{text}]", style=HIGHLIGHT_STYLE)
    return Text(f" {text} " if pad else text)
