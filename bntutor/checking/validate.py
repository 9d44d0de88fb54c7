"""``bntutor validate``'s work: find content under the given paths, check it all, and
prove each question (its answer passes, its listed wrong answers fail with their message).

A path may be a checkout or install root (with ``lessons/`` and ``data/questions/``), a
lessons directory (``course.yaml`` and ``NN-slug.yaml``), a directory of banks, or one
file (``course.yaml``, a bank — in a ``questions`` directory or with a top-level
``questions`` key —, a demo — in a ``demos`` directory — or else a lesson). A demos
directory (``demos.yaml`` and the demos it lists) is checked without running a demo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bntutor.checking.answering import Answering
from bntutor.checking.selfcheck import run_call, selfcheck
from bntutor.content.course import check_course
from bntutor.content.demos import LIST_FILE, check_demo_file, demos_dir, listed_demos
from bntutor.content.loader import (
    LESSON_FILE,
    Checked,
    bank_files,
    check_banks,
    check_lesson_file,
    read_document,
)
from bntutor.content.models import ComputeCall, ComputeStep, Lesson, QuestionStep
from bntutor.content.paths import COURSE_FILE, lessons_dir, questions_dir
from bntutor.content.translations import translation_problems
from bntutor.content.yaml_lines import Where
from bntutor.errors import ContentError
from bntutor.live.registry import Registry


@dataclass(frozen=True)
class Problem:
    """One error, and whether its owner id names a ``step`` or a ``question``."""

    error: ContentError
    noun: str = "step"

    def line(self) -> str:
        """``path:line: step <id>: what (hint)``."""
        e = self.error
        parts = [f"{e.file}:{e.line}" if e.line else (e.file or "?")]
        if e.step:
            parts.append(f"{self.noun} {e.step}")
        parts.append(e.what + (f" ({e.hint})" if e.hint else ""))
        return ": ".join(parts)


@dataclass
class Report:
    lessons: int = 0
    questions: int = 0
    banks: int = 0
    demos: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Targets:
    course_dirs: list[Path] = field(default_factory=list)
    lesson_files: list[Path] = field(default_factory=list)
    bank_files: list[Path] = field(default_factory=list)
    demo_dirs: list[Path] = field(default_factory=list)
    demo_files: list[Path] = field(default_factory=list)

    def count(self) -> int:
        return (len(self.course_dirs) + len(self.lesson_files) + len(self.bank_files)
                + len(self.demo_dirs) + len(self.demo_files))


def default_paths() -> list[Path]:
    return [lessons_dir(), questions_dir(), demos_dir()]


def validate_paths(paths: list[Path], registry: Registry) -> Report:
    """Check everything under ``paths``; a missing path is a problem, not an exception."""
    report = Report()
    targets = _Targets()
    for path in paths:
        if not path.exists():
            report.problems.append(Problem(ContentError("no such file or directory", str(path))))
            continue
        before = targets.count()
        _classify(path, targets)
        if path.is_dir() and targets.count() == before:
            report.problems.append(Problem(ContentError(
                f"no {COURSE_FILE}, lessons or question banks in this folder",
                str(path),
                hint=f"give a lessons folder holding {COURSE_FILE}, a folder of banks, "
                "or one holding lessons/ and data/questions/",
            )))
    slugs: set[str] = set()
    for directory in targets.course_dirs:
        result = check_course(directory, registry)
        report.problems += [Problem(e) for e in result.errors]
        if not result.errors:
            report.problems += _translations(directory / COURSE_FILE)
        for checked in result.lessons:
            if checked.model is not None:
                slugs.add(checked.model.slug)
            _lesson(checked, registry, report)
    for path in targets.lesson_files:
        _lesson(check_lesson_file(path, registry), registry, report)
    demo_files = list(targets.demo_files)
    for directory in targets.demo_dirs:
        listed, errors = listed_demos(directory)
        report.problems += [Problem(e) for e in errors]
        demo_files += listed
    for path in demo_files:
        report.demos += 1
        errors = check_demo_file(path, registry).errors
        report.problems += [Problem(e) for e in errors]
        if path.is_file():
            report.problems += _translations(path)
    for checked_bank in check_banks(targets.bank_files, registry, slugs or None):
        report.banks += 1
        report.problems += [Problem(e, "question") for e in checked_bank.errors]
        if not checked_bank.errors:
            report.problems += _translations(checked_bank.path, "question")
        bank = checked_bank.model
        if bank is None or checked_bank.lines is None:
            continue
        answering = Answering(registry=registry)
        for i, q in enumerate(bank.questions):
            report.questions += 1
            if checked_bank.errors:
                continue  # prove questions only once the file itself is sound
            site = Where(str(checked_bank.path), checked_bank.lines, q.id, ("questions", i))
            report.problems += [Problem(e, "question") for e in selfcheck(q, answering, site)]
    return report


def _lesson(checked: Checked[Lesson], registry: Registry, report: Report) -> None:
    report.lessons += 1
    report.problems += [Problem(e) for e in checked.errors]
    lesson = checked.model
    if lesson is None or checked.lines is None:
        return
    report.questions += sum(isinstance(s, QuestionStep) for s in lesson.steps)
    if checked.errors:
        return  # prove questions only once the file itself is sound
    report.problems += _translations(checked.path)
    answering = Answering(registry=registry)
    for i, step in enumerate(lesson.steps):
        site = Where(str(checked.path), checked.lines, step.id, ("steps", i))
        if isinstance(step, ComputeStep):
            call = ComputeCall(computation=step.computation, args=step.args)
            report.problems += [Problem(e) for e in run_call(call, answering, site)]
        elif isinstance(step, QuestionStep):
            report.problems += [Problem(e) for e in selfcheck(step, answering, site)]


def _translations(path: Path, noun: str = "step") -> list[Problem]:
    """A text in ``path`` without its English or Chinese, or whose two languages disagree
    on placeholders (see :mod:`bntutor.content.translations`)."""
    try:
        doc = read_document(path)
    except ContentError as exc:
        return [Problem(exc, noun)]
    return [Problem(e, noun) for e in translation_problems(doc.data, doc.lines, doc.file)]


def _classify(path: Path, targets: _Targets) -> None:
    if path.is_dir():
        subs = (path / "lessons", path / "data" / "questions", path / "data" / "demos")
        if any(sub.is_dir() for sub in subs):
            for sub in subs:
                if sub.is_dir():
                    _classify(sub, targets)
        elif (path / LIST_FILE).is_file():
            targets.demo_dirs.append(path)
        elif (path / COURSE_FILE).is_file() or any(
            LESSON_FILE.match(p.name) for p in path.iterdir()
        ):
            targets.course_dirs.append(path)
        else:
            for file in bank_files(path):
                _classify(file, targets)
    elif path.name == COURSE_FILE:
        targets.course_dirs.append(path.parent)
    elif path.name == LIST_FILE:
        targets.demo_dirs.append(path.parent)
    elif path.parent.name == "demos" or (path.parent / LIST_FILE).is_file():
        targets.demo_files.append(path)
    elif path.parent.name == "questions" or _looks_like_bank(path):
        targets.bank_files.append(path)
    else:
        targets.lesson_files.append(path)


def _looks_like_bank(path: Path) -> bool:
    """A top-level ``questions`` key, or ``format_version`` without a lesson's ``slug``."""
    try:
        doc = read_document(path)
    except ContentError:
        return False
    data = doc.data
    return isinstance(data, dict) and (
        "questions" in data or ("format_version" in data and "slug" not in data)
    )

