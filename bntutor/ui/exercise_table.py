"""The exercises as a table: number, name, title, lesson, status, hints used."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from bntutor.messages import message


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


def exercise_table(rows: Sequence[ExerciseRow], lang: str = "en") -> Table:
    table = Table(title=message("exercise.table", lang), title_justify="left")
    table.add_column("#", justify="right")
    for key in ("name", "title", "lesson", "status"):
        table.add_column(message(f"exercise.col.{key}", lang))
    table.add_column(message("exercise.col.hints", lang), justify="right")
    for r in rows:
        status = message(f"exercise.status.{r.status}", lang)
        if r.solution_shown:
            status += message("exercise.solution_seen", lang)
        table.add_row(str(r.number), r.name, r.title, r.lesson,
                      Text(status, style=_STATUS_STYLE.get(r.status, "")),
                      str(r.hints) if r.hints else "")
    return table
