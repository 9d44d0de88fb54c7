"""Open the database file, moving a damaged one aside so the tool never crashes on it.

A file that is not a SQLite database, or that fails ``PRAGMA quick_check``, is renamed to
``bntutor.sqlite3.corrupt-<UTC stamp>`` and a fresh database is started with every row
that can still be read carried over (see :mod:`bntutor.store.salvage`). Nothing is
deleted: the learner or a developer can still inspect the old file. Damage that
``quick_check`` cannot see (a stale index, a bad value in a row) shows up later; then
:func:`repair` (``bntutor repair``) does the same on request. (When bntutor held
the last connection, SQLite folds the file's WAL into it on closing; a WAL still open
elsewhere is moved aside beside it, so it is never replayed into the fresh file.)
The store never prints; the warning is returned for the CLI to show.
"""

from __future__ import annotations

import contextlib
import os
import time
from datetime import datetime
from pathlib import Path

from bntutor.store.clock import stamp
from bntutor.store.db import CorruptDatabase, Database, DatabaseLocked
from bntutor.store.migrations import MIGRATIONS, Migration, migrate
from bntutor.store.salvage import Salvage, salvage

_RETRY_SECONDS = 0.01


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def _open_checked(path: Path, busy_timeout: float, migrations: tuple[Migration, ...]) -> Database:
    """Connect, check, switch to WAL and migrate, retrying while another process sets up.

    SQLite's busy handler does not cover every lock taken here (the switch to WAL), so
    two processes creating the file at once would otherwise fail at once.
    """
    db = Database.connect(path, busy_timeout)
    deadline = time.monotonic() + busy_timeout
    try:
        while True:
            try:
                db.quick_check()
                db.use_wal()
                migrate(db, migrations)
                return db
            except DatabaseLocked:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(_RETRY_SECONDS)
    except BaseException:
        db.close()
        raise


def aside_path(path: Path, moment: datetime) -> Path:
    """A free name ``<path>.corrupt-<stamp>[-n]`` for a damaged file."""
    base = path.with_name(f"{path.name}.corrupt-{stamp(moment)}")
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def move_aside(path: Path, moment: datetime, inode: int | None) -> Path | None:
    """Rename the damaged ``path`` (and its WAL) aside; None if it is already gone.

    ``inode`` is the file that was found damaged: if another process has already moved
    it and started a fresh one, the fresh one is left alone.
    """
    if inode is None or _inode(path) != inode:
        return None
    target = aside_path(path, moment)
    try:
        os.replace(path, target)
    except FileNotFoundError:
        return None
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        os.replace(wal, target.with_name(target.name + "-wal"))
    with contextlib.suppress(FileNotFoundError):
        path.with_name(path.name + "-shm").unlink()
    return target


def open_database(
    path: Path,
    moment: datetime,
    busy_timeout: float = 5.0,
    migrations: tuple[Migration, ...] = MIGRATIONS,
) -> tuple[Database, list[str]]:
    """Open (creating, migrating or replacing) the database; return it and any warnings.

    ``moment`` names the moved-aside file. Locked files, newer schemas and unwritable
    places raise :class:`~bntutor.errors.StoreError`; damaged files never do.
    """
    inode = _inode(path)
    try:
        return _open_checked(path, busy_timeout, migrations), []
    except CorruptDatabase as exc:
        damage = exc.what
    target = move_aside(path, moment, inode)
    db = _open_checked(path, busy_timeout, migrations)
    if target is None:
        return db, [f"{damage}; another bntutor already replaced it"]
    carried = _carry_over(db, target)
    kept = f" with the {carried.rows_kept} readable rows carried over" if carried.rows_kept else ""
    return db, [f"{damage}; it was moved aside to {target} and a fresh one was started{kept}"]


def _carry_over(db: Database, source: Path) -> Salvage:
    with db.write() as sql:
        return salvage(source, sql)


def repair(
    path: Path,
    moment: datetime,
    busy_timeout: float = 5.0,
    migrations: tuple[Migration, ...] = MIGRATIONS,
) -> tuple[Path, Salvage] | None:
    """Move the database at ``path`` aside and start a fresh one holding every row of it
    that can be read; where the old file went and what was carried over. None when there
    is no database file."""
    target = move_aside(path, moment, _inode(path))
    if target is None:
        return None
    db = _open_checked(path, busy_timeout, migrations)
    try:
        return target, _carry_over(db, target)
    finally:
        db.close()
