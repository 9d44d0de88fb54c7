"""The lesson player loop: show a step, read a line, advance the tutor, show the outcome.

Everything it needs is passed in: the console, the source of lines, the services that
check answers and run computations (which may import torch), the recorder that saves
progress, and a clock. Each finished step is saved at once, before its verdict, answer or
explanation is drawn, so Ctrl-C or a crash loses at most the step on screen and never
asks again a question whose answer was shown. The loop never exits the process: it
returns how play ended.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from rich.console import Console, RenderableType
from rich.rule import Rule
from rich.text import Text

from bntutor import tutor
from bntutor.checking.choice import chosen_ids
from bntutor.checking.verdict import Verdict
from bntutor.commands import command_word
from bntutor.content.i18n import localize
from bntutor.content.models import ComputeStep, Lesson, QuestionStep, Step, option_ids
from bntutor.content.shuffle import lesson_key, shuffle_options
from bntutor.messages import message
from bntutor.ui import player as view
from bntutor.ui.pager import Pager
from bntutor.ui.prompt import AnswerSource
from bntutor.ui.step_view import context_content, context_steps, step_content, step_parts
from bntutor.ui.verdict_view import explanation_view, reveal_view, verdict_view

#: Longer answers are not checked (a pasted file, a stuck key): they are unreadable.
MAX_ANSWER_CHARS = 4000
CONTINUE_PROMPT = "press Enter › "

Ending = Literal["completed", "quit", "interrupted", "eof"]


@dataclass(frozen=True)
class Services:
    """What the player asks of the rest of bntutor (both may import torch)."""

    check: Callable[[QuestionStep, str], Verdict]
    answer_text: Callable[[QuestionStep], str]  # the expected answer, as shown on reveal
    compute: Callable[[str, dict[str, Any]], RenderableType]  # run and render (name, args)


class Recorder(Protocol):
    """Where progress goes (the store, or a fake in tests)."""

    def step_done(
        self, step_id: str, result: tutor.Result, next_id: str | None, hints: int, seconds: float
    ) -> None: ...

    def attempt(
        self, step_id: str, answer: str, verdict: Verdict, hints: int, seconds: float
    ) -> None: ...

    def question_done(self, step_id: str, correct: bool, hints: int, seconds: float) -> None: ...

    def lesson_done(self) -> None: ...


@dataclass
class PlayResult:
    ending: Ending
    progress: tutor.Progress
    seconds: float
    transcript: list[dict[str, Any]] = field(default_factory=list)


class LessonPlayer:
    """Plays one lesson from a given progress until it ends, is quit, or input stops."""

    def __init__(
        self,
        lesson: Lesson,
        number: int | None,
        *,
        console: Console,
        source: AnswerSource,
        services: Services,
        recorder: Recorder,
        lang: str = "en",
        clock: Callable[[], float] = time.monotonic,
        run: int | None = None,
    ) -> None:
        self.lesson = lesson
        self._run = run  # draws the order of options (bntutor.content.shuffle); None: as filed
        self.number = number
        self._console = console
        self._source = source
        self._services = services
        self._recorder = recorder
        self._lang = lang
        self._clock = clock
        self._progress = tutor.Progress(current=None)
        self._transcript: list[dict[str, Any]] = []
        self._back: tuple[str, int] | None = None  # (at step, index looked back to)

    def text(self, value: Any) -> str:
        return localize(value, self._lang)

    def _shown(self, step: Step) -> Step:
        """``step`` as it is shown: a question's options in this run's order."""
        if isinstance(step, QuestionStep) and self._run is not None:
            return shuffle_options(step, lesson_key(self.lesson.slug, step.id, self._run))
        return step

    # -- the loop -------------------------------------------------------------------------

    def play(self, progress: tutor.Progress, note: str = "", context: bool = False) -> PlayResult:
        """Play from ``progress``; ``note`` (e.g. "resuming at step 4") goes under the header.
        ``context``: play starts in the middle (a resume, ``--step``), so first show again
        the data the first step works with."""
        started = self._clock()
        self._progress = progress
        title = self.text(self.lesson.title)
        self._console.print(view.header(self.number, title, self.lesson.minutes, self._lang))
        if note:
            self._console.print(Text(note, style="dim"))
        try:
            if context and progress.current is not None:
                ids = tutor.context_ids(self.lesson, progress.current)
                if ids:
                    self._console.print(Text(message("lesson.resume_context", self._lang),
                                             style="dim"))
                    self._print_context(ids)
            ending = self._loop()
        except KeyboardInterrupt:
            ending = "interrupted"
        return PlayResult(ending, self._progress, self._clock() - started, self._transcript)

    def _loop(self) -> Ending:
        while not tutor.finished(self._progress):
            step = tutor.get_step(self.lesson, self._progress.current)
            assert step is not None, "tutor.start and tutor.advance only name existing steps"
            ending = self._run_step(step)
            if ending is not None:
                return ending
        self._recorder.lesson_done()
        return "completed"

    def _run_step(self, step: Step) -> Ending | None:
        step = self._shown(step)
        entry: dict[str, Any] = {"id": step.id, "type": step.type}
        self._transcript.append(entry)
        shown_at = last = self._clock()
        self._show(step, entry)
        while True:
            event = self._next_event(step, entry)
            if event is None:
                return "eof"
            now = self._clock()
            before = self._progress.record(step.id)
            self._progress, outcome = tutor.advance(self.lesson, self._progress, event)
            if isinstance(outcome, tutor.Quitting):
                return "quit"
            if isinstance(event, tutor.Answer) and isinstance(outcome, tutor.Judged):
                self._recorder.attempt(step.id, event.text, event.verdict, before.hints, now - last)
                last = now
            record = self._progress.record(step.id)
            if record.done:  # save first: killed while drawing, nothing shown is lost
                self._finish(step, record, entry, now - shown_at)
            self._render(step, outcome)
            if record.done:
                return None

    def _finish(
        self, step: Step, record: tutor.StepRecord, entry: dict[str, Any], seconds: float
    ) -> None:
        assert record.result is not None
        next_id = self._progress.current
        self._recorder.step_done(step.id, record.result, next_id, record.hints, seconds)
        if isinstance(step, QuestionStep):
            correct = record.result == "correct" and record.wrong == 0
            self._recorder.question_done(step.id, correct, record.hints, seconds)
            entry.update(result=record.result, hints_used=record.hints, attempts=record.attempts)
        entry["seconds"] = round(seconds, 3)

    # -- input ----------------------------------------------------------------------------

    def _next_event(self, step: Step, entry: dict[str, Any]) -> tutor.Event | None:
        if not isinstance(step, QuestionStep):
            if not self._source.interactive:
                return tutor.Continue()
            line = self._source.read(CONTINUE_PROMPT)
            if line is None:
                return None
            command = tutor.parse_command(line)
            if command is not None:
                entry.setdefault("commands", []).append(command_word(line))
            return command or tutor.Continue()
        line = self._source.read()
        if line is None:
            return None
        command = tutor.parse_command(line)
        if command is not None:
            entry.setdefault("commands", []).append(command_word(line))
            return command
        if not line.strip():
            return tutor.Continue()
        verdict = self._check(step, line)
        record = _answer_record(line, verdict)
        if step.options and verdict.understood is not None:
            record["chosen"] = chosen_ids(verdict.understood, step.options)
        entry.setdefault("answers", []).append(record)
        return tutor.Answer(line, verdict, counted_if_unreadable=not self._source.interactive)

    def _check(self, step: QuestionStep, line: str) -> Verdict:
        if len(line) > MAX_ANSWER_CHARS:
            return Verdict.unreadable(message("answer.too_long", self._lang, n=len(line),
                                              most=MAX_ANSWER_CHARS))
        return self._services.check(step, line)

    # -- output ---------------------------------------------------------------------------

    def _show(self, step: Step, entry: dict[str, Any]) -> None:
        ids = tutor.step_ids(self.lesson)
        out = self._console
        out.print()
        out.print(view.progress_line(ids.index(step.id) + 1, len(ids), self._lang))
        if isinstance(step, QuestionStep):
            entry["kind"] = step.kind
            if step.options:
                entry["options"] = option_ids(step.options)  # the ids, in the order shown
        elif isinstance(step, ComputeStep):
            entry["computation"] = step.computation
        reader = self._source.read if self._source.interactive else None
        Pager(out, reader, self._lang).screenful(
            step_parts(step, self._lang, self._services.compute))

    def _print_context(self, ids: list[str] | tuple[str, ...]) -> None:
        steps = context_steps(self.lesson.steps, ids)
        self._console.print(context_content(steps, self._lang, self._services.compute))

    def _show_context(self, step: Step, ids: tuple[str, ...]) -> None:
        """``:show``: the data the step works with, then the question again."""
        out = self._console
        if not ids:
            out.print(Text(message("show.nothing", self._lang), style="dim"))
            return
        self._print_context(ids)
        if isinstance(step, QuestionStep):
            out.print(Rule(Text(message("show.question_again", self._lang), style="dim"),
                           style="dim"))
            out.print(step_content(step, self._lang, self._services.compute, title=False))

    def _look_back(self, step: Step) -> None:
        """``:back``: the step before the one last looked back to (view only)."""
        ids = tutor.step_ids(self.lesson)
        here = ids.index(step.id)
        index = here - 1
        if self._back is not None and self._back[0] == step.id:
            index = self._back[1] - 1
        out = self._console
        if index < 0:
            out.print(Text(message("back.first_step", self._lang), style="dim"))
            return
        self._back = (step.id, index)
        earlier = self._shown(self.lesson.steps[index])
        out.print()
        out.print(Rule(Text(message("back.rule", self._lang, k=index + 1, n=len(ids)),
                            style="dim"), style="dim"))
        out.print(step_content(earlier, self._lang, self._services.compute, commands=False))
        if isinstance(earlier, QuestionStep) and earlier.reveal is not None \
                and self._progress.record(earlier.id).done:
            out.print(self._services.compute(earlier.reveal.computation, earlier.reveal.args))
        what = "question" if isinstance(step, QuestionStep) else "reading"
        out.print(Rule(style="dim"))
        out.print(Text(message("back.return", self._lang, k=here + 1,
                               what=message(f"back.what.{what}", self._lang)), style="dim"))

    def _render(self, step: Step, outcome: tutor.Outcome) -> None:
        out = self._console
        if isinstance(outcome, tutor.Judged):
            tries_left = None if outcome.done else outcome.wrong_left
            out.print(verdict_view(outcome.verdict, tries_left, self._hints_left(step), self._lang))
            if outcome.done and isinstance(step, QuestionStep):
                answer = self._services.answer_text(step) if outcome.revealed else None
                self._close_question(step, answer)
        elif isinstance(outcome, tutor.Skipped) and isinstance(step, QuestionStep):
            self._close_question(step, self._services.answer_text(step), skipped=True)
        elif isinstance(outcome, tutor.HintShown) and isinstance(step, QuestionStep):
            hint = self.text(step.hints[outcome.index])
            out.print(view.hint_view(hint, outcome.number, outcome.total, self._lang))
        elif isinstance(outcome, tutor.NoMoreHints):
            explained = isinstance(step, QuestionStep) and bool(step.explanation)
            out.print(view.no_hint_view(outcome.total, explained, self._lang))
        elif isinstance(outcome, tutor.Reask):
            reason = (message("answer.empty", self._lang) if outcome.reason == tutor.EMPTY_ANSWER
                      else outcome.reason)
            out.print(view.reason_view(reason))
        elif isinstance(outcome, tutor.ShowHelp):
            out.print(view.help_view(self._lang, "lesson"))
        elif isinstance(outcome, tutor.UnknownCommand):
            out.print(view.unknown_command_view(outcome.command, self._lang))
        elif isinstance(outcome, tutor.ShowContext):
            self._show_context(step, outcome.steps)
        elif isinstance(outcome, tutor.LookBack):
            self._look_back(step)

    def _hints_left(self, step: Step) -> int | None:
        if not isinstance(step, QuestionStep):
            return None
        return len(step.hints) - self._progress.record(step.id).hints

    def _close_question(
        self, step: QuestionStep, answer: str | None, skipped: bool = False
    ) -> None:
        """The answer (when revealed), a prediction's computation, then the explanation."""
        out = self._console
        if answer is not None:
            out.print(reveal_view(answer, None, skipped=skipped, lang=self._lang))
        if step.reveal is not None:  # run once the learner has committed (or skipped)
            out.print()
            out.print(self._services.compute(step.reveal.computation, step.reveal.args))
        if step.explanation:
            out.print(explanation_view(self.text(step.explanation)))


def _answer_record(line: str, verdict: Verdict) -> dict[str, Any]:
    record: dict[str, Any] = {
        "answer": line,
        "correct": verdict.correct,
        "readable": verdict.readable,
        "message": verdict.message,
    }
    if verdict.diagnosis:
        record["diagnosis"] = verdict.diagnosis
    if verdict.understood is not None:
        record["understood"] = verdict.understood
    return record
