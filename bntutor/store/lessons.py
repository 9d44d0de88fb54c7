"""Lesson progress, keyed by lesson slug and step id (never by position).

Call :meth:`LessonStore.save_step` when the learner leaves a step: its outcome is the
step's latest result, hints and seconds add up over visits, and ``next_step_id`` is where
the lesson resumes. Because nothing refers to step positions, an author can reorder,
insert or delete steps and :meth:`LessonRecord.resume_at` still finds the right place.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeVar, get_args

from bntutor.store.clock import Clock, from_text, to_text, well_formed
from bntutor.store.db import Database
from bntutor.store.runs import PastRun, past_run, start_new_run

StepOutcome = Literal["correct", "wrong", "skipped", "seen"]
OUTCOMES: tuple[str, ...] = get_args(StepOutcome)
T = TypeVar("T")


@dataclass(frozen=True)
class StepResult:
    """One step the learner has left, with its latest outcome and totals over visits."""

    step_id: str
    outcome: StepOutcome
    hints_used: int
    seconds: float
    first_at: datetime
    last_at: datetime


@dataclass(frozen=True)
class LessonRecord:
    """Where a learner is in one lesson and how it went."""

    slug: str
    current_step_id: str | None  # None: not placed yet, or finished
    steps: tuple[StepResult, ...]  # completed steps, in the order first completed
    started_at: datetime  # of the live run
    updated_at: datetime
    finished_at: datetime | None = None  # when the live run reached the end
    #: Time spent in the live run over all its sessions (see ``add_lesson_time``).
    session_seconds: float = 0.0
    run: int = 1  # the live run's number: 2 and up once a finished lesson is played again
    earlier: tuple[PastRun, ...] = ()  # the runs before it, oldest first
    lang: str | None = None  # the language the lesson was started in (None: not kept)

    @property
    def completed_step_ids(self) -> tuple[str, ...]:
        return tuple(step.step_id for step in self.steps)

    @property
    def step_outcomes(self) -> dict[str, StepOutcome]:
        return {step.step_id: step.outcome for step in self.steps}

    def step(self, step_id: str) -> StepResult | None:
        return next((step for step in self.steps if step.step_id == step_id), None)

    def count(self, outcome: StepOutcome) -> int:
        return sum(1 for step in self.steps if step.outcome == outcome)

    @property
    def correct(self) -> int:
        return self.count("correct")

    @property
    def answered(self) -> int:
        """Steps answered right or wrong (not skipped, not merely seen)."""
        return self.count("correct") + self.count("wrong")

    @property
    def hints_used(self) -> int:
        return sum(step.hints_used for step in self.steps)

    @property
    def seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    @property
    def finished(self) -> bool:
        """The live run reached the end."""
        return self.finished_at is not None

    @property
    def ever_finished(self) -> bool:
        """Some run, this one or an earlier one, reached the end."""
        return self.finished or any(run.finished for run in self.earlier)

    def best_steps_done(self, step_ids: Sequence[str]) -> int:
        """The most of the lesson's current ``step_ids`` that one run completed."""
        ids = set(step_ids)
        runs = [self.completed_step_ids, *(run.step_ids for run in self.earlier)]
        return max(len(ids.intersection(done)) for done in runs)

    def resume_at(self, step_ids: Sequence[str]) -> str | None:
        """The step to resume at in the lesson's current ``step_ids``; None when all done.

        The saved current step if it is still in the lesson and not completed, else the
        first step (in the lesson's order) not completed.
        """
        done = set(self.completed_step_ids)
        current = self.current_step_id
        if current is not None and current in step_ids and current not in done:
            return current
        return next((step for step in step_ids if step not in done), None)


def _check_step(outcome: str, hints_used: int, seconds: float) -> None:
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}; expected one of {', '.join(OUTCOMES)}")
    if hints_used < 0 or seconds < 0:
        raise ValueError(f"hints_used and seconds must be >= 0, got {hints_used}, {seconds}")


def _step(row: sqlite3.Row) -> StepResult:
    return StepResult(
        step_id=row["step_id"],
        outcome=row["outcome"],
        hints_used=int(row["hints_used"]),
        seconds=float(row["seconds"]),
        first_at=from_text(row["first_at"]),
        last_at=from_text(row["last_at"]),
    )


def _progress(
    lesson: sqlite3.Row, steps: list[StepResult], runs: list[PastRun]
) -> LessonRecord:
    finished = lesson["finished_at"]
    return LessonRecord(
        slug=lesson["slug"],
        current_step_id=lesson["current_step_id"],
        steps=tuple(steps),
        started_at=from_text(lesson["started_at"]),
        updated_at=from_text(lesson["updated_at"]),
        finished_at=from_text(finished) if finished is not None else None,
        session_seconds=float(lesson["seconds"] or 0.0),
        run=int(lesson["run"]),
        earlier=tuple(runs),
        lang=lesson["lang"] if lesson["lang"] in ("en", "zh") else None,
    )


def _by_slug(pairs: list[tuple[str, T]]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = {}
    for slug, item in pairs:
        grouped.setdefault(slug, []).append(item)
    return grouped


def _finish(sql: sqlite3.Connection, slug: str, now: str) -> None:
    sql.execute(
        "INSERT INTO lesson_progress (slug, current_step_id, started_at, updated_at, finished_at)"
        " VALUES (?, NULL, ?, ?, ?) ON CONFLICT (slug) DO UPDATE"
        " SET current_step_id = NULL, updated_at = excluded.updated_at,"
        " finished_at = excluded.finished_at",
        (slug, now, now, now),
    )


def _sum_or_new(column: str, kind: str) -> str:
    """SQL adding the new visit's ``column`` to the stored total, or taking the new value
    when the stored one is not a number (a damaged row)."""
    ok = "('integer')" if kind == "integer" else "('integer', 'real')"
    return (
        f"CASE WHEN typeof({column}) IN {ok} THEN {column} + excluded.{column}"
        f" ELSE excluded.{column} END"
    )


def _place(sql: sqlite3.Connection, slug: str, step_id: str | None, now: str) -> None:
    """Set the lesson's current step, starting the lesson if it is new."""
    sql.execute(
        "INSERT INTO lesson_progress (slug, current_step_id, started_at, updated_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE"
        " SET current_step_id = excluded.current_step_id, updated_at = excluded.updated_at",
        (slug, step_id, now, now),
    )


class LessonStore:
    """Lesson progress methods of :class:`~bntutor.store.store.Store`."""

    _db: Database
    _clock: Clock

    def get_progress(self, slug: str) -> LessonRecord | None:
        """The learner's progress in lesson ``slug``, or None if never started."""
        found = self._read_progress("WHERE slug = ?", (slug,))
        return found[0] if found else None

    def all_progress(self) -> list[LessonRecord]:
        """Progress of every lesson ever started, by slug."""
        return self._read_progress("", ())

    def _read_progress(self, where: str, params: tuple[str, ...]) -> list[LessonRecord]:
        with self._db.snapshot():
            lessons = self._db.rows(f"SELECT * FROM lesson_progress {where} ORDER BY slug", params)
            steps = self._db.rows(
                f"SELECT * FROM step_progress {where} ORDER BY slug, seq",
                params,
            )
            runs = self._db.rows(f"SELECT * FROM lesson_runs {where} ORDER BY slug, run", params)
        # A row that cannot be read is left out (and reported), never fatal.
        db = self._db
        steps_of = _by_slug(db.readable("step_progress", steps, lambda r: (r["slug"], _step(r))))
        runs_of = _by_slug(db.readable("lesson_runs", runs, lambda r: (r["slug"], past_run(r))))
        return db.readable(
            "lesson_progress",
            lessons,
            lambda r: _progress(r, steps_of.get(r["slug"], []), runs_of.get(r["slug"], [])),
        )

    def save_step(
        self,
        slug: str,
        step_id: str,
        outcome: StepOutcome,
        next_step_id: str | None,
        hints_used: int = 0,
        seconds: float = 0.0,
        *,
        finished: bool = False,
    ) -> None:
        """Record leaving ``step_id`` with ``outcome``; the lesson resumes at ``next_step_id``.

        ``finished``: it was the last step left, so the lesson is finished too, in the same
        transaction (a kill between the two would leave every step done but the lesson
        not finished, and the next start would take it for a replay).
        """
        _check_step(outcome, hints_used, seconds)
        now = to_text(self._clock())
        with self._db.write() as sql:
            _place(sql, slug, next_step_id, now)
            if finished:
                _finish(sql, slug, now)
            sql.execute(
                "INSERT INTO step_progress"
                " (slug, step_id, seq, outcome, hints_used, seconds, first_at, last_at)"
                " VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM step_progress"
                "  WHERE slug = ?), ?, ?, ?, ?, ?)"
                " ON CONFLICT (slug, step_id) DO UPDATE SET outcome = excluded.outcome,"
                f" hints_used = {_sum_or_new('hints_used', 'integer')},"
                f" seconds = {_sum_or_new('seconds', 'real')}, last_at = excluded.last_at,"
                # a step whose row could not be read is done again: its row is whole again
                f" first_at = CASE WHEN {well_formed('first_at')} THEN first_at"
                " ELSE excluded.first_at END",
                (slug, step_id, slug, outcome, hints_used, seconds, now, now),
            )

    def set_current_step(self, slug: str, step_id: str | None) -> None:
        """Remember where the learner is without completing anything (e.g. on quitting)."""
        now = to_text(self._clock())
        with self._db.write() as sql:
            _place(sql, slug, step_id, now)

    def set_lesson_lang(self, slug: str, lang: str) -> None:
        """Remember that lesson ``slug`` is played in ``lang`` (its resumes keep it)."""
        now = to_text(self._clock())
        with self._db.write() as sql:
            sql.execute(
                "INSERT INTO lesson_progress (slug, current_step_id, started_at, updated_at, lang)"
                " VALUES (?, NULL, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET lang = excluded.lang",
                (slug, now, now, lang),
            )

    def add_lesson_time(self, slug: str, seconds: float) -> float:
        """Add one session's ``seconds`` to lesson ``slug``; the lesson's total so far."""
        if not seconds >= 0:
            raise ValueError(f"seconds must be >= 0, got {seconds}")
        now = to_text(self._clock())
        with self._db.write() as sql:
            sql.execute(
                "INSERT INTO lesson_progress (slug, current_step_id, started_at, updated_at,"
                " seconds) VALUES (?, NULL, ?, ?, ?) ON CONFLICT (slug) DO UPDATE"
                " SET seconds = seconds + excluded.seconds",
                (slug, now, now, seconds),
            )
            row = sql.execute("SELECT seconds FROM lesson_progress WHERE slug = ?",
                              (slug,)).fetchone()
        return float(row[0])

    def mark_finished(self, slug: str) -> None:
        """Record that the learner reached the end of lesson ``slug``."""
        now = to_text(self._clock())
        with self._db.write() as sql:
            _finish(sql, slug, now)

    def start_run(self, slug: str) -> int:
        """Play lesson ``slug`` again from the start as a new run; returns its number.

        The live run is kept in the lesson's earlier runs (see :mod:`bntutor.store.runs`),
        so its completion still counts.
        """
        now = to_text(self._clock())
        with self._db.write() as sql:
            return start_new_run(sql, slug, now)

    def reset_lesson(self, slug: str) -> bool:
        """Forget the progress in lesson ``slug``, every run of it (attempts stay in the
        history). Returns whether there was anything to forget.
        """
        with self._db.write() as sql:
            sql.execute("DELETE FROM lesson_runs WHERE slug = ?", (slug,))
            sql.execute("DELETE FROM step_progress WHERE slug = ?", (slug,))
            return sql.execute("DELETE FROM lesson_progress WHERE slug = ?", (slug,)).rowcount > 0
