"""A small JSON index of the course, so `bntutor lessons` and the home screen need
neither YAML nor the lesson schema while the lesson files are unchanged.

It also keeps the exercises' course order (``data/exercises/course.yaml``), which the
home screen needs, so that an unchanged course costs no YAML at all.

The index lives in the home dir (only when that dir already exists: listing never
creates it) and records, for each lesson, what the table shows plus its step ids. It is
valid while the lessons dir, every file's size and mtime, and the bntutor version are
the same; otherwise it is built again and rewritten: from the course's outline (the
YAML read without the schema models, see ``bntutor.content.outline``) when the files are
ordinary, else by loading and validating the course, which raises its first error.
A missing, stale or unreadable index is never an error.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bntutor import __version__
from bntutor.content.outline import OutlineEntry, read_outline

if TYPE_CHECKING:
    from bntutor.content.course import Catalog

INDEX_FILE = "lesson-index.json"

IndexEntry = OutlineEntry
"""One lesson as the listing commands need it."""


def fingerprint(directory: Path) -> dict[str, Any]:
    """What must not change for the index to stay valid."""
    from bntutor.content.exercise_order import ORDER_FILE, exercises_dir

    paths = sorted(directory.iterdir()) if directory.is_dir() else []
    files = [[path.name, *(_stamp(path) or [])] for path in paths
             if path.suffix in (".yaml", ".yml") and path.is_file()]
    return {"version": __version__, "directory": str(directory.resolve()), "files": files,
            "exercises": _stamp(exercises_dir() / ORDER_FILE)}


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def read_listing(home: Path, directory: Path) -> tuple[list[IndexEntry], list[str] | None] | None:
    """The indexed lessons and exercise order (None when it could not be read), or None
    when there is no valid index."""
    try:
        data = json.loads((home / INDEX_FILE).read_text(encoding="utf-8"))
        if data.get("fingerprint") != fingerprint(directory):
            return None
        exercises = data.get("exercises")
        if exercises is not None and not all(isinstance(n, str) for n in exercises):
            return None
        return [IndexEntry(**entry) for entry in data["lessons"]], exercises
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def write_index(home: Path, directory: Path, entries: list[IndexEntry],
                exercises: list[str] | None = None) -> None:
    """Save the index atomically; silently skipped when the home dir is not there."""
    try:
        if not home.is_dir():
            return
    except OSError:  # a name too long: the commands that need the home dir say so
        return
    data = {"fingerprint": fingerprint(directory), "lessons": [asdict(e) for e in entries],
            "exercises": exercises}
    temporary = home / f".{INDEX_FILE}.{os.getpid()}"
    with contextlib.suppress(OSError):
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, home / INDEX_FILE)
    with contextlib.suppress(OSError):
        temporary.unlink(missing_ok=True)


def index_entries(course: Catalog) -> list[IndexEntry]:
    """Index a loaded course (each lesson file is read again for its step ids)."""
    from bntutor.content.loader import check_lesson_file

    entries = []
    for entry in course.lessons:
        lesson = check_lesson_file(entry.path, None).get()
        title: str | dict[str, str] = (
            entry.title if isinstance(entry.title, str) else {k: v for k, v in entry.title.items()}
        )
        steps = [step.id for step in lesson.steps]
        entries.append(IndexEntry(entry.number, entry.slug, title, entry.minutes, steps))
    return entries


def build_index(directory: Path) -> list[IndexEntry]:
    """Index the course: from its outline when the files are ordinary, else by loading
    and validating it (raising its first ContentError)."""
    outline = read_outline(directory)
    if outline is not None:
        return outline
    from bntutor.content.course import load_course

    return index_entries(load_course(directory))


def course_listing(home: Path, directory: Path) -> tuple[list[IndexEntry], list[str] | None]:
    """The lessons of the course in ``directory`` and the exercises' order, from the index
    when it is valid. The order is None when its file cannot be read: the commands that
    need it read it themselves and say what is wrong."""
    cached = read_listing(home, directory)
    if cached is not None:
        return cached
    from bntutor.content.exercise_order import exercise_order
    from bntutor.errors import ContentError

    entries = build_index(directory)
    try:
        exercises: list[str] | None = exercise_order()
    except ContentError:
        exercises = None
    write_index(home, directory, entries, exercises)
    return entries, exercises
