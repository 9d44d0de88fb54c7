"""`bntutor quiz` and `bntutor review`: wire the bank, the store, the clock and the screen
to the quiz loop of the player, then report.

The bank and the store load without torch; torch starts importing in a background
thread while the first question (a bank question when there is one) is drawn, and
generated questions wait for it. Exit statuses: 0 when the quiz ends (finished, time up,
or ``:quit``); 130 after Ctrl-C or when input ends first — answers given so far are
saved either way.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rich.console import Console

from bntutor.checking.answering import Answering
from bntutor.cli._answers import answers_file, scripted_source
from bntutor.cli._store import open_store
from bntutor.cli._warmup import Warmup
from bntutor.cli.context import AppContext
from bntutor.cli.json_out import print_json
from bntutor.errors import ContentError, ExitStatus
from bntutor.messages import message
from bntutor.player.quiz import QuizRunner
from bntutor.player.record import StoreRecorder
from bntutor.quiz.report import QuizReport, build_report
from bntutor.quiz.source import ItemSource
from bntutor.store.store import Store
from bntutor.ui.prompt import TerminalSource
from bntutor.ui.quiz_view import QuizView, Reader
from bntutor.ui.report_view import report_view
from bntutor.ui.step_view import rendered


@dataclass(frozen=True)
class QuizOptions:
    topics: list[str]
    difficulty: int | None
    n: int
    seed: int
    time_limit: float | None


@dataclass(frozen=True)
class Content:
    source: ItemSource
    course_topics: dict[str, list[str]] | None  # lesson slug -> topics; None without a course


def load_content() -> Content:
    """The bank (fully checked, no torch) and the course, for lesson steps and revisits."""
    from bntutor.content.course import load_course
    from bntutor.content.loader import load_banks

    questions = [q for bank in load_banks() for q in bank.questions]
    try:
        course = load_course()
    except ContentError:  # a broken lesson must not stop quizzes; `validate` reports it
        return Content(ItemSource(questions), None)
    topics = {e.slug: list(e.topics) for e in course.lessons}
    return Content(ItemSource(questions, course.load), topics)


def run_items(
    app: AppContext,
    kind: Literal["quiz", "review"],
    item_ids: Sequence[str],
    content: Content,
    store: Store,
    reader: Reader,
    console: Console,
    time_limit: float | None = None,
    shuffle_seed: int | str | None = None,
) -> QuizReport:
    """Ask ``item_ids`` (options in the order ``shuffle_seed`` draws) and build the report."""
    warmup = Warmup("torch")  # started once the first question is on screen
    needs_torch = kind == "review" or any(not i.startswith("bank:") for i in item_ids)
    answering = Answering(app.lang, before_engine=lambda: warmup.start().wait())
    started_at = app.clock()
    view = QuizView(console, reader, time.monotonic, app.lang,
                    on_wait=warmup.start if needs_torch else None,
                    compute=rendered(answering))
    result = QuizRunner(
        item_ids, content.source, answering.check, answering.reveal, view, time.monotonic,
        StoreRecorder(store, kind, app.clock).result, time_limit, app.lang, shuffle_seed,
        fresh_numbers=kind == "review",
    ).run()
    return build_report(kind, result.results, started_at=started_at, seconds=result.seconds,
                        ended=result.ended, course_topics=content.course_topics,
                        time_limit=time_limit)


def finish(app: AppContext, console: Console, report: QuizReport, as_json: bool,
           stopped_line: str, after: str = "", extra: dict[str, object] | None = None) -> int:
    """Print the report (or one line when stopped early); the exit status. ``extra``
    goes into the --json document (a review's next due date)."""
    if report.ended in ("interrupted", "end-of-input"):
        status = ExitStatus.INTERRUPTED
        console.print()
        app.err_console.print(stopped_line, soft_wrap=True)
    else:
        status = ExitStatus.OK
        console.print(report_view(report, app.lang))
        if after:
            console.print(after)
    if as_json:
        document = {**report.to_dict(), **(extra or {}), "exit_status": int(status)}
        print_json(document)
    return int(status)


def run_quiz(app: AppContext, options: QuizOptions, answers: Path | None, as_json: bool) -> int:
    from dataclasses import replace

    from bntutor.quiz.selection import choose_items

    content = load_content()
    item_ids = choose_items(content.source.bank_items(), options.topics, options.difficulty,
                            options.n, options.seed)
    console = app.screen(as_json)
    with scripted_source(app, console, answers, as_json) as scripted, \
            open_store(app) as store:
        reader = scripted or TerminalSource(console, app.stdin, time.monotonic)
        store.check_writable()
        report = run_items(app, "quiz", item_ids, content, store, reader, console,
                           options.time_limit, options.seed)
        report = replace(report, seed=options.seed, chosen_topics=options.topics,
                         difficulty=options.difficulty)
        # The history counts what the report counts: the questions asked, and their topics
        # (a quiz stopped after one question is 1 asked, not 0 of its planned length).
        asked = [r for r in report.results if r.status != "unanswered"]
        store.record_quiz(report.started_at, report.seconds, report.asked, report.correct,
                          sorted({r.topic for r in asked}), json.dumps(report.to_dict()))
    answered = sum(r.answered for r in report.results)
    line = message("quiz.stopped", app.lang, answered=answered, total=report.total,
                   replay=report.replay())
    return finish(app, console, report, as_json, line)


def review_seed(store: Store) -> str:
    """The seed of a review's option orders: new after every answer given anywhere, so each
    review shows new orders, and the same history gives the same screens."""
    return f"review/{store.attempt_count()}"


def run_review(app: AppContext, n: int, answers: Path | None, as_json: bool) -> int:
    from bntutor.cli._exercise_run import CARD_PREFIX, due_exercises, offer_exercises
    from bntutor.ui.progress_view import nothing_due_line

    if answers is not None:  # a bad answers file is an error even when nothing is due
        with answers_file(answers):
            pass
    clock = app.clock
    console = app.screen(as_json)
    with open_store(app) as store:
        due = store.due_cards(clock(), limit=n)
        exercises = due_exercises(due)  # asked after the questions, to write again
        due = [c for c in due if not c.qid.startswith(CARD_PREFIX)]
        if not due and exercises and not as_json:
            return offer_exercises(app, exercises)
        if not due:
            now, next_due, cards = clock(), store.next_due(), store.card_count()
            if as_json:
                document = {"kind": "review", "due": 0, "cards": cards,
                            "next_due": next_due.isoformat() if next_due else None}
                print_json(document)
            else:
                console.print(nothing_due_line(now, next_due, cards, lang=app.lang))
            return int(ExitStatus.OK)
        store.check_writable()
        content = load_content()
        console.print(message("review.due_one" if len(due) == 1 else "review.due", app.lang,
                              n=len(due)))
        with scripted_source(app, console, answers, as_json) as scripted:
            reader = scripted or TerminalSource(console, app.stdin, time.monotonic)
            report = run_items(app, "review", [c.qid for c in due], content, store, reader,
                               console, shuffle_seed=review_seed(store))
        next_due = store.next_due()
        after = nothing_due_line(clock(), next_due, store.card_count(), after=True,
                                 lang=app.lang)
    line = message("review.stopped", app.lang, n=sum(r.answered for r in report.results))
    status = finish(app, console, report, as_json, line, after,
                    {"next_due": next_due.isoformat() if next_due else None})
    if status == ExitStatus.OK and exercises and not as_json:
        return offer_exercises(app, exercises)
    return status

