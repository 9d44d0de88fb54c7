"""The table of lessons: number, slug, title, minutes, and the learner's progress."""

from __future__ import annotations

from dataclasses import dataclass

from rich import box
from rich.table import Table
from rich.text import Text

DONE_MARK = "✓"


@dataclass(frozen=True)
class LessonRow:
    number: int
    slug: str
    title: str
    minutes: int
    steps: int
    steps_done: int = 0
    finished: bool = False
    started: bool = False


def progress_text(row: LessonRow) -> Text:
    """``—`` (not started), ``3/12`` (started), ``12/12 ✓`` (finished)."""
    if row.finished:
        return Text(f"{row.steps}/{row.steps} {DONE_MARK}", style="green")
    if not row.started:
        return Text("—", style="dim")
    return Text(f"{row.steps_done}/{row.steps}", style="yellow")


def lesson_table(rows: list[LessonRow], title: str | None = None) -> Table:
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("#", justify="right")
    table.add_column("lesson", style="cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("min", justify="right")
    table.add_column("progress", justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            str(row.number), row.slug, row.title, str(row.minutes), progress_text(row)
        )
    return table
