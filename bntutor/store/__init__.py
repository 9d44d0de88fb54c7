"""Persistent state: lesson progress, attempts, quiz sessions and review cards.

Everything lives in one SQLite file, ``<home>/bntutor.sqlite3`` (WAL mode, schema version
in ``PRAGMA user_version``, migrations in :mod:`bntutor.store.migrations`)::

    from bntutor.store import Store

    with Store.open(home, clock=utc_now) as store:      # StoreError if unusable
        for warning in store.warnings: ...               # the CLI prints these
        store.save_step("01-why-bn", "s3", "correct", next_step_id="s4", hints_used=1,
                        seconds=12.5)
        store.get_progress("01-why-bn").resume_at(step_ids)  # survives reordered steps
        store.mark_finished("01-why-bn"); store.reset_lesson("01-why-bn")
        store.all_progress()
        store.record_attempt("quiz", "bn-train-vs-eval", "b", correct=False, hints=0,
                             seconds=8.0, diagnosis="used batch stats", topic="bn-eval")
        store.recent_attempts(20); store.attempts_for_topic("bn-eval"); store.topic_stats()
        store.record_quiz(started_at, seconds, n_questions, n_correct, topics, report_json)
        store.quiz_history()
        store.put_card(qid, card.to_json(), card.due, topic)   # fsrs.Card, state as JSON
        store.get_card(qid); store.due_cards(now); store.next_due()

Modules: ``db`` (connection, transactions, sqlite errors -> StoreError), ``migrations``,
``recovery`` (a damaged file is moved aside to ``bntutor.sqlite3.corrupt-<stamp>`` and a
fresh one started, with a warning), ``progress``, ``attempts``, ``quizzes``, ``cards``,
``store`` (the facade), ``home`` (where the home dir is). Datetimes are aware, injected by
the ``clock``, and stored as ISO-8601 UTC text. The store never prints.

Importing this package is cheap (``home`` needs it at startup): the names below load
their modules on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bntutor.store.attempts import Attempt, TopicStats
    from bntutor.store.cards import CardRecord
    from bntutor.store.progress import LessonProgress
    from bntutor.store.quizzes import QuizRecord
    from bntutor.store.store import Store

__all__ = ["Attempt", "CardRecord", "LessonProgress", "QuizRecord", "Store", "TopicStats"]

_HOMES = {
    "Attempt": "attempts",
    "TopicStats": "attempts",
    "CardRecord": "cards",
    "LessonProgress": "progress",
    "QuizRecord": "quizzes",
    "Store": "store",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f"bntutor.store.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'bntutor.store' has no attribute {name!r}")
