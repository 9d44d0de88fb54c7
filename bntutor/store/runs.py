"""Runs of a lesson: each time a learner plays a finished lesson again is a new run.

The live run is what ``lesson_progress`` and ``step_progress`` hold. Starting a new run
(a replay of a finished lesson, or ``--restart``) first copies the live run's summary
into ``lesson_runs`` (when it began and ended, whether it finished, the steps it
completed), so nothing achieved is lost: the lesson table and ``progress`` report the
best run, the player resumes the live one.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from bntutor.store.clock import from_text


@dataclass(frozen=True)
class PastRun:
    """An earlier run of a lesson, kept when a new one started."""

    run: int  # 1 for the first
    started_at: datetime
    ended_at: datetime  # when the next run started
    finished_at: datetime | None  # None: left before the end
    step_ids: tuple[str, ...]  # the steps it completed, in the order completed
    seconds: float = 0.0  # time spent in it over all its sessions

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


def past_run(row: sqlite3.Row) -> PastRun:
    finished = row["finished_at"]
    ids = json.loads(row["step_ids_json"])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ValueError(f"step_ids_json of run {row['run']} is not a list of step ids")
    return PastRun(
        run=int(row["run"]),
        started_at=from_text(row["started_at"]),
        ended_at=from_text(row["ended_at"]),
        finished_at=from_text(finished) if finished is not None else None,
        step_ids=tuple(ids),
        seconds=float(row["seconds"]),
    )


def start_new_run(sql: sqlite3.Connection, slug: str, now: str) -> int:
    """Inside a write transaction: archive the live run of ``slug`` and begin the next.

    Returns the new run's number (1 when the lesson was never started: nothing to keep).
    """
    live = sql.execute(
        "SELECT run, started_at, finished_at, seconds FROM lesson_progress WHERE slug = ?",
        (slug,),
    ).fetchone()
    if live is None:
        return 1
    steps = [
        row[0]
        for row in sql.execute(
            "SELECT step_id FROM step_progress WHERE slug = ? ORDER BY seq", (slug,)
        )
    ]
    sql.execute(
        "INSERT OR REPLACE INTO lesson_runs"
        " (slug, run, started_at, ended_at, finished_at, step_ids_json, seconds)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            slug, live["run"], live["started_at"], now, live["finished_at"], json.dumps(steps),
            live["seconds"],
        ),
    )
    sql.execute("DELETE FROM step_progress WHERE slug = ?", (slug,))
    sql.execute(
        "UPDATE lesson_progress SET run = run + 1, current_step_id = NULL, started_at = ?,"
        " updated_at = ?, finished_at = NULL, seconds = 0 WHERE slug = ?",
        (now, now, slug),
    )
    return int(live["run"]) + 1
