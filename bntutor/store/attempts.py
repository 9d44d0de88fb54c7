"""Every answer given, in a lesson, a quiz or a review: the history behind mastery."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from bntutor.store.clock import Clock, from_text, to_text, well_formed
from bntutor.store.db import Database

Source = Literal["lesson", "quiz", "review"]
SOURCES: tuple[str, ...] = get_args(Source)


@dataclass(frozen=True)
class Attempt:
    """One answer. ``item_id`` is ``"lesson-slug/step-id"`` or a question id."""

    id: int
    at: datetime
    source: Source
    item_id: str
    answer: str
    correct: bool
    hints: int
    seconds: float
    diagnosis: str | None
    topic: str | None


@dataclass(frozen=True)
class TopicStats:
    """How a learner has done on one topic, for mastery."""

    topic: str
    attempts: int
    correct: int
    last_at: datetime

    @property
    def accuracy(self) -> float:
        return self.correct / self.attempts if self.attempts else 0.0


def _attempt(row: sqlite3.Row) -> Attempt:
    return Attempt(
        id=int(row["id"]),
        at=from_text(row["at"]),
        source=row["source"],
        item_id=row["item_id"],
        answer=row["answer"],
        correct=bool(row["correct"]),
        hints=int(row["hints"]),
        seconds=float(row["seconds"]),
        diagnosis=row["diagnosis"],
        topic=row["topic"],
    )


def _limit(limit: int | None) -> int:
    return -1 if limit is None else max(limit, 0)  # SQLite: LIMIT -1 means no limit


class AttemptStore:
    """Attempt methods of :class:`~bntutor.store.store.Store`."""

    _db: Database
    _clock: Clock

    def record_attempt(
        self,
        source: Source,
        item_id: str,
        answer: str,
        correct: bool,
        hints: int = 0,
        seconds: float = 0.0,
        diagnosis: str | None = None,
        topic: str | None = None,
    ) -> int:
        """Store one answer now; returns its id."""
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r}; expected one of {', '.join(SOURCES)}")
        if hints < 0 or seconds < 0:
            raise ValueError(f"hints and seconds must be >= 0, got {hints}, {seconds}")
        at = to_text(self._clock())
        with self._db.write() as sql:
            cursor = sql.execute(
                "INSERT INTO attempts"
                " (at, source, item_id, answer, correct, hints, seconds, diagnosis, topic)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (at, source, item_id, answer, int(correct), hints, seconds, diagnosis, topic),
            )
            return int(cursor.lastrowid or 0)

    def recent_attempts(
        self, limit: int | None = 20, source: Source | None = None
    ) -> list[Attempt]:
        """The latest attempts, newest first, optionally from one source only."""
        if source is None:
            rows = self._db.rows(
                "SELECT * FROM attempts ORDER BY at DESC, id DESC LIMIT ?", (_limit(limit),)
            )
        else:
            rows = self._db.rows(
                "SELECT * FROM attempts WHERE source = ? ORDER BY at DESC, id DESC LIMIT ?",
                (source, _limit(limit)),
            )
        return self._db.readable("attempts", rows, _attempt)

    def attempts_for_topic(self, topic: str, limit: int | None = None) -> list[Attempt]:
        """Attempts on ``topic``, newest first."""
        rows = self._db.rows(
            "SELECT * FROM attempts WHERE topic = ? ORDER BY at DESC, id DESC LIMIT ?",
            (topic, _limit(limit)),
        )
        return self._db.readable("attempts", rows, _attempt)

    def topic_stats(self) -> list[TopicStats]:
        """Attempts and correct answers per topic (attempts without a topic left out)."""
        rows = self._db.rows(
            "SELECT topic, COUNT(*) AS n, SUM(correct) AS ok, MAX(at) AS last_at FROM attempts"
            f" WHERE topic IS NOT NULL AND {well_formed('at')} GROUP BY topic ORDER BY topic"
        )
        return self._db.readable(
            "attempts",
            rows,
            lambda row: TopicStats(
                row["topic"], int(row["n"]), int(row["ok"]), from_text(row["last_at"])
            ),
        )

    def attempt_count(self) -> int:
        row = self._db.row("SELECT COUNT(*) FROM attempts")
        return int(row[0]) if row is not None else 0
