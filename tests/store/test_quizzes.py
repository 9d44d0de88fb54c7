"""Quiz sessions: stored whole, listed newest first."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bntutor.store.store import Store

from .conftest import START


def test_quiz_history_newest_first(store: Store) -> None:
    report = {"questions": [{"id": "bn-eval-1", "correct": True}], "note": "训练模式"}
    first = store.record_quiz(START, 300.0, 10, 7, ["bn-eval", "dropout"], json.dumps(report))
    later = START + timedelta(days=1)
    second = store.record_quiz(later, 61.5, 5, 5, [], "{}")
    history = store.quiz_history()
    assert [q.id for q in history] == [second, first]
    old = history[1]
    assert (old.started_at, old.seconds, old.n_questions, old.n_correct) == (START, 300.0, 10, 7)
    assert old.topics == ("bn-eval", "dropout")
    assert old.report() == report
    assert [q.id for q in store.quiz_history(limit=1)] == [second]


def test_bad_quiz_records_are_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        store.record_quiz(START, 10.0, 3, 4, [], "{}")
    with pytest.raises(ValueError):
        store.record_quiz(START, 10.0, 3, 1, [], "{not json")
    assert store.quiz_history() == []
