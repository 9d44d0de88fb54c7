"""The table of lessons: number, slug, title, minutes, and the learner's progress."""

from __future__ import annotations

from dataclasses import dataclass

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from bntutor.messages import message
from bntutor.ui._cjk import cjk_text

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


class LessonTable:
    """The table of lessons; on a narrow screen the slug column is left out (the number
    works as well in ``bntutor lesson N``) so that titles keep room to read."""

    NARROW = 72

    def __init__(self, rows: list[LessonRow], title: str | None = None,
                 lang: str = "en") -> None:
        self.rows = rows
        self.title = title
        self.lang = lang

    def table(self, with_slug: bool = True) -> Table:
        table = Table(
            title=self.title,
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
        )
        table.add_column("#", justify="right")
        if with_slug:
            table.add_column(message("table.lesson", self.lang), style="cyan", no_wrap=True)
        table.add_column(message("table.title", self.lang), overflow="fold")
        table.add_column(message("table.minutes", self.lang), justify="right")
        table.add_column(message("table.progress", self.lang), justify="right", no_wrap=True)
        for row in self.rows:
            slug = [row.slug] if with_slug else []
            table.add_row(str(row.number), *slug, cjk_text(Text(row.title)), str(row.minutes),
                          progress_text(row))
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(with_slug=options.max_width >= self.NARROW)


def lesson_table(rows: list[LessonRow], title: str | None = None,
                 lang: str = "en") -> LessonTable:
    return LessonTable(rows, title, lang)
