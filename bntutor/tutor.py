"""The lesson state machine: ``(lesson, state, event) -> (state, outcome)``.

Pure: no I/O, no clock, no torch. The player turns the learner's lines into events
(:func:`parse_line`), checks answers itself (the Verdict travels inside :class:`Answer`),
and renders the outcomes. The state is keyed by step id, never by position, so a lesson
that gained, lost or reordered steps still resumes at the step the learner was on.

Rules: a text or compute step is done on :class:`Continue`. A question is done when it
is answered correctly, skipped, or answered wrongly :data:`MAX_WRONG` times (then the
answer is revealed; a ``predict`` question allows one guess). Each ``:hint`` reveals the
next hint of the current question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from bntutor.checking.verdict import Verdict
from bntutor.commands import (  # noqa: F401  (re-exported: the events a line can be)
    Back,
    Command,
    Help,
    Hint,
    Quit,
    Show,
    Skip,
    Unknown,
    parse_command,
)
from bntutor.content.models import ComputeStep, Lesson, QuestionStep, Step

#: Wrong answers after which a question's answer and explanation are shown.
MAX_WRONG = 3
#: A prediction gets one guess: the verdict itself tells the real result.
MAX_WRONG_PREDICT = 1

Result = Literal["seen", "correct", "wrong", "skipped"]
EMPTY_ANSWER = "type an answer, or :hint / :skip / :quit / :help"  # lessons and quizzes alike


# -- state ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StepRecord:
    """What happened at one step. ``result`` is None while a question is still open."""

    result: Result | None = None
    attempts: int = 0  # answers checked (readable ones, plus unreadable ones in scripts)
    wrong: int = 0
    hints: int = 0

    @property
    def done(self) -> bool:
        return self.result is not None


@dataclass(frozen=True)
class LessonState:
    """Where the learner is (``current`` step id; None once finished) and each step's record."""

    current: str | None
    steps: Mapping[str, StepRecord] = field(default_factory=dict)

    def record_of(self, step_id: str) -> StepRecord:
        return self.steps.get(step_id, StepRecord())


# -- events -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Continue:
    """Enter on a text or compute step (or an empty line at a question)."""


@dataclass(frozen=True)
class Answer:
    """An answer and its verdict. ``counted_if_unreadable``: scripted runs count it."""

    text: str
    verdict: Verdict
    counted_if_unreadable: bool = False


Event = Continue | Answer | Command


# -- outcomes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    """The step ``done`` is finished; ``next`` is the step to show (None: lesson over)."""

    done: str
    next: str | None


@dataclass(frozen=True)
class Judged:
    """An answer was checked. ``revealed``: it was the last allowed wrong answer."""

    verdict: Verdict
    attempt: int
    wrong_left: int
    revealed: bool
    next: str | None  # the step to show when the question is done, else the same id
    done: bool


@dataclass(frozen=True)
class HintShown:
    """Hint number ``number`` (1-based) of ``total``; ``index`` into the question's hints."""

    index: int
    number: int
    total: int


@dataclass(frozen=True)
class NoMoreHints:
    total: int


@dataclass(frozen=True)
class Skipped:
    """A question was skipped: show its answer, then ``next``."""

    step: str
    next: str | None


@dataclass(frozen=True)
class Reask:
    """Nothing happened; say ``reason`` and ask again."""

    reason: str


@dataclass(frozen=True)
class ShowContext:
    """``:show``: show again ``steps`` (ids, in lesson order), the data the current step
    works with; empty when it needs none."""

    steps: tuple[str, ...]


#: ``:quit``, ``:help``, an unknown ``:word`` and ``:back`` change nothing: each comes back
#: as its own outcome for the player to act on (``:back``: the player keeps how far back
#: the learner has looked).
Passed = Quit | Help | Unknown | Back

Outcome = Moved | Judged | HintShown | NoMoreHints | Skipped | Reask | ShowContext | Passed


# -- the machine ------------------------------------------------------------------------


def step_ids(lesson: Lesson) -> list[str]:
    return [step.id for step in lesson.steps]


def get_step(lesson: Lesson, step_id: str | None) -> Step | None:
    return next((step for step in lesson.steps if step.id == step_id), None)


def first_open(lesson: Lesson, steps: Mapping[str, StepRecord]) -> str | None:
    """The first step (in lesson order) that is not done; None when all are."""
    return next((s.id for s in lesson.steps if not steps.get(s.id, StepRecord()).done), None)


def context_ids(lesson: Lesson, step_id: str) -> list[str]:
    """The steps whose output ``step_id`` works with: a question's declared ``context``,
    else the latest compute step before it (none before the first compute step)."""
    step = get_step(lesson, step_id)
    if isinstance(step, QuestionStep) and step.context:
        return list(step.context)
    ids = step_ids(lesson)
    for earlier in reversed(lesson.steps[: ids.index(step_id)] if step_id in ids else []):
        if isinstance(earlier, ComputeStep):
            return [earlier.id]
    return []


def start(lesson: Lesson, saved: LessonState | None = None, restart: bool = False) -> LessonState:
    """The state to play from: fresh, or ``saved`` resumed at the same step id.

    Records of steps no longer in the lesson are dropped. When the saved current step
    vanished (or was already done), play goes on at the first step not done.
    """
    if saved is None or restart:
        return LessonState(current=lesson.steps[0].id, steps={})
    ids = set(step_ids(lesson))
    steps = {sid: rec for sid, rec in saved.steps.items() if sid in ids}
    current = saved.current
    if current not in ids or steps.get(current, StepRecord()).done:
        current = first_open(lesson, steps)
    return LessonState(current=current, steps=steps)


def start_at(lesson: Lesson, step_id: str, saved: LessonState | None = None) -> LessonState:
    """The state that plays ``step_id`` next (``--step``): the other steps keep their saved
    records, the chosen one is asked afresh. ValueError when the lesson has no such step."""
    if step_id not in step_ids(lesson):
        raise ValueError(step_id)
    steps = dict(start(lesson, saved).steps) if saved is not None else {}
    steps.pop(step_id, None)
    return LessonState(current=step_id, steps=steps)


def finished(state: LessonState) -> bool:
    return state.current is None


def _next_after(lesson: Lesson, steps: Mapping[str, StepRecord], step_id: str) -> str | None:
    """The first step after ``step_id`` not done, wrapping to earlier open steps."""
    ids = step_ids(lesson)
    after = (sid for sid in ids[ids.index(step_id) + 1 :] if not steps.get(sid, StepRecord()).done)
    nxt = next(after, None)  # a step id may be "": only None means none is left after it
    return nxt if nxt is not None else first_open(lesson, steps)


def _finish(
    lesson: Lesson, state: LessonState, step_id: str, record: StepRecord
) -> tuple[LessonState, str | None]:
    steps = {**state.steps, step_id: record}
    nxt = _next_after(lesson, steps, step_id)
    return LessonState(current=nxt, steps=steps), nxt


def advance(lesson: Lesson, state: LessonState, event: Event) -> tuple[LessonState, Outcome]:
    """Apply ``event`` at the current step and say what happened."""
    step = get_step(lesson, state.current)
    if step is None:
        raise ValueError("the lesson is finished (or the current step is unknown)")
    if isinstance(event, Quit | Help | Unknown | Back):
        return state, event
    if isinstance(event, Show):
        return state, ShowContext(tuple(context_ids(lesson, step.id)))
    if not isinstance(step, QuestionStep):
        return _on_reading(lesson, state, step, event)
    return _on_question(lesson, state, step, event)


def _on_reading(
    lesson: Lesson, state: LessonState, step: Step, event: Event
) -> tuple[LessonState, Outcome]:
    if isinstance(event, Hint):
        return state, NoMoreHints(total=0)
    # Continue, Skip, or any text typed at a reading step: the step has been seen.
    record = replace(state.record_of(step.id), result="seen")
    new, nxt = _finish(lesson, state, step.id, record)
    return new, Moved(done=step.id, next=nxt)


def _on_question(
    lesson: Lesson, state: LessonState, step: QuestionStep, event: Event
) -> tuple[LessonState, Outcome]:
    record = state.record_of(step.id)
    if isinstance(event, Hint):
        hint = next_hint(len(step.hints), record.hints)
        if isinstance(hint, NoMoreHints):
            return state, hint
        record = replace(record, hints=hint.number)
        new = LessonState(current=state.current, steps={**state.steps, step.id: record})
        return new, hint
    if isinstance(event, Skip):
        new, nxt = _finish(lesson, state, step.id, replace(record, result="skipped"))
        return new, Skipped(step=step.id, next=nxt)
    if isinstance(event, Continue):
        return state, Reask(EMPTY_ANSWER)
    assert isinstance(event, Answer)
    if not event.text.strip():
        return state, Reask(EMPTY_ANSWER)
    verdict = event.verdict
    if not verdict.readable and (not event.counted_if_unreadable or verdict.retry):
        return state, Reask(verdict.message)
    return _judge(lesson, state, step, record, verdict)


def next_hint(total: int, used: int) -> HintShown | NoMoreHints:
    """The hint policy of lessons, quizzes and review: each ``:hint`` shows the next of a
    question's ``total`` hints (``used`` shown so far), counted, until none is left."""
    if used >= total:
        return NoMoreHints(total=total)
    return HintShown(index=used, number=used + 1, total=total)


def wrong_allowed(step: QuestionStep) -> int:
    """Wrong answers after which the question's answer is revealed."""
    return MAX_WRONG_PREDICT if step.kind == "predict" else MAX_WRONG


def _judge(
    lesson: Lesson, state: LessonState, step: QuestionStep, record: StepRecord, verdict: Verdict
) -> tuple[LessonState, Outcome]:
    attempts = record.attempts + 1
    wrong = record.wrong + (0 if verdict.correct else 1)
    record = replace(record, attempts=attempts, wrong=wrong)
    allowed = wrong_allowed(step)
    revealed = not verdict.correct and wrong >= allowed
    if verdict.correct or revealed:
        record = replace(record, result="correct" if verdict.correct else "wrong")
        new, nxt = _finish(lesson, state, step.id, record)
        done = True
    else:
        new = LessonState(current=state.current, steps={**state.steps, step.id: record})
        nxt, done = step.id, False
    outcome = Judged(
        verdict=verdict,
        attempt=attempts,
        wrong_left=max(allowed - wrong, 0),
        revealed=revealed,
        next=nxt,
        done=done,
    )
    return new, outcome


# -- the score --------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """How the learner did on the lesson's questions."""

    questions: int
    correct: int
    first_try: int
    wrong: int
    skipped: int
    hints: int
    steps_done: int
    steps: int


def score(lesson: Lesson, state: LessonState) -> Score:
    questions = [s for s in lesson.steps if isinstance(s, QuestionStep)]
    records = [state.record_of(s.id) for s in questions]
    return Score(
        questions=len(questions),
        correct=sum(r.result == "correct" for r in records),
        first_try=sum(r.result == "correct" and r.attempts == 1 and r.hints == 0 for r in records),
        wrong=sum(r.result == "wrong" for r in records),
        skipped=sum(r.result == "skipped" for r in records),
        hints=sum(r.hints for r in records),
        steps_done=sum(state.record_of(s.id).done for s in lesson.steps),
        steps=len(lesson.steps),
    )
