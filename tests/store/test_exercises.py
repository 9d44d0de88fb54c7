"""Exercise progress: checks, hints and the solution are kept by name; a pass stays."""

from __future__ import annotations

from bntutor.exercises.session import SessionState, review_rating
from bntutor.quiz.scheduler import record_rating
from bntutor.store.store import Store

from .conftest import FakeClock


def test_checks_hints_and_solution_are_kept(store: Store, clock: FakeClock) -> None:
    assert store.exercise_progress("bn-forward") is None
    store.start_exercise("bn-forward")
    assert store.exercise_progress("bn-forward").status == "started"  # type: ignore[union-attr]
    store.record_check("bn-forward", False, 3, 26, diagnosis="unbiased-variance")
    store.record_exercise_hint("bn-forward")
    p = store.exercise_progress("bn-forward")
    assert p is not None and p.status == "failing" and p.hints_used == 1
    assert p.last_diagnosis == "unbiased-variance"
    clock.advance(minutes=5)
    store.record_check("bn-forward", True, 26, 26)
    passed_at = clock()
    clock.advance(minutes=5)
    store.record_check("bn-forward", False, 20, 26, failure="timeout")  # later breakage
    store.record_solution_shown("bn-forward")
    p = store.exercise_progress("bn-forward")
    assert p is not None and p.status == "passed" and p.passed_at == passed_at
    assert p.checks == 3 and p.solution_shown and not p.last_passed
    assert store.exercise_check_count("bn-forward") == 3
    assert [q.name for q in store.all_exercise_progress()] == ["bn-forward"]


def test_a_sittings_rating_follows_hints_and_solution() -> None:
    assert review_rating(SessionState(passed=True)) == 3  # Good
    assert review_rating(SessionState(passed=True, hints_used=2)) == 2  # Hard
    assert review_rating(SessionState(passed=True, solution_shown=True)) == 1  # Again
    assert review_rating(SessionState(solution_shown=True)) == 1
    assert review_rating(SessionState(checks=4)) is None  # nothing settled: no card


def test_rating_makes_an_exercise_card(store: Store, clock: FakeClock) -> None:
    good = record_rating(store, "exercise:bn-forward", "bn-mechanics", 3, clock())
    again = record_rating(store, "exercise:bn-eval", "train-vs-inference", 1, clock())
    assert again < good  # Again comes back sooner than Good
    assert store.get_card("exercise:bn-forward") is not None
