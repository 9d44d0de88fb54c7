"""`bntutor lesson N|SLUG`: find the lesson, resume its progress, play it, report.

Order matters for the first screen: the lesson is loaded and the store opened (no
torch), torch starts importing in a background thread, and the header and first step are
drawn while it loads. Exit statuses: 0 when the lesson is finished or the learner typed
``:quit``; 130 after Ctrl-C or when input ends (a closed terminal, or scripted answers
that run out) before the lesson is finished. Progress is saved in every case.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.console import Console

from bntutor import tutor
from bntutor.checking.answering import Answering
from bntutor.cli._answers import scripted_source
from bntutor.cli._store import open_store
from bntutor.cli._warmup import Warmup
from bntutor.cli.context import AppContext
from bntutor.cli.json_out import print_json
from bntutor.content.course import Catalog, LessonEntry, load_course
from bntutor.content.i18n import localize
from bntutor.content.models import Lesson
from bntutor.errors import BadInputError, ExitStatus
from bntutor.messages import message
from bntutor.player.lesson import LessonPlayer, LessonResult
from bntutor.player.record import StoreRecorder, lesson_run, starting_point
from bntutor.store.store import Store
from bntutor.ui import player_views as view
from bntutor.ui.lesson_screen import LessonScreen
from bntutor.ui.prompt import TerminalSource
from bntutor.ui.step_view import rendered
from bntutor.ui.summary import NextLesson, summary_view


def run_lesson(
    app: AppContext, ref: str, *, restart: bool, answers: Path | None, as_json: bool,
    step: str | None = None,
) -> int:
    """Play lesson ``ref`` (from step id ``step``, when given); the exit status (see the
    module docstring)."""
    course = load_course()
    entry = course.find_lesson(ref)
    lesson = course.load(entry)
    if step is not None and step not in tutor.step_ids(lesson):
        raise BadInputError(
            message("lesson.no_step", app.lang, number=entry.number, step=step), "--step",
            message("lesson.its_steps", app.lang, steps=", ".join(tutor.step_ids(lesson))))
    console = app.screen(as_json)
    clock = app.clock
    with scripted_source(app, console, answers, as_json) as scripted:
        source = scripted or TerminalSource(console)
        with open_store(app) as store:
            warmup = Warmup("torch").start()
            app = _lesson_language(app, store, lesson.slug, fresh=restart)
            progress, note = starting_point(store, lesson, restart, step, app.lang)
            store.set_lesson_lang(lesson.slug, app.lang)
            store.set_current_step(lesson.slug, progress.current)  # started, even if quit at once
            answering = Answering(app.lang, before_engine=warmup.wait)
            player = LessonPlayer(
                lesson,
                entry.number,
                io=LessonScreen(console, source, rendered(answering), app.lang),
                answers=answering,
                recorder=StoreRecorder(store, "lesson", clock, lesson.slug,
                                       lesson.topics[0] if lesson.topics else None),
                lang=app.lang,
                run=lesson_run(store, lesson.slug),
            )
            mid_lesson = progress.current != tutor.step_ids(lesson)[0]
            result = player.play(progress, note, context=mid_lesson)
            total = store.add_lesson_time(lesson.slug, max(result.seconds, 0.0))
    return _report(app, console, course, entry, lesson, result, as_json, note, total)


def _lesson_language(app: AppContext, store: Store, slug: str, *, fresh: bool) -> AppContext:
    """``app`` in the language lesson ``slug`` was started in, when it is resumed and no
    language was chosen for this run (``--lang``, ``BNTUTOR_LANG``)."""
    saved = store.get_progress(slug)
    if fresh or app.lang_explicit or saved is None or saved.finished or saved.lang is None:
        return app
    return replace(app, lang=saved.lang)


def _report(
    app: AppContext,
    console: Console,
    course: Catalog,
    entry: LessonEntry,
    lesson: Lesson,
    result: LessonResult,
    as_json: bool,
    note: str,
    total_seconds: float,
) -> int:
    """Print the summary (its time counts every session of the lesson) or the saved line."""
    completed = result.ending == "completed"
    status = ExitStatus.OK if result.ending in ("completed", "quit") else ExitStatus.INTERRUPTED
    nxt = course.lessons[entry.number] if entry.number < len(course.lessons) else None
    next_lesson = (None if nxt is None
                   else NextLesson(nxt.number, nxt.slug, localize(nxt.title, app.lang)))
    score = tutor.score(lesson, result.state)
    title = localize(lesson.title, app.lang)
    if completed:
        console.print()
        console.print(summary_view(entry.number, title, score, total_seconds, next_lesson,
                                  app.lang))
    else:
        if app.interactive:
            console.print()  # past the ^C or ^D the terminal echoed
        # stderr, so that --json keeps stdout to the document alone
        app.err_console.print(view.saved_line(entry.number, lesson.slug, app.lang), soft_wrap=True)
    if as_json:
        document = {
            "lesson": {"number": entry.number, "slug": lesson.slug, "title": title},
            "ending": result.ending,
            "completed": completed,
            "note": note or None,
            "steps": result.transcript,
            "summary": {
                **vars(score),
                "seconds": round(total_seconds, 3),  # every session of the lesson
                "session_seconds": round(result.seconds, 3),
                "next_lesson": None if next_lesson is None else vars(next_lesson),
            },
            "exit_status": int(status),
        }
        print_json(document)
    return int(status)
