"""Lesson progress is keyed by slug and step id, so resuming survives edited lessons."""

from __future__ import annotations

from pathlib import Path

import pytest

from bntutor.store.lessons import StepOutcome
from bntutor.store.store import Store

from .conftest import START, FakeClock

STEPS = ["intro", "mean", "var", "x-hat", "scale-shift", "wrap-up"]


def _walk(store: Store, clock: FakeClock, slug: str, outcomes: dict[str, StepOutcome]) -> None:
    """Leave each step in ``outcomes`` in order, as the tutor would, 10 s apart."""
    steps = list(outcomes)
    for i, step in enumerate(steps):
        clock.advance(seconds=10)
        following = STEPS[STEPS.index(step) + 1] if step != STEPS[-1] else None
        store.save_step(slug, step, outcomes[step], following, hints_used=i % 2, seconds=10.0)


def test_unknown_lesson_has_no_progress(store: Store) -> None:
    assert store.get_progress("nope") is None
    assert store.all_progress() == []


def test_progress_records_where_and_how(store: Store, clock: FakeClock) -> None:
    _walk(store, clock, "bn", {"intro": "seen", "mean": "correct", "var": "wrong"})
    progress = store.get_progress("bn")
    assert progress is not None
    assert progress.current_step_id == "x-hat"
    assert progress.completed_step_ids == ("intro", "mean", "var")
    assert dict(progress.step_outcomes) == {"intro": "seen", "mean": "correct", "var": "wrong"}
    assert (progress.correct, progress.answered, progress.count("seen")) == (1, 2, 1)
    assert progress.hints_used == 0 + 1 + 0
    assert progress.seconds == pytest.approx(30.0)
    assert progress.started_at == START.replace(second=10)
    assert progress.updated_at == START.replace(second=30)
    assert progress.finished_at is None and not progress.finished
    assert progress.resume_at(STEPS) == "x-hat"


def test_progress_survives_a_new_process(home: Path, clock: FakeClock) -> None:
    with Store.open(home, clock) as store:
        _walk(store, clock, "bn", {"intro": "seen", "mean": "correct"})
    with Store.open(home, clock) as store:
        progress = store.get_progress("bn")
        assert progress is not None and progress.resume_at(STEPS) == "var"


def test_reordered_and_inserted_steps_keep_progress(store: Store, clock: FakeClock) -> None:
    _walk(store, clock, "bn", {"intro": "seen", "mean": "correct", "var": "correct"})
    progress = store.get_progress("bn")
    assert progress is not None
    # The author moves x-hat first and inserts a new step: the learner still resumes at
    # x-hat (saved by id), and nothing already done is asked again.
    edited = ["x-hat", "intro", "new-step", "var", "mean", "scale-shift", "wrap-up"]
    assert progress.resume_at(edited) == "x-hat"
    # The author deletes x-hat: resume at the first step in the new order not yet done.
    without = [step for step in edited if step != "x-hat"]
    assert progress.resume_at(without) == "new-step"
    assert progress.resume_at(["intro", "mean", "var"]) is None


def test_revisiting_a_step_keeps_its_place_and_adds_up(store: Store, clock: FakeClock) -> None:
    store.save_step("bn", "intro", "seen", "mean", seconds=5)
    store.save_step("bn", "mean", "wrong", "var", hints_used=1, seconds=20)
    store.save_step("bn", "mean", "correct", "var", hints_used=2, seconds=7)
    progress = store.get_progress("bn")
    assert progress is not None
    assert progress.completed_step_ids == ("intro", "mean")
    assert progress.step_outcomes["mean"] == "correct"  # the latest outcome wins
    assert progress.hints_used == 3
    assert progress.seconds == pytest.approx(32.0)


def test_steps_keep_their_own_records(store: Store, clock: FakeClock) -> None:
    store.save_step("bn", "intro", "seen", "mean", seconds=4)
    clock.advance(seconds=30)
    store.save_step("bn", "mean", "wrong", "var", hints_used=2, seconds=30)
    progress = store.get_progress("bn")
    assert progress is not None
    mean = progress.step("mean")
    assert mean is not None
    assert (mean.outcome, mean.hints_used, mean.seconds) == ("wrong", 2, 30.0)
    assert mean.first_at == mean.last_at == START.replace(second=30)
    assert progress.step("var") is None


def test_quitting_before_finishing_a_step_keeps_the_place(home: Path, clock: FakeClock) -> None:
    with Store.open(home, clock) as store:
        store.set_current_step("bn", "intro")
        store.save_step("bn", "intro", "seen", "mean")
        store.set_current_step("bn", "var")  # jumped ahead, then quit
    with Store.open(home, clock) as store:
        progress = store.get_progress("bn")
        assert progress is not None
        assert progress.started_at == START
        assert progress.completed_step_ids == ("intro",)
        assert progress.resume_at(STEPS) == "var"


def test_a_current_step_already_done_resumes_at_the_first_open_one(store: Store) -> None:
    store.save_step("bn", "intro", "seen", "mean")
    store.save_step("bn", "mean", "correct", "intro")  # e.g. the author moved intro later
    progress = store.get_progress("bn")
    assert progress is not None and progress.current_step_id == "intro"
    assert progress.resume_at(["mean", "var", "intro"]) == "var"


def test_finish_then_new_steps_resume_there(store: Store, clock: FakeClock) -> None:
    _walk(store, clock, "bn", {step: "correct" for step in STEPS})
    clock.advance(minutes=1)
    store.mark_finished("bn")
    progress = store.get_progress("bn")
    assert progress is not None and progress.finished
    assert progress.finished_at == clock.now
    assert progress.current_step_id is None
    assert progress.correct == len(STEPS)
    assert progress.resume_at(STEPS) is None
    assert progress.resume_at([*STEPS[:2], "added-later", *STEPS[2:]]) == "added-later"


def test_reset_forgets_one_lesson_only(store: Store, clock: FakeClock) -> None:
    _walk(store, clock, "bn", {"intro": "seen", "mean": "correct"})
    _walk(store, clock, "dropout", {"intro": "seen"})
    store.record_attempt("lesson", "bn/mean", "2.5", True, topic="bn-stats")
    assert store.reset_lesson("bn") is True
    assert store.get_progress("bn") is None
    assert store.reset_lesson("bn") is False
    assert [p.slug for p in store.all_progress()] == ["dropout"]
    assert store.attempt_count() == 1  # the history of answers stays
    store.save_step("bn", "intro", "seen", "mean")  # a fresh start, numbered from one
    progress = store.get_progress("bn")
    assert progress is not None and progress.completed_step_ids == ("intro",)


def test_all_progress_keeps_lessons_apart(store: Store, clock: FakeClock) -> None:
    _walk(store, clock, "zz-last", {"intro": "correct"})
    _walk(store, clock, "aa-first", {"intro": "skipped", "mean": "correct"})
    everything = store.all_progress()
    assert [p.slug for p in everything] == ["aa-first", "zz-last"]
    assert everything[0].completed_step_ids == ("intro", "mean")
    assert everything[0].count("skipped") == 1
    assert everything[1].completed_step_ids == ("intro",)
    assert everything == [store.get_progress("aa-first"), store.get_progress("zz-last")]


def test_bad_step_arguments_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="correct, wrong, skipped, seen"):
        store.save_step("bn", "intro", "great", None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.save_step("bn", "intro", "seen", None, hints_used=-1)
    assert store.get_progress("bn") is None


def test_lesson_time_adds_up_over_sessions_and_resets(store: Store) -> None:
    assert store.add_lesson_time("bn", 42.0) == 42.0  # the session that ended with Ctrl-C
    store.save_step("bn", "intro", "seen", "mean", seconds=5.0)
    assert store.add_lesson_time("bn", 92.5) == 134.5  # the session that finished it
    progress = store.get_progress("bn")
    assert progress is not None and progress.session_seconds == 134.5
    assert progress.current_step_id == "mean"  # adding time moves nothing
    with pytest.raises(ValueError):
        store.add_lesson_time("bn", -1.0)
    store.reset_lesson("bn")
    assert store.add_lesson_time("bn", 1.0) == 1.0


def test_the_last_step_and_the_finish_are_saved_together(store: Store) -> None:
    store.save_step("les", "a", "seen", "b")
    assert not store.get_progress("les").finished  # type: ignore[union-attr]
    store.save_step("les", "b", "correct", None, finished=True)
    progress = store.get_progress("les")
    assert progress is not None and progress.finished and progress.current_step_id is None
    assert progress.completed_step_ids == ("a", "b")
