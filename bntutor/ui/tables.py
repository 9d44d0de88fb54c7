"""A 2-D list of numbers as a rich Table, with labels and highlighted cells.

Highlighted cells are shown in a style *and* between brackets, ``[2.5]``, so the highlight
is still visible with ``--no-color``, ``NO_COLOR`` or when the output is piped.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from numbers import Real

from rich import box
from rich.table import Table
from rich.text import Text

from bntutor.ui._numfmt import format_number

HIGHLIGHT_STYLE = "bold yellow"
Cell = float | int | None


def number_table(
    values: Sequence[Sequence[Cell]] | Sequence[Cell],
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    highlight: Collection[tuple[int, int]] = (),
    digits: int = 4,
    title: str | None = None,
) -> Table:
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
    pad = bool(marked)  # keep numbers aligned with the brackets of highlighted cells

    table = Table(
        title=Text(title) if title is not None else None,
        box=box.SIMPLE_HEAD if col_labels is not None else box.SIMPLE,
        show_header=col_labels is not None,
        title_justify="left",
        pad_edge=False,
        show_edge=False,
    )
    if row_labels is not None:
        table.add_column("", style="dim", justify="left", no_wrap=True)
    for c in range(width):
        header = Text(col_labels[c]) if col_labels is not None else ""
        table.add_column(header, justify="right", no_wrap=True)
    for r, row in enumerate(rows):
        cells = [_cell(value, digits, (r, c) in marked, pad) for c, value in enumerate(row)]
        if row_labels is not None:
            table.add_row(Text(row_labels[r]), *cells)
        else:
            table.add_row(*cells)
    return table


def _rows(values: Sequence[Sequence[Cell]] | Sequence[Cell]) -> list[list[Cell]]:
    if len(values) and all(v is None or isinstance(v, Real) for v in values):
        return [list(values)]  # type: ignore[arg-type]
    return [list(row) for row in values]  # type: ignore[arg-type]


def _cell(value: Cell, digits: int, highlighted: bool, pad: bool) -> Text:
    text = format_number(value, digits)
    if highlighted:
        return Text(f"[{text}]", style=HIGHLIGHT_STYLE)
    return Text(f" {text} " if pad else text)
