"""The lesson table and the home screen: course order joined with saved progress.

Nothing here imports torch, and nothing creates the home dir: without a database yet,
every lesson is simply not started. The course comes from the lesson index (see
``_lesson_index``), so an unchanged course is listed without parsing any YAML.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bntutor.cli._lesson_index import IndexEntry, course_listing, index_entries
from bntutor.cli._store import existing_store
from bntutor.cli.context import AppContext
from bntutor.content.i18n import localize
from bntutor.messages import message
from bntutor.ui.lesson_table import LessonRow, LessonTable, lesson_table
from bntutor.ui.styled_lines import Line, plain_enough, terminal, width_of, write

if TYPE_CHECKING:
    from bntutor.content.course import Catalog
    from bntutor.store.exercises import ExerciseRecord
    from bntutor.store.lessons import LessonRecord


@dataclass(frozen=True)
class Standing:
    """One lesson of the table with the learner's progress."""

    entry: IndexEntry
    row: LessonRow
    resume_step: int | None  # 1-based step to resume at, when started and not finished


def standings(
    course: list[IndexEntry] | Catalog, saved: dict[str, LessonRecord], lang: str
) -> list[Standing]:
    entries = course if isinstance(course, list) else index_entries(course)
    result = []
    for entry in entries:
        progress, ids = saved.get(entry.slug), entry.step_ids
        row = LessonRow(entry.number, entry.slug, localize(entry.title, lang), entry.minutes,
                        steps=len(ids))
        resume = None
        if progress is not None:  # the best run counts: playing it again never lowers it
            row = replace(row, steps_done=progress.best_steps_done(ids),
                          finished=progress.ever_finished, started=True)
            at = progress.resume_at(ids)
            resume = ids.index(at) + 1 if at is not None and not row.finished else None
        result.append(Standing(entry, row, resume))
    return result


def next_action(rows: list[Standing], lang: str = "en") -> str:
    """What to do next: continue a started lesson, start the next one, or practise."""
    for s in rows:
        if s.resume_step is not None:
            return message("home.continue", lang, number=s.entry.number, k=s.resume_step,
                           n=s.row.steps)
    for s in rows:
        if not s.row.started:
            return message("home.start", lang, number=s.entry.number)
    if rows:
        return message("home.all_done", lang)
    return message("home.no_lessons", lang)


@dataclass(frozen=True)
class Overview:
    """What the listings show: the lessons with progress, review cards due, exercises."""

    rows: list[Standing]
    due: int | None  # None without a database
    exercises: list[ExerciseRecord]
    exercise_names: list[str] | None  # in course order, from the index (None: not indexed)


def load_overview(app: AppContext) -> Overview:
    from bntutor.content.paths import lessons_dir

    course, names = course_listing(app.home_dir, lessons_dir())
    with existing_store(app) as store:
        saved = {p.slug: p for p in store.all_progress()} if store is not None else {}
        due = len(store.due_cards()) if store is not None else None  # due by the store's clock
        exercises = store.all_exercise_progress() if store is not None else []
    return Overview(standings(course, saved, app.lang), due, exercises, names)


def show(app: AppContext, screen: list[Line | LessonTable]) -> None:
    """Print a listing screen: straight to stdout when rich would write it the same way
    (see ``bntutor.ui.styled_lines``), else through the console."""
    term = None if app.consoles_made else terminal(sys.stdout, app.no_color)
    if term is not None:
        lines: list[Line] = []
        for item in screen:
            drawn = item.lines(term.width) if isinstance(item, LessonTable) else [item]
            if drawn is None or not all(width_of(line) <= term.width
                                        and all(plain_enough(text) for text, _ in line)
                                        for line in drawn):
                break
            lines.extend(drawn)
        else:
            write(lines, term)
            return
    from rich.text import Text

    for item in screen:
        app.console.print(item if isinstance(item, LessonTable) else Text.assemble(*item))


def show_lessons(app: AppContext) -> None:
    rows = load_overview(app).rows
    show(app, [lesson_table([s.row for s in rows], lang=app.lang)])


def show_home(app: AppContext) -> None:
    from bntutor.cli._exercise_summary import exercise_line

    overview = load_overview(app)
    rows, due, lang = overview.rows, overview.due, app.lang
    exercises = exercise_line(overview.exercises, overview.exercise_names, lang)
    screen: list[Line | LessonTable] = [
        ((message("home.welcome", lang), "bold"),),
        (),
        lesson_table([s.row for s in rows], lang=lang),
        (),
        ((message("home.next", lang), "bold"), (next_action(rows, lang), "")),
        ((message("home.exercises", lang), "bold"), (exercises, "")),
    ]
    if due:
        cards = message("home.due_one" if due == 1 else "home.due", lang, n=due)
        screen.append(((message("home.review", lang), "bold"), (cards, "")))
    screen.append(((message("home.help", lang), "dim"),))
    show(app, screen)
