"""The schema as an ordered list of migrations; ``PRAGMA user_version`` counts those applied.

Migration ``i`` (0-based) takes the schema from version ``i`` to ``i + 1``. Each pending
migration runs with the version bump in one ``BEGIN IMMEDIATE`` transaction, so a failure
leaves the file exactly as it was, and two processes starting at once apply it only once.
Never edit a released migration: append a new one.
"""

from __future__ import annotations

from collections.abc import Sequence

from bntutor.errors import StoreError
from bntutor.store.db import Database, store_error

Migration = Sequence[str]  # SQL statements, run in order

_V1: Migration = (
    # Progress is keyed by lesson slug and step id, never by position, so reordering
    # or inserting steps in a lesson keeps everyone's progress.
    """CREATE TABLE lesson_progress (
        slug TEXT PRIMARY KEY,
        current_step_id TEXT,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
    )""",
    """CREATE TABLE step_progress (
        slug TEXT NOT NULL,
        step_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('correct', 'wrong', 'skipped', 'seen')),
        hints_used INTEGER NOT NULL DEFAULT 0,
        seconds REAL NOT NULL DEFAULT 0,
        first_at TEXT NOT NULL,
        last_at TEXT NOT NULL,
        PRIMARY KEY (slug, step_id)
    )""",
    """CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('lesson', 'quiz', 'review')),
        item_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        hints INTEGER NOT NULL DEFAULT 0,
        seconds REAL NOT NULL DEFAULT 0,
        diagnosis TEXT,
        topic TEXT
    )""",
    "CREATE INDEX attempts_by_topic ON attempts (topic, at)",
    "CREATE INDEX attempts_by_time ON attempts (at)",
    """CREATE TABLE quizzes (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        seconds REAL NOT NULL,
        n_questions INTEGER NOT NULL,
        n_correct INTEGER NOT NULL,
        topics_json TEXT NOT NULL,
        report_json TEXT NOT NULL
    )""",
    "CREATE INDEX quizzes_by_time ON quizzes (started_at)",
    """CREATE TABLE cards (
        qid TEXT PRIMARY KEY,
        card_json TEXT NOT NULL,
        due TEXT NOT NULL,
        topic TEXT,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX cards_by_due ON cards (due)",
)

_V2: Migration = (
    # Coding exercises, keyed by exercise name (never by position in the course).
    """CREATE TABLE exercise_progress (
        name TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        checks INTEGER NOT NULL DEFAULT 0,
        hints_used INTEGER NOT NULL DEFAULT 0,
        solution_shown INTEGER NOT NULL DEFAULT 0 CHECK (solution_shown IN (0, 1)),
        passed_at TEXT,
        last_passed INTEGER NOT NULL DEFAULT 0 CHECK (last_passed IN (0, 1)),
        last_diagnosis TEXT
    )""",
    """CREATE TABLE exercise_attempts (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        name TEXT NOT NULL,
        passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
        cases_passed INTEGER NOT NULL,
        cases INTEGER NOT NULL,
        diagnosis TEXT,
        failure TEXT
    )""",
    "CREATE INDEX exercise_attempts_by_name ON exercise_attempts (name, at)",
)

_V3: Migration = (
    # Time spent in a lesson over all its sessions, the open step's time included, so a
    # summary after Ctrl-C and resume counts every minute.
    "ALTER TABLE lesson_progress ADD COLUMN seconds REAL NOT NULL DEFAULT 0",
)

_V4: Migration = (
    # Playing a finished lesson again is a new run: the live run stays in lesson_progress
    # and step_progress, earlier ones are summed up here (see bntutor.store.runs).
    "ALTER TABLE lesson_progress ADD COLUMN run INTEGER NOT NULL DEFAULT 1",
    """CREATE TABLE lesson_runs (
        slug TEXT NOT NULL,
        run INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        finished_at TEXT,
        step_ids_json TEXT NOT NULL,
        seconds REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (slug, run)
    )""",
)

_V5: Migration = (
    # The language a lesson was started in: resuming it keeps that language (NULL: started
    # before this was kept, so the language of the run is used).
    "ALTER TABLE lesson_progress ADD COLUMN lang TEXT",
)

MIGRATIONS: tuple[Migration, ...] = (_V1, _V2, _V3, _V4, _V5)
SCHEMA_VERSION = len(MIGRATIONS)


def _too_new(db: Database, version: int, known: int) -> StoreError:
    return store_error("db.too_new", str(db.path), "db.too_new.hint", version=version, known=known)


def migrate(db: Database, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring ``db`` up to ``len(migrations)``; return the version it was at before."""
    target = len(migrations)
    before = db.user_version()
    if before > target:
        raise _too_new(db, before, target)
    if before == target:
        return before  # the common case: no write lock taken
    with db.write() as connection:
        before = db.user_version()  # another process may have migrated meanwhile
        if before > target:
            raise _too_new(db, before, target)
        for migration in migrations[before:]:
            for statement in migration:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {int(target)}")
    return before
