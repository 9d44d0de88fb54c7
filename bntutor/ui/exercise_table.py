"""The exercises as a table: number, name, title, lesson, status, hints used."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text


@dataclass(frozen=True)
class ExerciseRow:
    number: int
    name: str
    title: str
    lesson: str
    status: str  # new, started, failing, passed
    hints: int
    solution_shown: bool


_STATUS_STYLE = {"passed": "green", "failing": "red", "started": "yellow", "new": "dim"}


def exercise_table(rows: Sequence[ExerciseRow]) -> Table:
    table = Table(title="exercises", title_justify="left")
    for name, justify in (("#", "right"), ("name", "left"), ("title", "left"),
                          ("after lesson", "left"), ("status", "left"), ("hints", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for r in rows:
        status = r.status + (" (solution seen)" if r.solution_shown else "")
        table.add_row(str(r.number), r.name, r.title, r.lesson,
                      Text(status, style=_STATUS_STYLE.get(r.status, "")),
                      str(r.hints) if r.hints else "")
    return table
