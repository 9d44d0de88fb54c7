"""One SQLite connection: pragmas, short transactions, and sqlite errors as StoreErrors.

Writes run in ``BEGIN IMMEDIATE`` transactions so two bntutor processes queue for the
write lock (up to ``busy_timeout`` seconds) instead of failing half-way; reads see a
consistent snapshot thanks to WAL mode.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from bntutor.errors import StoreError

Params = Sequence[Any]
T = TypeVar("T")

#: What reading a row with bad values raises (text in a date column, broken JSON ...).
ROW_ERRORS = (ValueError, TypeError, KeyError, OverflowError)

# Primary SQLite result codes (https://sqlite.org/rescode.html).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


class CorruptDatabase(StoreError):
    """The file is not a SQLite database or its pages are damaged."""


def damaged(detail: str, where: str) -> StoreError:
    """The :class:`CorruptDatabase` for damage found in ``where`` while the database is in
    use (found on opening, the file is set aside at once: see bntutor.store.recovery); it
    says to run ``bntutor repair``."""
    return store_error("db.damaged", where, "db.damaged.hint", CorruptDatabase, detail=detail)


class DatabaseLocked(StoreError):
    """Another connection kept the lock longer than the busy timeout."""


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()
    if "not a database" in text:
        return _NOTADB
    if "malformed" in text:
        return _CORRUPT
    if "locked" in text or "busy" in text:
        return _BUSY
    return None


def store_error(key: str, where: str, hint: str | None = None, kind: type[StoreError] = StoreError,
                **values: object) -> StoreError:
    """The catalog's store error ``key`` (``db.*``, ``hint`` a key too) at ``where``."""
    from bntutor.messages import error_words

    what, hint_text, zh = error_words(key, hint, **values)
    return kind(what, where, hint_text, zh=zh)


def translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """The StoreError that explains ``exc`` to the learner, naming the file."""
    where = str(path)
    code = _primary_code(exc)
    if code in (_CORRUPT, _NOTADB):
        return damaged(str(exc), where)
    if code in (_BUSY, _LOCKED):
        return store_error("db.locked", where, "db.locked.hint", DatabaseLocked)
    if code == _READONLY:
        return store_error("db.read_only", where, "db.read_only.hint")
    if code == _FULL:
        return store_error("db.full", where, "db.full.hint")
    if code == _CANTOPEN:
        return store_error("db.cannot_open", where, "db.cannot_open.hint")
    if code == _IOERR:
        return store_error("db.io", where, detail=exc)
    return store_error("db.other", where, detail=exc)


class Database:
    """A connection in autocommit mode; use :meth:`write` for every change."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self.path = path
        #: Rows left out because they could not be read, per table (the most seen in one
        #: read): the CLI reports them and points to ``bntutor repair``.
        self.unreadable: dict[str, int] = {}

    def readable(
        self, table: str, rows: Iterable[sqlite3.Row], convert: Callable[[sqlite3.Row], T]
    ) -> list[T]:
        """``convert`` of each row; a row it cannot read is left out and counted, so one bad
        value never stops the learner from seeing (and adding to) everything else."""
        out: list[T] = []
        bad = 0
        for row in rows:
            try:
                out.append(convert(row))
            except ROW_ERRORS:
                bad += 1
        if bad:
            self.unreadable[table] = max(self.unreadable.get(table, 0), bad)
        return out

    @classmethod
    def connect(cls, path: Path, busy_timeout: float = 5.0) -> Database:
        """Open ``path`` (created if missing); nothing is read from it yet."""
        try:
            connection = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise translate(exc, path) from exc
        connection.row_factory = sqlite3.Row
        return cls(connection, path)

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn sqlite errors into StoreErrors; misuse (a violated constraint ...) passes."""
        try:
            yield
        except (sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.IntegrityError):
            raise
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def rows(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """All rows of one read statement."""
        with self.errors():
            return self._connection.execute(sql, params).fetchall()

    def row(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row of one read statement, or None."""
        with self.errors():
            row: sqlite3.Row | None = self._connection.execute(sql, params).fetchone()
            return row

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one consistent state (a deferred read transaction)."""
        connection = self._connection
        with self.errors():
            connection.execute("BEGIN")
            try:
                yield
            finally:
                if connection.in_transaction:
                    connection.rollback()  # nothing was written: just end the snapshot

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A short ``BEGIN IMMEDIATE`` transaction: committed on success, rolled back on error."""
        connection = self._connection
        with self.errors():
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.rollback()
                raise

    def quick_check(self) -> None:
        """Raise :class:`CorruptDatabase` unless ``PRAGMA quick_check`` says ``ok``."""
        rows = [str(row[0]) for row in self.rows("PRAGMA quick_check")]
        if rows != ["ok"]:
            lines = [line for row in rows for line in row.splitlines()]
            problems = [line for line in lines if line and not line.startswith("***")]
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            raise damaged(f"{(problems or lines or ['?'])[0]}{more}", str(self.path))

    def use_wal(self) -> None:
        """Switch to write-ahead logging (persistent in the file) with NORMAL syncing."""
        mode = self.row("PRAGMA journal_mode")
        if mode is None or str(mode[0]).lower() != "wal":
            # Switching takes an exclusive lock without waiting on the busy handler, so
            # it can fail at once with DatabaseLocked: open_database retries it.
            mode = self.row("PRAGMA journal_mode=WAL")
        if mode is None or str(mode[0]).lower() != "wal":
            raise store_error("db.no_wal", str(self.path))
        self.rows("PRAGMA synchronous=NORMAL")

    def user_version(self) -> int:
        row = self.row("PRAGMA user_version")
        return int(row[0]) if row is not None else 0

    def close(self) -> None:
        self._connection.close()
