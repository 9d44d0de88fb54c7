"""Lesson progress into the store: steps, attempts, review cards; and saved progress out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from bntutor import tutor
from bntutor.checking.verdict import Verdict

if TYPE_CHECKING:
    from bntutor.store.lessons import LessonRecord
    from bntutor.store.store import Store


def attempt_id(slug: str, step_id: str) -> str:
    """The attempts table's item id for a lesson question."""
    return f"{slug}/{step_id}"


def card_id(slug: str, step_id: str) -> str:
    """The review-card item id of a lesson question."""
    return f"lesson:{slug}/{step_id}"


class StoreRecorder:
    """The player's :class:`~bntutor.player.lesson.Recorder`, writing to a :class:`Store`."""

    def __init__(
        self, store: Store, slug: str, topic: str | None, now: Callable[[], datetime]
    ) -> None:
        self._store = store
        self._slug = slug
        self._topic = topic
        self._now = now

    def step_done(
        self, step_id: str, result: tutor.Result, next_id: str | None, hints: int, seconds: float
    ) -> None:
        self._store.save_step(self._slug, step_id, result, next_id, hints, max(seconds, 0.0),
                              finished=next_id is None)  # the last step left: one transaction

    def attempt(
        self, step_id: str, answer: str, verdict: Verdict, hints: int, seconds: float
    ) -> None:
        self._store.record_attempt(
            "lesson",
            attempt_id(self._slug, step_id),
            answer,
            verdict.correct,
            hints=hints,
            seconds=max(seconds, 0.0),
            diagnosis=verdict.diagnosis,
            topic=self._topic,
        )

    def question_done(self, step_id: str, correct: bool, hints: int, seconds: float) -> None:
        from bntutor.quiz.scheduler import record_answer

        record_answer(
            self._store,
            card_id(self._slug, step_id),
            self._topic,
            correct,
            hints,
            max(seconds, 0.0),
            self._now(),
        )

    def lesson_done(self) -> None:
        self._store.mark_finished(self._slug)


def saved_progress(saved: LessonRecord | None) -> tutor.Progress | None:
    """The tutor's view of what the store kept (None when the lesson was never started)."""
    if saved is None:
        return None
    steps = {
        step.step_id: tutor.StepRecord(result=step.outcome, hints=step.hints_used)
        for step in saved.steps
    }
    return tutor.Progress(current=saved.current_step_id, steps=steps)
