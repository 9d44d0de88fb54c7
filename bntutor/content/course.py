"""The course: lessons in the order ``lessons/course.yaml`` gives, found by number or slug.

``load_course()`` parses every lesson against the schema (fast, no torch, no
computation checks) so ``bntutor lessons`` can list titles and minutes; playing a
lesson goes through :meth:`Catalog.load`, which checks computations too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bntutor.content._semantics import Where
from bntutor.content.loader import Checked, check_course_file, check_lesson_file, load_lesson
from bntutor.content.models import Lesson, LText
from bntutor.content.outline import lesson_files
from bntutor.content.paths import COURSE_FILE
from bntutor.errors import ContentError, NotFoundError
from bntutor.live.registry import Registry
from bntutor.messages import message


@dataclass(frozen=True)
class LessonEntry:
    """One lesson of the course as the lesson table shows it."""

    number: int  # 1-based position in the course
    slug: str
    title: LText
    minutes: int
    topics: list[str]
    summary: LText | None
    path: Path


@dataclass(frozen=True)
class Catalog:
    """The lessons of a course, in order."""

    directory: Path
    lessons: list[LessonEntry] = field(default_factory=list)
    title: LText | None = None

    def find_lesson(self, ref: str) -> LessonEntry:
        """A lesson by 1-based number (``3``) or slug (``bn-mechanics``)."""
        ref = ref.strip()
        if ref.isascii() and ref.isdigit() and 1 <= int(ref) <= len(self.lessons):
            return self.lessons[int(ref) - 1]
        for entry in self.lessons:
            if entry.slug == ref.lower():
                return entry
        if not self.lessons:
            raise NotFoundError(f"unknown lesson {ref!r}", hint="no lessons are installed",
                                zh=message("error.no_lessons", "zh", ref=repr(ref)))
        choices = ", ".join(f"{e.number} {e.slug}" for e in self.lessons)
        raise NotFoundError(f"unknown lesson {ref!r}", hint=f"choose one of: {choices}",
                            zh=message("error.unknown_lesson", "zh", ref=repr(ref),
                                       choices=choices))

    def load(self, ref: str | LessonEntry, registry: Registry | None = None) -> Lesson:
        """The full lesson, with computations checked (``registry`` defaults to the shipped one)."""
        entry = ref if isinstance(ref, LessonEntry) else self.find_lesson(ref)
        return load_lesson(entry.path, registry)


@dataclass(frozen=True)
class CourseReport:
    """Everything found checking a lessons directory (for ``bntutor validate``)."""

    catalog: Catalog | None
    lessons: list[Checked[Lesson]]
    errors: list[ContentError]  # errors of course.yaml and of the directory as a whole


def check_course(directory: Path, registry: Registry | None = None) -> CourseReport:
    """Check ``course.yaml`` and every lesson file of ``directory``, collecting all errors."""
    course_path = directory / COURSE_FILE
    found = lesson_files(directory)
    files = {slug: paths[0] for slug, paths in found.items()}
    if not course_path.is_file():
        errors = [
            ContentError(f"lesson file not listed: there is no {COURSE_FILE}", str(p), 1)
            for p in files.values()
        ]
        unlisted = [check_lesson_file(p, registry) for p in files.values()]
        return CourseReport(Catalog(directory) if not errors else None, unlisted, errors)
    course, doc, errors = check_course_file(course_path)
    if course is None or doc is None:
        return CourseReport(None, [], errors)
    entries: list[LessonEntry] = []
    checked: list[Checked[Lesson]] = []
    for i, slug in enumerate(course.lessons):
        path = files.get(slug)
        if path is None:
            errors.append(Where(doc.file, doc.lines).error(
                f"no lesson file for {slug!r}", ("lessons", i),
                f"expected {directory / ('NN-' + slug + '.yaml')}"))
            continue
        result = check_lesson_file(path, registry)
        checked.append(result)
        if result.model is not None:
            lesson = result.model
            entries.append(
                LessonEntry(
                    len(entries) + 1,
                    lesson.slug,
                    lesson.title,
                    lesson.minutes,
                    list(lesson.topics),
                    lesson.summary,
                    path,
                )
            )
    listed = set(course.lessons)
    for slug, path in files.items():
        if slug not in listed:
            errors.append(
                ContentError(f"lesson {slug!r} is not listed in {COURSE_FILE}", str(path), 1)
            )
    duplicates = sorted((p, slug, paths[0]) for slug, paths in found.items() for p in paths[1:])
    errors += [ContentError(f"two files for lesson {slug!r}", str(p), 1, hint=f"also {first.name}")
               for p, slug, first in duplicates]
    ok = not errors and all(not c.errors for c in checked)
    return CourseReport(Catalog(directory, entries, course.title) if ok else None, checked, errors)


def load_course(directory: Path | None = None, registry: Registry | None = None) -> Catalog:
    """The course in ``directory`` (default: the shipped lessons); raises the first error.

    Without ``registry`` only the schema is checked (fast, no computations looked up).
    A directory without ``course.yaml`` and without lesson files is an empty course.
    """
    if directory is None:
        from bntutor.content.paths import lessons_dir

        directory = lessons_dir()
    report = check_course(directory, registry)
    for error in report.errors:
        raise error
    for lesson in report.lessons:
        for error in lesson.errors:
            raise error
    assert report.catalog is not None
    return report.catalog

