"""Carry every readable row of a damaged database into a fresh one.

``bntutor repair`` (and the recovery of a file found damaged on opening) moves the file
aside and copies, table by table, each row that can still be read and whose values fit
the current schema: dates that parse, JSON that loads, numbers that are numbers, and the
schema's own constraints. Rows that fail stay behind in the file set aside. Reading goes
through each table in rowid order, never through an index, so a damaged index loses
nothing.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bntutor.store.clock import from_text


@dataclass
class Salvage:
    """What a salvage carried over (``kept``) and left behind (``lost``), per table."""

    kept: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)
    unreadable_tables: list[str] = field(default_factory=list)  # reading stopped part-way

    @property
    def rows_kept(self) -> int:
        return sum(self.kept.values())

    @property
    def rows_lost(self) -> int:
        return sum(self.lost.values())


@dataclass(frozen=True)
class _Column:
    name: str
    type: str
    not_null: bool


def _tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def _columns(connection: sqlite3.Connection, table: str) -> list[_Column]:
    rows = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
    return [_Column(str(r[1]), str(r[2]).upper(), bool(r[3]) or bool(r[5])) for r in rows]


def _fits(value: Any, column: _Column) -> bool:
    """Whether ``value`` can be read back by the store as ``column``'s kind of value."""
    if value is None:
        return not column.not_null
    if column.type == "INTEGER" and (not isinstance(value, int) or isinstance(value, bool)):
        return False
    if column.type == "REAL" and not isinstance(value, int | float):
        return False
    if column.type == "TEXT" and not isinstance(value, str):
        return False
    try:
        if column.name in ("at", "due") or column.name.endswith("_at"):
            from_text(value)
        if column.name.endswith("_json"):
            loaded = json.loads(value)
            if column.name == "card_json" and not isinstance(loaded, dict):
                return False
    except (ValueError, TypeError, OverflowError):
        return False
    return True


def _copy_table(
    old: sqlite3.Connection, new: sqlite3.Connection, table: str, result: Salvage
) -> None:
    old_names = {column.name for column in _columns(old, table)}
    columns = [column for column in _columns(new, table) if column.name in old_names]
    if not columns:
        return
    names = ", ".join(f'"{column.name}"' for column in columns)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    kept = lost = 0
    try:
        cursor = old.execute(f'SELECT {names} FROM "{table}" NOT INDEXED')
        for row in cursor:
            if not all(_fits(value, column) for value, column in zip(row, columns, strict=True)):
                lost += 1
                continue
            try:
                new.execute(insert, tuple(row))
                kept += 1
            except sqlite3.IntegrityError:  # a CHECK or a duplicate key
                lost += 1
    except sqlite3.DatabaseError:  # pages of this table are damaged: keep what was read
        result.unreadable_tables.append(table)
    if kept:
        result.kept[table] = kept
    if lost:
        result.lost[table] = lost


def salvage(source: Path, target: sqlite3.Connection) -> Salvage:
    """Copy the readable rows of the database file ``source`` into ``target`` (an open,
    migrated, empty database, inside a write transaction the caller commits)."""
    result = Salvage()
    try:
        old = sqlite3.connect(source, isolation_level=None)
    except sqlite3.Error:
        return result
    try:
        try:
            tables = set(_tables(old))
        except sqlite3.DatabaseError:
            return result  # not even the schema can be read
        for table in _tables(target):
            if table in tables:
                _copy_table(old, target, table, result)
    finally:
        old.close()
    return result
