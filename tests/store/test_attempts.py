"""Attempts: every answer kept, queried by recency and by topic for mastery."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.store.store import Store

from .conftest import START, FakeClock


def test_an_attempt_round_trips(store: Store, clock: FakeClock) -> None:
    clock.advance(seconds=3)
    new_id = store.record_attempt(
        "lesson",
        "02-bn-forward/var",
        "方差 = 1.25",
        correct=False,
        hints=2,
        seconds=41.5,
        diagnosis="used the unbiased variance",
        topic="bn-stats",
    )
    (attempt,) = store.recent_attempts()
    assert attempt.id == new_id
    assert attempt.at == START.replace(second=3)
    assert (attempt.source, attempt.item_id, attempt.answer) == (
        "lesson",
        "02-bn-forward/var",
        "方差 = 1.25",
    )
    assert (attempt.correct, attempt.hints, attempt.seconds) == (False, 2, 41.5)
    assert (attempt.diagnosis, attempt.topic) == ("used the unbiased variance", "bn-stats")


def test_recent_attempts_newest_first_by_source(store: Store, clock: FakeClock) -> None:
    for i in range(6):
        clock.advance(seconds=1)
        store.record_attempt("quiz" if i % 2 else "review", f"q{i}", str(i), True)
    assert [a.item_id for a in store.recent_attempts(limit=3)] == ["q5", "q4", "q3"]
    assert [a.item_id for a in store.recent_attempts(source="review")] == ["q4", "q2", "q0"]
    assert len(store.recent_attempts(limit=None)) == store.attempt_count() == 6


def test_attempts_for_topic(store: Store, clock: FakeClock) -> None:
    store.record_attempt("quiz", "a", "1", True, topic="dropout")
    clock.advance(seconds=1)
    store.record_attempt("quiz", "b", "1", False, topic="bn-eval")
    clock.advance(seconds=1)
    store.record_attempt("quiz", "c", "1", True, topic="dropout")
    store.record_attempt("quiz", "d", "1", True)
    assert [a.item_id for a in store.attempts_for_topic("dropout")] == ["c", "a"]
    assert [a.item_id for a in store.attempts_for_topic("dropout", limit=1)] == ["c"]
    assert store.attempts_for_topic("weight-decay") == []


def test_bad_attempt_arguments_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="lesson, quiz, review"):
        store.record_attempt("exam", "q", "a", True)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.record_attempt("quiz", "q", "a", True, seconds=-1)
    assert store.attempt_count() == 0


answers = st.lists(
    st.tuples(st.sampled_from(["bn-eval", "bn-stats", "dropout", None]), st.booleans()),
    max_size=30,
)


@settings(max_examples=25, deadline=None)
@given(answers)
def test_topic_stats_match_a_plain_count(given_answers: list[tuple[str | None, bool]]) -> None:
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp), clock) as store:
        last_at = {}
        for i, (topic, correct) in enumerate(given_answers):
            clock.advance(seconds=1)
            store.record_attempt("quiz", f"q{i}", "x", correct, topic=topic)
            last_at[topic] = clock.now
        tries = Counter(topic for topic, _ in given_answers if topic is not None)
        rights = Counter(topic for topic, ok in given_answers if topic is not None and ok)
        stats = store.topic_stats()
    assert [s.topic for s in stats] == sorted(tries)
    for s in stats:
        assert (s.attempts, s.correct, s.last_at) == (
            tries[s.topic],
            rights[s.topic],
            last_at[s.topic],
        )
        assert s.accuracy == pytest.approx(rights[s.topic] / tries[s.topic])
