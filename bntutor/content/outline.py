"""The course's outline — order, titles, minutes and step ids — read straight from the YAML.

Listing the lessons needs only these few fields, so :func:`read_outline` reads them
without the schema models (pydantic and the lesson schema cost several times the
parsing itself). It is a fast path only: whenever the files look anything but ordinary
(a missing or unlisted file, a slug that differs from its file name, a field of the
wrong type, malformed YAML) it returns None, and the caller loads the course through
:func:`bntutor.content.course.load_course`, which reports the mistake with its file and
line. A schema mistake deeper in a lesson is reported when the lesson is played, and by
``bntutor validate``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from bntutor.content.paths import COURSE_FILE, LESSON_FILE
from bntutor.errors import ContentError

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_LANGS = ("en", "zh")
_COURSE_KEYS = {"format_version", "title", "lessons"}
_LESSON_KEYS = {"slug", "title", "summary", "topics", "minutes", "steps"}


@dataclass(frozen=True)
class OutlineEntry:
    """One lesson as a listing shows it."""

    number: int  # 1-based position in the course
    slug: str
    title: str | dict[str, str]
    minutes: int
    step_ids: list[str]


def lesson_files(directory: Path) -> dict[str, list[Path]]:
    """The ``NN-slug.yaml`` files of ``directory`` by slug, in file-name order."""
    files: dict[str, list[Path]] = {}
    if not directory.is_dir():
        return files
    for path in sorted(directory.iterdir()):
        match = LESSON_FILE.match(path.name)
        if match and path.is_file():
            files.setdefault(match.group(2), []).append(path)
    return files


def read_outline(directory: Path) -> list[OutlineEntry] | None:
    """The outline of the course in ``directory``, or None when the full check must run."""
    try:
        return _read(directory)
    except (ContentError, OSError, UnicodeDecodeError):
        return None


def _read(directory: Path) -> list[OutlineEntry] | None:
    course = _document(directory / COURSE_FILE)
    if course is None or course.get("format_version") != 1 or not set(course) <= _COURSE_KEYS:
        return None
    order = course.get("lessons")
    files = lesson_files(directory)
    if not _strings(order) or len(set(order)) != len(order) \
            or set(order) != set(files) or any(len(paths) != 1 for paths in files.values()):
        return None
    entries = []
    for number, slug in enumerate(order, start=1):
        entry = _lesson(files[slug][0], number, slug)
        if entry is None:
            return None
        entries.append(entry)
    return entries


def _lesson(path: Path, number: int, slug: str) -> OutlineEntry | None:
    data = _document(path)
    if data is None or data.get("slug") != slug or not _SLUG.match(slug) \
            or not set(data) <= _LESSON_KEYS:
        return None
    title, minutes, steps = data.get("title"), data.get("minutes"), data.get("steps")
    if not _is_text(title) or not isinstance(minutes, int) or isinstance(minutes, bool) \
            or not 1 <= minutes <= 120 or not isinstance(steps, list) or not steps:
        return None
    ids = [step.get("id") if isinstance(step, dict) else None for step in steps]
    if not _strings(ids) or len(set(ids)) != len(ids):
        return None
    return OutlineEntry(number, slug, title, minutes, ids)


def _document(path: Path) -> dict[str, Any] | None:
    from bntutor.content.yaml_lines import parse  # yaml: not needed when the index is read

    data, _ = parse(path.read_text(encoding="utf-8"), str(path))
    return data if isinstance(data, dict) else None


def _strings(value: Any) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_text(value: Any) -> TypeGuard[str | dict[str, str]]:
    """A string, or a map from language code to a string, with English."""
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, dict) and "en" in value and all(
        k in _LANGS and isinstance(v, str) for k, v in value.items()
    )
