"""The table of lessons: number, slug, title, minutes, and the learner's progress."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len

from bntutor.messages import message
from bntutor.ui.styled_lines import Line, Span, plain_enough

if TYPE_CHECKING:  # imported where a table is drawn through rich: listings are drawn without
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.table import Table

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


def progress_span(row: LessonRow) -> Span:
    """``—`` (not started), ``3/12`` (started), ``12/12 ✓`` (finished), with its style."""
    if row.finished:
        return f"{row.steps}/{row.steps} {DONE_MARK}", "green"
    if not row.started:
        return "—", "dim"
    return f"{row.steps_done}/{row.steps}", "yellow"


class LessonTable:
    """The table of lessons; on a narrow screen the slug column is left out (the number
    works as well in ``bntutor lesson N``) so that titles keep room to read."""

    NARROW = 72

    def __init__(self, rows: list[LessonRow], lang: str = "en") -> None:
        self.rows = rows
        self.lang = lang

    def headers(self, with_slug: bool) -> list[str]:
        names = ["lesson"] if with_slug else []
        return ["#"] + [message(f"table.{name}", self.lang)
                        for name in (*names, "title", "minutes", "progress")]

    def lines(self, width: int) -> list[Line] | None:
        """The table as rich draws it at ``width`` columns (the titles wrapped in their
        column as rich wraps them), or None where only rich knows how it would look."""
        with_slug = width >= self.NARROW
        styles = ["", "cyan", "", "", ""] if with_slug else ["", "", "", ""]
        right = [True, False, False, True, True] if with_slug else [True, False, True, True]
        title = 2 if with_slug else 1
        rows: list[list[Span]] = [[(h, "bold") for h in self.headers(with_slug)]]
        for lesson in self.rows:
            slug = [lesson.slug] if with_slug else []
            cells = [str(lesson.number), *slug, lesson.title, str(lesson.minutes)]
            rows.append([*zip(cells, styles, strict=False), progress_span(lesson)])
        if not all(plain_enough(t) and "[" not in t for row in rows for t, _ in row):
            return None
        last = len(styles) - 1
        pads = [(i > 0) + (i < last) for i in range(len(styles))]
        widths = [max(cell_len(row[i][0]) for row in rows) + pads[i] for i in range(len(styles))]
        excess = sum(widths) + last - width
        if excess > 0:  # rich narrows the widest column that may wrap: here, the titles
            widths[title] -= excess
            if widths[title] < max(widths[0], widths[-2]) \
                    or widths[title] - pads[title] < cell_len(rows[0][title][0]):
                return None  # # or min narrowed too, or the heading would wrap
        lines: list[Line] = []
        for n, row in enumerate(rows):
            cell_style = ["bold" if n == 0 else style for style in styles]
            wrapped = _wrap(row[title][0], widths[title] - pads[title])
            for k, part in enumerate(wrapped):
                line: list[Span] = []
                for i, (text, style) in enumerate(row):
                    if i:
                        line.append((" ", ""))
                    if k and i != title:  # below a cell of one line: blank in its style
                        line.append((" " * widths[i], cell_style[i]))
                        continue
                    text = part if i == title else text
                    gap = " " * (widths[i] - pads[i] - cell_len(text))
                    if i:
                        line.append((" ", cell_style[i]))
                    line.append((gap + text if right[i] else text + gap, style or cell_style[i]))
                    if i < last:
                        line.append((" ", cell_style[i]))
                lines.append(tuple(line))
            if n == 0:
                lines.append((("─" * (sum(widths) + last), ""),))
        return lines

    def table(self, with_slug: bool = True) -> Table:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        from bntutor.ui.cjk_text import cjk_text

        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        number, *slug, title, minutes, progress = self.headers(with_slug)
        table.add_column(number, justify="right")
        for name in slug:
            table.add_column(name, style="cyan", no_wrap=True)
        table.add_column(title, overflow="fold")
        table.add_column(minutes, justify="right")
        table.add_column(progress, justify="right", no_wrap=True)
        for row in self.rows:
            slug = [row.slug] if with_slug else []
            table.add_row(str(row.number), *slug, cjk_text(Text(row.title)), str(row.minutes),
                          Text(*progress_span(row)))
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(with_slug=options.max_width >= self.NARROW)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of ``width`` cells as rich's Text (or the CJK text of
    ``bntutor.ui.cjk_text``) breaks it, each without its trailing blanks."""
    from rich._wrap import divide_line

    from bntutor.ui.cjk import divide_line as divide_cjk
    from bntutor.ui.cjk import has_cjk

    if cell_len(text) <= width:
        return [text]
    breaks = (divide_cjk if has_cjk(text) else divide_line)(text, width, True)
    return [text[a:b].rstrip() for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]


def lesson_table(rows: list[LessonRow], lang: str = "en") -> LessonTable:
    return LessonTable(rows, lang)
