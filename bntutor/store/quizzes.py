"""Finished quiz sessions: when, how long, how well, and the full report as JSON."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bntutor.store.clock import Clock, from_text, to_text
from bntutor.store.db import Database


@dataclass(frozen=True)
class QuizRecord:
    """One quiz session; ``report_json`` is whatever report the quiz produced."""

    id: int
    started_at: datetime
    seconds: float
    n_questions: int
    n_correct: int
    topics: tuple[str, ...]
    report_json: str

    def report(self) -> Any:
        return json.loads(self.report_json)


def _record(row: sqlite3.Row) -> QuizRecord:
    json.loads(row["report_json"])  # unreadable: left out now, not a crash in report()
    return QuizRecord(
        id=int(row["id"]),
        started_at=from_text(row["started_at"]),
        seconds=float(row["seconds"]),
        n_questions=int(row["n_questions"]),
        n_correct=int(row["n_correct"]),
        topics=tuple(json.loads(row["topics_json"])),
        report_json=row["report_json"],
    )


class QuizStore:
    """Quiz-session methods of :class:`~bntutor.store.store.Store`."""

    _db: Database
    _clock: Clock

    def record_quiz(
        self,
        started_at: datetime,
        seconds: float,
        n_questions: int,
        n_correct: int,
        topics: Sequence[str],
        report_json: str,
    ) -> int:
        """Store one finished (or stopped) quiz; returns its id."""
        if not 0 <= n_correct <= n_questions:
            raise ValueError(f"need 0 <= n_correct <= n_questions, got {n_correct}/{n_questions}")
        if seconds < 0:
            raise ValueError(f"seconds must be >= 0, got {seconds}")
        json.loads(report_json)  # a ValueError now rather than an unreadable history later
        with self._db.write() as sql:
            cursor = sql.execute(
                "INSERT INTO quizzes"
                " (started_at, seconds, n_questions, n_correct, topics_json, report_json)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    to_text(started_at),
                    seconds,
                    n_questions,
                    n_correct,
                    json.dumps(list(topics)),
                    report_json,
                ),
            )
            return int(cursor.lastrowid or 0)

    def quiz_history(self, limit: int | None = None) -> list[QuizRecord]:
        """Quiz sessions, newest first."""
        rows = self._db.rows(
            "SELECT * FROM quizzes ORDER BY started_at DESC, id DESC LIMIT ?",
            (-1 if limit is None else max(limit, 0),),
        )
        return self._db.readable("quizzes", rows, _record)
