"""Runs of a lesson: a replay starts a new run and keeps what the earlier ones achieved."""

from __future__ import annotations

from pathlib import Path

from bntutor.store.db import Database
from bntutor.store.migrations import MIGRATIONS, migrate
from bntutor.store.store import FILE_NAME, Store

from .conftest import START, FakeClock


def test_start_run_keeps_the_finished_run_and_begins_an_empty_one(
    store: Store, clock: FakeClock
) -> None:
    store.save_step("les", "a", "seen", "b")
    store.save_step("les", "b", "correct", None, hints_used=1)
    store.mark_finished("les")
    store.add_lesson_time("les", 42.0)
    clock.advance(days=1)
    assert store.start_run("les") == 2
    progress = store.get_progress("les")
    assert progress is not None
    assert progress.run == 2 and progress.steps == () and progress.current_step_id is None
    assert not progress.finished and progress.ever_finished
    assert progress.started_at == clock.now
    (first,) = progress.earlier
    assert (first.run, first.step_ids, first.started_at) == (1, ("a", "b"), START)
    assert first.finished and first.ended_at == clock.now and first.seconds == 42.0
    assert progress.session_seconds == 0.0  # the new run's own time
    assert progress.best_steps_done(["a", "b", "c"]) == 2
    store.save_step("les", "a", "seen", "b")
    assert store.get_progress("les").best_steps_done(["a", "b"]) == 2  # type: ignore[union-attr]


def test_start_run_of_a_lesson_never_played_changes_nothing(store: Store) -> None:
    assert store.start_run("never") == 1
    assert store.get_progress("never") is None


def test_a_version_3_database_keeps_its_progress_as_run_one(home: Path, clock: FakeClock) -> None:
    home.mkdir(parents=True)
    db = Database.connect(home / FILE_NAME)
    migrate(db, MIGRATIONS[:3])
    with db.write() as sql:
        sql.execute(
            "INSERT INTO lesson_progress (slug, current_step_id, started_at, updated_at,"
            " finished_at) VALUES ('les', NULL, ?, ?, ?)",
            ("2024-05-01T09:30:00.000000+00:00",) * 3,
        )
        sql.execute(
            "INSERT INTO step_progress (slug, step_id, seq, outcome, first_at, last_at)"
            " VALUES ('les', 'a', 1, 'seen', ?, ?)",
            ("2024-05-01T09:30:00.000000+00:00",) * 2,
        )
    db.close()
    with Store.open(home, clock) as store:
        progress = store.get_progress("les")
        assert progress is not None
        assert progress.run == 1 and progress.earlier == () and progress.finished
        assert progress.completed_step_ids == ("a",)
