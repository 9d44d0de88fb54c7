"""The Store: one SQLite file under the home dir, opened safely, closed once."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from bntutor.store.attempts import AttemptStore
from bntutor.store.cards import CardStore
from bntutor.store.clock import Clock, utc_now
from bntutor.store.db import Database
from bntutor.store.exercises import ExerciseStore
from bntutor.store.home import FILE_NAME, ensure_home
from bntutor.store.lessons import LessonStore
from bntutor.store.quizzes import QuizStore
from bntutor.store.recovery import open_database

__all__ = ["FILE_NAME", "Store"]


class Store(LessonStore, AttemptStore, QuizStore, CardStore, ExerciseStore):
    """Lesson progress, attempts, quiz sessions, review cards and exercises of one learner.

    Use :meth:`open`; ``warnings`` holds what the CLI should tell the learner (a damaged
    database that was moved aside). Every write is its own short transaction.
    """

    def __init__(self, db: Database, clock: Clock, warnings: tuple[str, ...] = ()) -> None:
        self._db = db
        self._clock = clock
        self.warnings = warnings

    @classmethod
    def open(cls, home: Path, clock: Clock = utc_now, *, busy_timeout: float = 5.0) -> Store:
        """Open ``<home>/bntutor.sqlite3``, creating ``home`` and the file if needed.

        Raises :class:`~bntutor.errors.StoreError` for an unwritable home, a locked file
        (after waiting ``busy_timeout`` seconds) or a schema newer than this bntutor.
        """
        path = ensure_home(Path(home)) / FILE_NAME
        db, warnings = open_database(path, clock(), busy_timeout)
        return cls(db, clock, tuple(warnings))

    @property
    def path(self) -> Path:
        return self._db.path

    def unreadable_rows(self) -> dict[str, int]:
        """Rows left out of what was read so far because they could not be read, per
        table (a bad value in a row; ``bntutor repair`` sets them aside for good)."""
        return dict(self._db.unreadable)

    def check_writable(self) -> None:
        """Take the write lock once: a locked or read-only database fails now, before the
        learner answers anything, rather than when the first answer is saved."""
        with self._db.write():
            pass

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
