"""The lesson loop: show a step, read a line, advance the tutor, show what happened.

Everything it needs is passed in: the screen (:class:`~bntutor.player.io.LessonIO`), the
answering service that checks answers and writes the expected one (it may import torch),
the recorder that saves progress, and a clock. Each finished step is saved at once,
before its verdict, answer or explanation is drawn, so Ctrl-C or a crash loses at most
the step on screen and never asks again a question whose answer was shown. The loop never
exits the process: it returns how play ended. A demo is a lesson without questions,
played with no answering service and no recorder.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from bntutor import tutor
from bntutor.checking.verdict import Verdict
from bntutor.commands import command_word
from bntutor.content.i18n import localize
from bntutor.content.models import ComputeStep, Lesson, QuestionStep, Step, option_ids
from bntutor.content.shuffle import lesson_key, shuffle_options
from bntutor.messages import message
from bntutor.player.io import LessonIO, TimeUp

Ending = Literal["completed", "quit", "interrupted", "eof"]


class Answers(Protocol):
    """Checks an answer and writes the expected one (``bntutor.checking``'s service)."""

    def check(self, question: QuestionStep, text: str) -> Verdict: ...

    def reveal(self, question: QuestionStep) -> str: ...


class Recorder:
    """Where progress goes: the store (:class:`~bntutor.player.record.StoreRecorder`) or a
    fake in tests. This base keeps nothing: it is a demo's recorder."""

    def step_done(
        self, step_id: str, result: tutor.Result, next_id: str | None, hints: int, seconds: float
    ) -> None: ...

    def attempt(
        self, step_id: str, answer: str, verdict: Verdict, hints: int, seconds: float
    ) -> None: ...

    def question_done(self, step_id: str, correct: bool, hints: int, seconds: float) -> None: ...

    def lesson_done(self) -> None: ...


@dataclass
class LessonResult:
    ending: Ending
    state: tutor.LessonState
    seconds: float
    transcript: list[dict[str, Any]] = field(default_factory=list)


class LessonPlayer:
    """Plays one lesson from a given state until it ends, is quit, or input stops."""

    def __init__(
        self,
        lesson: Lesson,
        number: int | None,
        *,
        io: LessonIO,
        answers: Answers | None = None,
        recorder: Recorder | None = None,
        lang: str = "en",
        clock: Callable[[], float] = time.monotonic,
        run: int | None = None,
    ) -> None:
        self.lesson = lesson
        self._run = run  # draws the order of options (bntutor.content.shuffle); None: as filed
        self.number = number
        self._io = io
        self._answers = answers
        self._recorder = recorder if recorder is not None else Recorder()
        self._lang = lang
        self._clock = clock
        self._state = tutor.LessonState(current=None)
        self._transcript: list[dict[str, Any]] = []
        self._back: tuple[str, int] | None = None  # (at step, index looked back to)

    def _shown(self, step: Step) -> Step:
        """``step`` as it is shown: a question's options in this run's order."""
        if isinstance(step, QuestionStep) and self._run is not None:
            return shuffle_options(step, lesson_key(self.lesson.slug, step.id, self._run))
        return step

    def _steps(self, ids: list[str] | tuple[str, ...]) -> list[Step]:
        by_id = {step.id: step for step in self.lesson.steps}
        return [by_id[i] for i in ids if i in by_id]

    # -- the loop -------------------------------------------------------------------------

    def play(self, state: tutor.LessonState, note: str = "", context: bool = False
             ) -> LessonResult:
        """Play from ``state``; ``note`` (e.g. "resuming at step 4") goes under the header.
        ``context``: play starts in the middle (a resume, ``--step``), so first show again
        the data the first step works with."""
        started = self._clock()
        self._state = state
        title = localize(self.lesson.title, self._lang)
        self._io.show_header(self.number, title, self.lesson.minutes, note)
        try:
            if context and state.current is not None:
                ids = tutor.context_ids(self.lesson, state.current)
                if ids:
                    self._io.show_resumed(self._steps(ids))
            ending = self._loop()
        except KeyboardInterrupt:
            ending = "interrupted"
        return LessonResult(ending, self._state, self._clock() - started, self._transcript)

    def _loop(self) -> Ending:
        while not tutor.finished(self._state):
            step = tutor.get_step(self.lesson, self._state.current)
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
            before = self._state.record_of(step.id)
            self._state, outcome = tutor.advance(self.lesson, self._state, event)
            if isinstance(outcome, tutor.Quit):
                return "quit"
            if isinstance(event, tutor.Answer) and isinstance(outcome, tutor.Judged):
                self._recorder.attempt(step.id, event.text, event.verdict, before.hints, now - last)
                last = now
            record = self._state.record_of(step.id)
            if record.done:  # save first: killed while drawing, nothing shown is lost
                self._finish(step, record, entry, now - shown_at)
            self._render(step, outcome)
            if record.done:
                return None

    def _finish(
        self, step: Step, record: tutor.StepRecord, entry: dict[str, Any], seconds: float
    ) -> None:
        assert record.result is not None
        next_id = self._state.current
        self._recorder.step_done(step.id, record.result, next_id, record.hints, seconds)
        if isinstance(step, QuestionStep):
            correct = record.result == "correct" and record.wrong == 0
            self._recorder.question_done(step.id, correct, record.hints, seconds)
            entry.update(result=record.result, hints_used=record.hints, attempts=record.attempts)
        entry["seconds"] = round(seconds, 3)

    # -- input ----------------------------------------------------------------------------

    def _next_event(self, step: Step, entry: dict[str, Any]) -> tutor.Event | None:
        asking = isinstance(step, QuestionStep)
        if not asking and not self._io.interactive:
            return tutor.Continue()
        line = self._io.read(None) if asking else self._io.proceed()
        if line is None or isinstance(line, TimeUp):
            return None
        command = tutor.parse_command(line)
        if command is not None:
            entry.setdefault("commands", []).append(command_word(line))
            return command
        if not isinstance(step, QuestionStep) or not line.strip():
            return tutor.Continue()  # Enter after a reading step, or an empty answer
        assert self._answers is not None, "a lesson with questions needs its answering service"
        verdict = self._answers.check(step, line)
        record = _answer_record(line, verdict)
        if verdict.chosen:
            record["chosen"] = list(verdict.chosen)
        entry.setdefault("answers", []).append(record)
        return tutor.Answer(line, verdict, counted_if_unreadable=not self._io.interactive)

    # -- output ---------------------------------------------------------------------------

    def _show(self, step: Step, entry: dict[str, Any]) -> None:
        ids = tutor.step_ids(self.lesson)
        if isinstance(step, QuestionStep):
            entry["kind"] = step.kind
            if step.options:
                entry["options"] = option_ids(step.options)  # the ids, in the order shown
        elif isinstance(step, ComputeStep):
            entry["computation"] = step.computation
        self._io.show_step(step, ids.index(step.id) + 1, len(ids))

    def _look_back(self, step: Step) -> None:
        """``:back``: the step before the one last looked back to (view only)."""
        ids = tutor.step_ids(self.lesson)
        here = ids.index(step.id)
        index = here - 1
        if self._back is not None and self._back[0] == step.id:
            index = self._back[1] - 1
        if index < 0:
            self._io.show_back(step, here + 1, None, 0, len(ids), False)
            return
        self._back = (step.id, index)
        earlier = self._shown(self.lesson.steps[index])
        revealed = isinstance(earlier, QuestionStep) and earlier.reveal is not None \
            and self._state.record_of(earlier.id).done
        self._io.show_back(step, here + 1, earlier, index + 1, len(ids), revealed)

    def _render(self, step: Step, outcome: tutor.Outcome) -> None:
        io = self._io
        if isinstance(outcome, tutor.Judged):
            tries_left = None if outcome.done else outcome.wrong_left
            io.show_verdict(outcome.verdict, tries_left, self._hints_left(step))
            if outcome.done and isinstance(step, QuestionStep):
                answer = self._reveal(step) if outcome.revealed else None
                io.show_closed(step, answer, skipped=False)
        elif isinstance(outcome, tutor.Skipped) and isinstance(step, QuestionStep):
            io.show_closed(step, self._reveal(step), skipped=True)
        elif isinstance(outcome, tutor.HintShown) and isinstance(step, QuestionStep):
            hint = localize(step.hints[outcome.index], self._lang)
            io.show_hint(hint, outcome.number, outcome.total)
        elif isinstance(outcome, tutor.NoMoreHints) and isinstance(step, QuestionStep):
            io.show_no_hint(outcome.total, bool(step.explanation))
        elif isinstance(outcome, tutor.NoMoreHints):  # a reading step has no hints to give
            io.show_note(message("hint.reading", self._lang))
        elif isinstance(outcome, tutor.Reask):
            io.show_note(message("answer.empty", self._lang)
                         if outcome.reason == tutor.EMPTY_ANSWER else outcome.reason)
        elif isinstance(outcome, tutor.Help):
            io.show_help()
        elif isinstance(outcome, tutor.Unknown):
            io.show_unknown(outcome.command)
        elif isinstance(outcome, tutor.ShowContext):
            io.show_context(step, self._steps(outcome.steps))
        elif isinstance(outcome, tutor.Back):
            self._look_back(step)

    def _reveal(self, step: QuestionStep) -> str:
        assert self._answers is not None
        return self._answers.reveal(step)

    def _hints_left(self, step: Step) -> int | None:
        if not isinstance(step, QuestionStep):
            return None
        return len(step.hints) - self._state.record_of(step.id).hints


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
