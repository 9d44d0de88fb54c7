"""The exercise commands' work: starter files, the worker, the watch loop, the store."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from bntutor.cli._store import open_store
from bntutor.cli.context import AppContext
from bntutor.content.exercises import (
    FRAMEWORKS,
    Exercise,
    exercise_order,
    load_case_names,
    load_exercise,
)
from bntutor.errors import BadInputError, ExitStatus, NotFoundError
from bntutor.exercises.session import SessionState, review_rating, run_session
from bntutor.exercises.starter import DEFAULT_DIR, starter_path, starter_text, write_starter
from bntutor.exercises.verdict import ExerciseVerdict, Message
from bntutor.messages import MESSAGES
from bntutor.messages import message as msg
from bntutor.store.store import Store
from bntutor.ui.exercise_view import Texts, exercise_verdict_view, solution_view, task_view

if TYPE_CHECKING:
    from bntutor.exercises.worker import Worker
    from bntutor.store.cards import CardRecord
    from bntutor.store.clock import Clock

TIMEOUT = 5.0
#: Review's card of an exercise is ``exercise:NAME``; a due one is offered to write again.
CARD_PREFIX = "exercise:"


@dataclass(frozen=True)
class ExerciseOptions:
    name: str
    directory: Path | None
    framework: str
    once: bool
    reset: bool
    yes: bool


def _texts(exercise: Exercise, lang: str) -> Texts:
    def message(m: Message) -> str:
        forms = MESSAGES[f"checker.{m.id}"]  # bntutor validate checks every id has one
        text = forms.get(lang, forms["en"])
        values = {k: ("?" if v is None else v) for k, v in m.params.items()}
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text

    def diagnosis(mistake: str) -> str:
        text = exercise.diagnoses.get(mistake)
        return text.get(lang) if text is not None else mistake

    names = load_case_names().names if lang == "zh" else {}

    def case(name: str) -> str:
        if name.startswith("random "):
            return msg("exercise.random_case", lang, number=name.removeprefix("random "))
        return names.get(name, name)

    return Texts(message, diagnosis, lang, case)


def _prepare_file(app: AppContext, opts: ExerciseOptions, exercise: Exercise) -> Path:
    directory = (opts.directory or Path.cwd() / DEFAULT_DIR).expanduser()
    path = starter_path(directory, exercise, opts.framework)
    text = starter_text(exercise, opts.framework, app.lang)
    if opts.reset and path.exists():
        if not app.confirmed(opts.yes, f"not replacing {path} without confirmation",
                             msg("exercise.replace", app.lang, path=path)):
            app.console.print(msg("exercise.kept_on_reset", app.lang))
            return path
        write_starter(path, text, overwrite=True)
        app.console.print(msg("exercise.fresh", app.lang, path=path), markup=False)
        return path
    try:
        written = write_starter(path, text)
    except OSError as exc:
        raise BadInputError(f"cannot write the starter file: {exc.strerror or exc}",
                            str(path), "choose another --dir") from None
    app.console.print(msg("exercise.starter_written" if written else "exercise.kept", app.lang,
                          path=path), markup=False)
    return path


class _Recorder:
    """Every check, hint and solution goes to the store at once; the sitting's review
    rating is given when it ends."""

    def __init__(self, store: Store, name: str, topic: str, clock: Clock) -> None:
        self._store, self._name, self._topic, self._clock = store, name, topic, clock
        self._started = time.monotonic()

    def check(self, verdict: ExerciseVerdict) -> None:
        failure = verdict.failure.id if verdict.failure else (
            verdict.problem.id if verdict.problem else None)
        self._store.record_check(self._name, verdict.passed, verdict.n_passed,
                                 len(verdict.cases), verdict.diagnosis, failure)

    def hint(self) -> None:
        self._store.record_exercise_hint(self._name)

    def solution(self) -> None:
        self._store.record_solution_shown(self._name)

    def finished(self, state: SessionState) -> None:
        from bntutor.quiz.scheduler import record_rating

        rating = review_rating(state)
        if rating is not None:
            record_rating(self._store, CARD_PREFIX + self._name, self._topic, rating,
                          self._clock(), time.monotonic() - self._started)


class _ConsoleIO:
    """What the learner sees of a sitting: verdicts, hints, the solution, help."""

    def __init__(self, app: AppContext, exercise: Exercise, texts: Texts,
                 framework: str) -> None:
        self._app, self._ex, self._texts, self._fw = app, exercise, texts, framework

    def checking(self) -> None:
        self._app.console.print(Text(msg("exercise.checking", self._app.lang), style="dim"))

    def verdict(self, verdict: ExerciseVerdict, first_pass: bool) -> None:
        out = self._app.console
        out.print(exercise_verdict_view(verdict, self._texts))
        if first_pass:
            out.print(self._solution())
        if not verdict.passed:
            out.print(Text(msg("exercise.again", self._app.lang), style="dim"))

    def _solution(self) -> object:
        listing = self._ex.solution.torch if self._fw == "torch" else self._ex.solution.numpy
        alt = self._ex.alternative
        return solution_view(listing, alt.text.get(self._app.lang), alt.code, self._app.lang)

    def hint(self, index: int | None) -> None:
        from bntutor.ui.prose import labelled, markdown

        if index is None:
            self._app.console.print(msg("exercise.no_more_hints", self._app.lang))
            return
        label = Text(msg("exercise.hint", self._app.lang, number=index + 1,
                         total=len(self._ex.hints)), style="cyan")
        self._app.console.print(labelled(label, markdown(self._ex.hints[index].get(
            self._app.lang))))

    def solution(self) -> None:
        self._app.console.print(self._solution())

    def help(self) -> None:
        self._app.console.print(msg("exercise.help", self._app.lang), markup=False)

    def unknown(self, line: str) -> None:
        shown = "".join(c if c.isprintable() else "?" for c in line)[:40]
        self._app.console.print(msg("exercise.unknown", self._app.lang, command=repr(shown)),
                                markup=False)


@contextmanager
def closing_all(workers: list[Worker]) -> Iterator[None]:
    try:
        yield
    finally:
        for worker in workers:
            worker.close()


def run_exercise(app: AppContext, opts: ExerciseOptions) -> int:
    from bntutor.exercises.worker import Worker, WorkerGone

    if opts.framework not in FRAMEWORKS:
        raise BadInputError(f"unknown framework {opts.framework!r}", "--framework",
                            "use numpy or torch")
    if opts.name not in exercise_order():
        raise NotFoundError(f"no exercise called {opts.name!r}",
                            hint="bntutor exercises lists them")
    exercise = load_exercise(opts.name)
    texts = _texts(exercise, app.lang)
    workers = [Worker(app.debug)]  # the one in use is the last; one that dies is replaced
    with closing_all(workers), open_store(app) as store:
        store.check_writable()
        path = _prepare_file(app, opts, exercise).resolve()
        store.start_exercise(opts.name)
        app.console.print(task_view(opts.name, exercise.title.get(app.lang),
                                    exercise.task.get(app.lang), str(path), len(exercise.hints),
                                    app.lang))
        recorder = _Recorder(store, opts.name, exercise.lesson, app.clock)
        io = _ConsoleIO(app, exercise, texts, opts.framework)

        def check() -> ExerciseVerdict:
            try:
                return workers[-1].check(opts.name, path, opts.framework, TIMEOUT)
            except WorkerGone:  # the learner's code took the checker down: start another
                workers.append(Worker(app.debug))
                return ExerciseVerdict(opts.name, False, failure=Message("checker-stopped"))

        if opts.once:
            verdict = check()
            recorder.check(verdict)
            app.console.print(exercise_verdict_view(verdict, texts))
            return int(ExitStatus.OK) if verdict.passed else int(ExitStatus.ERROR)
        from bntutor.exercises.watch import Events

        events = Events(path, app.stdin)
        try:
            state = run_session(events.get, check, io, recorder, len(exercise.hints))
        except KeyboardInterrupt:  # every check, hint and solution view is already saved
            state = None
        finally:
            events.close()
    if state is None or state.ended == "end-of-input":
        if state is None and app.err_console.is_terminal:
            app.err_console.print()  # past the ^C the terminal echoed
        app.err_console.print(msg("exercise.stopped", app.lang, name=opts.name),
                              soft_wrap=True)
        return int(ExitStatus.INTERRUPTED)
    return int(ExitStatus.OK)


REVIEW_DIR = "review"  # under the workspace: a scratch copy, so the learner's own file stays


def due_exercises(cards: Sequence[CardRecord]) -> list[str]:
    return [c.qid.removeprefix(CARD_PREFIX) for c in cards if c.qid.startswith(CARD_PREFIX)]


def offer_exercises(app: AppContext, names: Sequence[str]) -> int:
    """Offer each due exercise, from a blank starter in the review workspace."""
    directory = Path.cwd() / DEFAULT_DIR / REVIEW_DIR
    for name in names:
        app.console.print(msg("exercise.due", app.lang, name=name))
        if not app.interactive:
            app.console.print(f"  bntutor exercise {name} --dir {directory} --reset --yes",
                              markup=False)
            continue
        if not app.confirm(msg("exercise.again_now", app.lang, name=name)):
            continue
        status = run_exercise(app, ExerciseOptions(name, directory, "numpy", once=False,
                                                   reset=True, yes=True))
        if status != ExitStatus.OK:
            return status
    return int(ExitStatus.OK)
