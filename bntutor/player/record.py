"""Every step the learner finishes, into the store: the one place lessons, quizzes and
review record what was answered (an attempt row, a review card) and where a lesson is;
and, out of it, where a lesson begins again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from bntutor import tutor
from bntutor.checking.verdict import Verdict
from bntutor.content.models import Lesson
from bntutor.messages import message
from bntutor.player.lesson import Recorder
from bntutor.quiz.items import lesson_item_id
from bntutor.quiz.results import QuestionResult

if TYPE_CHECKING:
    from bntutor.store.lessons import LessonRecord
    from bntutor.store.store import Store


class StoreRecorder(Recorder):
    """Writes to ``store``: the lesson loop's :class:`~bntutor.player.lesson.Recorder` (for
    lesson ``slug`` on ``topic``) and the quiz loop's ``record`` (:meth:`result`)."""

    def __init__(
        self, store: Store, source: Literal["lesson", "quiz", "review"],
        now: Callable[[], datetime], slug: str = "", topic: str | None = None,
    ) -> None:
        self._store = store
        self._source = source
        self._now = now
        self._slug = slug
        self._topic = topic

    # -- one answer, one review card: every loop ---------------------------------------

    def _attempt(self, item_id: str, answer: str, correct: bool, hints: int, seconds: float,
                 diagnosis: str | None, topic: str | None) -> None:
        self._store.record_attempt(self._source, item_id, answer, correct, hints=hints,
                                   seconds=max(seconds, 0.0), diagnosis=diagnosis, topic=topic)

    def _card(self, item_id: str, topic: str | None, correct: bool, hints: int, seconds: float,
              points: tuple[int, int] | None = None) -> None:
        from bntutor.quiz.scheduler import record_answer

        record_answer(self._store, item_id, topic, correct, hints, max(seconds, 0.0),
                      self._now(), points)

    def result(self, result: QuestionResult) -> None:
        """A quiz or review question answered (or skipped): its attempt and its card."""
        answer = result.answer if result.answer is not None else ":skip"
        self._attempt(result.item_id, answer, result.correct, result.hints, result.seconds,
                      result.diagnosis, result.topic)
        self._card(result.item_id, result.topic, result.correct, result.hints, result.seconds,
                   result.points)

    # -- a lesson ------------------------------------------------------------------------

    def attempt(
        self, step_id: str, answer: str, verdict: Verdict, hints: int, seconds: float
    ) -> None:
        self._attempt(f"{self._slug}/{step_id}", answer, verdict.correct, hints, seconds,
                      verdict.diagnosis, self._topic)

    def question_done(self, step_id: str, correct: bool, hints: int, seconds: float) -> None:
        self._card(lesson_item_id(self._slug, step_id), self._topic, correct, hints, seconds)

    def step_done(
        self, step_id: str, result: tutor.Result, next_id: str | None, hints: int, seconds: float
    ) -> None:
        self._store.save_step(self._slug, step_id, result, next_id, hints, max(seconds, 0.0),
                              finished=next_id is None)  # the last step left: one transaction

    def lesson_done(self) -> None:
        self._store.mark_finished(self._slug)


def saved_progress(saved: LessonRecord | None) -> tutor.LessonState | None:
    """The tutor's view of what the store kept (None when the lesson was never started)."""
    if saved is None:
        return None
    steps = {
        step.step_id: tutor.StepRecord(result=step.outcome, hints=step.hints_used)
        for step in saved.steps
    }
    return tutor.LessonState(current=saved.current_step_id, steps=steps)


def lesson_run(store: Store, slug: str) -> int:
    """The number of the lesson's live run: each run shows its options in a new order,
    and a given run always in the same one."""
    progress = store.get_progress(slug)
    return progress.run if progress is not None else 1


def starting_point(
    store: Store, lesson: Lesson, restart: bool, step: str | None = None, lang: str = "en"
) -> tuple[tutor.LessonState, str]:
    """Where to begin, and a line saying so when it is not the plain first step."""
    if restart:
        store.start_run(lesson.slug)  # a new run: what earlier runs achieved is kept
        if step is None:
            return tutor.start(lesson), ""
    saved = None if restart else saved_progress(store.get_progress(lesson.slug))
    if step is not None:
        ids = tutor.step_ids(lesson)
        line = message("lesson.start_at", lang, k=ids.index(step) + 1, n=len(ids), step=step)
        return tutor.start_at(lesson, step, saved), line
    state = tutor.start(lesson, saved)
    if saved is not None and tutor.finished(state):
        run = store.start_run(lesson.slug)  # played again: the finished run is kept
        return tutor.start(lesson), message("lesson.again", lang, run=run)
    ids = tutor.step_ids(lesson)
    if saved is not None and state.current != ids[0]:
        k = ids.index(state.current or ids[0]) + 1
        return state, message("lesson.resuming", lang, k=k, n=len(ids))
    return state, ""
