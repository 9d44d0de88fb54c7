"""Coding exercises: every check of the learner's file, hints taken, the solution shown."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from bntutor.store.clock import Clock, from_text, to_text
from bntutor.store.db import Database


@dataclass(frozen=True)
class ExerciseRecord:
    """One exercise's standing. ``status`` is new, failing or passed."""

    name: str
    started_at: datetime
    updated_at: datetime
    checks: int
    hints_used: int
    solution_shown: bool
    passed_at: datetime | None
    last_passed: bool
    last_diagnosis: str | None

    @property
    def status(self) -> str:
        if self.passed_at is not None:
            return "passed"
        return "failing" if self.checks else "started"


def _progress(row: sqlite3.Row) -> ExerciseRecord:
    return ExerciseRecord(
        name=row["name"], started_at=from_text(row["started_at"]),
        updated_at=from_text(row["updated_at"]), checks=int(row["checks"]),
        hints_used=int(row["hints_used"]), solution_shown=bool(row["solution_shown"]),
        passed_at=from_text(row["passed_at"]) if row["passed_at"] else None,
        last_passed=bool(row["last_passed"]), last_diagnosis=row["last_diagnosis"],
    )


_UPSERT = (
    "INSERT INTO exercise_progress (name, started_at, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at"
)


class ExerciseStore:
    """Exercise methods of :class:`~bntutor.store.store.Store`."""

    _db: Database
    _clock: Clock

    def start_exercise(self, name: str) -> None:
        """Note that the learner opened ``name`` (keeps what was there)."""
        now = to_text(self._clock())
        with self._db.write() as sql:
            sql.execute(_UPSERT, (name, now, now))

    def record_check(self, name: str, passed: bool, cases_passed: int, cases: int,
                     diagnosis: str | None = None, failure: str | None = None) -> None:
        """One check of the learner's file; a pass marks the exercise passed for good."""
        now = to_text(self._clock())
        with self._db.write() as sql:
            sql.execute(_UPSERT, (name, now, now))
            sql.execute(
                "INSERT INTO exercise_attempts"
                " (at, name, passed, cases_passed, cases, diagnosis, failure)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (now, name, int(passed), cases_passed, cases, diagnosis, failure),
            )
            sql.execute(
                "UPDATE exercise_progress SET checks = checks + 1, last_passed = ?,"
                " last_diagnosis = ?, passed_at = CASE WHEN ? THEN COALESCE(passed_at, ?)"
                " ELSE passed_at END WHERE name = ?",
                (int(passed), diagnosis, int(passed), now, name),
            )

    def record_exercise_hint(self, name: str) -> None:
        now = to_text(self._clock())
        with self._db.write() as sql:
            sql.execute(_UPSERT, (name, now, now))
            sql.execute("UPDATE exercise_progress SET hints_used = hints_used + 1"
                        " WHERE name = ?", (name,))

    def record_solution_shown(self, name: str) -> None:
        now = to_text(self._clock())
        with self._db.write() as sql:
            sql.execute(_UPSERT, (name, now, now))
            sql.execute("UPDATE exercise_progress SET solution_shown = 1 WHERE name = ?",
                        (name,))

    def exercise_progress(self, name: str) -> ExerciseRecord | None:
        rows = self._db.rows("SELECT * FROM exercise_progress WHERE name = ?", (name,))
        found = self._db.readable("exercise_progress", rows, _progress)
        return found[0] if found else None

    def all_exercise_progress(self) -> list[ExerciseRecord]:
        rows = self._db.rows("SELECT * FROM exercise_progress ORDER BY name")
        return self._db.readable("exercise_progress", rows, _progress)

    def exercise_check_count(self, name: str) -> int:
        row = self._db.row("SELECT COUNT(*) FROM exercise_attempts WHERE name = ?", (name,))
        return int(row[0]) if row is not None else 0
