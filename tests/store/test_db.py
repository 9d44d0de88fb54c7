"""Opening the file: migrations, WAL, damaged and locked files, unusable homes."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from bntutor.errors import ExitStatus, StoreError
from bntutor.store.db import CorruptDatabase, Database, DatabaseLocked, translate
from bntutor.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from bntutor.store.store import FILE_NAME, Store

from .conftest import FakeClock


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, timeout=0.1)


def _tables(path: Path) -> set[str]:
    with closing(_raw(path)) as raw:
        rows = raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def _asides(home: Path) -> list[Path]:
    return sorted(p for p in home.iterdir() if ".corrupt-" in p.name and "-wal" not in p.name)


def _filled(home: Path, clock: FakeClock, n: int = 300) -> Path:
    with Store.open(home, clock) as store:
        for i in range(n):
            store.record_attempt("quiz", f"q{i}", "answer " * 30, i % 3 == 0, topic="bn")
        return store.path


def test_fresh_store_is_migrated_and_in_wal_mode(home: Path, clock: FakeClock) -> None:
    with Store.open(home, clock) as store:
        assert store.path == home / FILE_NAME
        assert store.warnings == ()
        with closing(_raw(store.path)) as raw:
            assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 1
    assert {"lesson_progress", "step_progress", "attempts", "quizzes", "cards"} <= _tables(
        home / FILE_NAME
    )


def test_data_survives_reopening(home: Path, clock: FakeClock) -> None:
    with Store.open(home, clock) as store:
        store.save_step("intro", "s1", "correct", "s2")
    with Store.open(home, clock) as store:
        progress = store.get_progress("intro")
        assert progress is not None and progress.current_step_id == "s2"


def test_migrations_apply_in_order_once(home: Path, clock: FakeClock) -> None:
    Store.open(home, clock).close()
    extra = (
        ("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",),
        (
            "ALTER TABLE notes ADD COLUMN lesson TEXT",
            "CREATE INDEX notes_by_lesson ON notes (lesson)",
        ),
    )
    db = Database.connect(home / FILE_NAME)
    try:
        assert migrate(db, MIGRATIONS + extra) == SCHEMA_VERSION
        assert db.user_version() == SCHEMA_VERSION + 2
        columns = [row["name"] for row in db.rows("PRAGMA table_info(notes)")]
        assert columns == ["id", "body", "lesson"]
        assert migrate(db, MIGRATIONS + extra) == SCHEMA_VERSION + 2  # nothing left to do
    finally:
        db.close()


def test_a_failing_migration_changes_nothing(home: Path, clock: FakeClock) -> None:
    Store.open(home, clock).close()
    broken = (("CREATE TABLE half (a)", "THIS IS NOT SQL"),)
    db = Database.connect(home / FILE_NAME)
    try:
        with pytest.raises(StoreError):
            migrate(db, MIGRATIONS + broken)
        assert db.user_version() == SCHEMA_VERSION
    finally:
        db.close()
    assert "half" not in _tables(home / FILE_NAME)


def test_newer_schema_is_refused_and_kept(home: Path, clock: FakeClock) -> None:
    path = _filled(home, clock, 5)
    with closing(_raw(path)) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError) as caught:
        Store.open(home, clock)
    error = caught.value
    assert "newer" in error.what and f"version {SCHEMA_VERSION + 1}" in error.what
    assert error.where == str(path)
    assert error.hint and "upgrade" in error.hint
    assert _asides(home) == []
    with closing(_raw(path)) as raw:  # the newer data is untouched
        assert raw.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 5


def _check_moved_aside(home: Path, clock: FakeClock, damaged: bytes) -> str:
    """Open ``home`` holding ``damaged``; check the recovery; return the warning."""
    with Store.open(home, clock) as store:
        (aside,) = _asides(home)
        assert aside.name == f"{FILE_NAME}.corrupt-20240501T093000Z"
        assert aside.read_bytes() == damaged  # nothing is thrown away
        (warning,) = store.warnings
        assert "damaged" in warning and str(aside) in warning
        assert store.attempt_count() == 0
        store.record_attempt("lesson", "intro/s1", "42", True)
        assert store.attempt_count() == 1
    with Store.open(home, clock) as store:  # the fresh file is healthy
        assert store.warnings == () and store.attempt_count() == 1
    return warning


def test_garbage_file_is_moved_aside(home: Path, clock: FakeClock) -> None:
    home.mkdir()
    garbage = bytes(range(256)) * 16
    (home / FILE_NAME).write_bytes(garbage)
    _check_moved_aside(home, clock, garbage)


@pytest.mark.parametrize("keep", [0.5, 4096, 100, 30])
def test_truncated_file_is_moved_aside(home: Path, clock: FakeClock, keep: float) -> None:
    path = _filled(home, clock)
    data = path.read_bytes()
    truncated = data[: int(len(data) * keep) if keep < 1 else int(keep)]
    path.write_bytes(truncated)
    _check_moved_aside(home, clock, truncated)


def test_damaged_pages_fail_quick_check_and_are_moved_aside(home: Path, clock: FakeClock) -> None:
    path = _filled(home, clock)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):
        data[offset : offset + 16] = b"\xff" * 16  # smash every b-tree page header
    path.write_bytes(bytes(data))
    _check_moved_aside(home, clock, bytes(data))


def test_orphan_pages_found_by_quick_check_are_damage(home: Path, clock: FakeClock) -> None:
    path = _filled(home, clock)
    with closing(_raw(path)) as raw:
        raw.execute("DELETE FROM attempts")  # frees pages onto the freelist
    data = bytearray(path.read_bytes())
    data[32:40] = bytes(8)  # forget the freelist: its pages become orphans
    path.write_bytes(bytes(data))
    with closing(_raw(path)) as raw:  # readable, but quick_check finds the orphans
        report = raw.execute("PRAGMA quick_check").fetchall()
    assert "never used" in report[0][0]
    warning = _check_moved_aside(home, clock, bytes(data))
    assert "never used" in warning and "more problems" in warning and "\n" not in warning


def test_second_damage_in_the_same_second_gets_its_own_name(home: Path, clock: FakeClock) -> None:
    home.mkdir()
    for expected in (1, 2):
        (home / FILE_NAME).write_bytes(b"not a database" * 100)
        Store.open(home, clock).close()
        assert len(_asides(home)) == expected
    assert _asides(home)[1].name.endswith("Z-2")


def test_a_damaged_files_wal_is_not_applied_to_the_fresh_file(home: Path, clock: FakeClock) -> None:
    home.mkdir()
    (home / FILE_NAME).write_bytes(b"x" * 2048)
    (home / f"{FILE_NAME}-wal").write_bytes(b"old wal")
    with Store.open(home, clock) as store:
        assert len(_asides(home)) == 1 and len(store.warnings) == 1
        store.record_attempt("quiz", "q", "a", True)
    wal = home / f"{FILE_NAME}-wal"
    assert not wal.exists() or wal.read_bytes() != b"old wal"
    with Store.open(home, clock) as store:
        assert store.warnings == () and store.attempt_count() == 1


@contextmanager
def _held(path: Path, exclusive: bool) -> Iterator[None]:
    """Another connection holding the write lock (or, exclusive, every lock)."""
    with closing(_raw(path)) as other:
        if exclusive:
            other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE" if exclusive else "BEGIN IMMEDIATE")
        other.execute("INSERT INTO cards VALUES ('held', '{}', 'x', NULL, 'x')")
        try:
            yield
        finally:
            other.execute("ROLLBACK")


def test_locked_write_is_a_store_error_and_loses_nothing(home: Path, clock: FakeClock) -> None:
    with Store.open(home, clock, busy_timeout=0.2) as store:
        store.record_attempt("quiz", "before", "a", True)
        with _held(store.path, exclusive=False), pytest.raises(StoreError) as caught:
            store.record_attempt("quiz", "during", "a", True)
        assert caught.value.what == "database is locked"
        assert caught.value.where == str(store.path)
        assert caught.value.status == ExitStatus.STORE
        store.record_attempt("quiz", "after", "a", True)  # the store is usable again
        items = [attempt.item_id for attempt in store.recent_attempts()]
        assert items == ["after", "before"]


def test_locked_file_at_open_is_a_store_error_not_damage(home: Path, clock: FakeClock) -> None:
    path = _filled(home, clock, 3)
    with _held(path, exclusive=True), pytest.raises(StoreError) as caught:
        Store.open(home, clock, busy_timeout=0.2)
    assert caught.value.what == "database is locked"
    assert caught.value.where == str(path)
    assert _asides(home) == []
    with Store.open(home, clock) as store:
        assert store.attempt_count() == 3


def test_open_waits_out_a_short_lock(home: Path, clock: FakeClock) -> None:
    path = _filled(home, clock, 3)
    released = threading.Event()

    def hold_briefly() -> None:
        with _held(path, exclusive=True):
            released.wait(0.3)

    holder = threading.Thread(target=hold_briefly)
    holder.start()
    time.sleep(0.05)
    try:
        with Store.open(home, clock, busy_timeout=10) as store:
            assert store.attempt_count() == 3
            assert store.card_count() == 0  # the holder's row was rolled back
    finally:
        released.set()
        holder.join()


def test_home_that_cannot_be_created_is_a_store_error(tmp_path: Path, clock: FakeClock) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError) as caught:
        Store.open(blocker / "home", clock)
    assert caught.value.where == str(blocker / "home")
    assert caught.value.hint and "--home" in caught.value.hint


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_home_is_a_store_error(tmp_path: Path, clock: FakeClock) -> None:
    home = tmp_path / "ro"
    home.mkdir()
    home.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="not writable"):
            Store.open(home, clock)
    finally:
        home.chmod(0o700)


def test_database_path_that_is_a_directory_is_a_store_error(home: Path, clock: FakeClock) -> None:
    (home / FILE_NAME).mkdir(parents=True)
    with pytest.raises(StoreError) as caught:
        Store.open(home, clock)
    assert caught.value.where == str(home / FILE_NAME)
    assert (home / FILE_NAME).is_dir()  # not mistaken for damage and moved


def _error_from(path: Path, sql: str, uri_mode: str = "rwc") -> sqlite3.Error:
    with closing(sqlite3.connect(f"file:{path}?mode={uri_mode}", uri=True, timeout=0)) as raw:
        try:
            raw.execute(sql)
        except sqlite3.Error as exc:
            return exc
    raise AssertionError(f"{sql!r} did not fail")


def test_real_sqlite_errors_become_one_line_store_errors(home: Path, clock: FakeClock) -> None:
    path = _filled(home, clock, 1)
    readonly = translate(_error_from(path, "DELETE FROM attempts", "ro"), path)
    assert (readonly.what, readonly.where) == ("the database is read-only", str(path))
    with _held(path, exclusive=True):
        locked = translate(_error_from(path, "SELECT * FROM attempts"), path)
    assert isinstance(locked, DatabaseLocked) and locked.what == "database is locked"
    garbage = home / "garbage"
    garbage.write_bytes(b"\x00garbage" * 64)
    damaged = translate(_error_from(garbage, "SELECT 1 FROM sqlite_master"), garbage)
    assert isinstance(damaged, CorruptDatabase) and "not a database" in damaged.what
    for error in (readonly, locked, damaged):
        assert "\n" not in error.one_line() and error.status == ExitStatus.STORE
    # in Chinese too, still one line naming the file
    assert readonly.one_line("zh") == f"数据库是只读的；请让这个文件可写（{path}）"
    assert locked.one_line("zh").startswith("数据库被锁住了；")
    assert locked.one_line("zh").endswith(f"（{path}）") and "\n" not in locked.one_line("zh")
