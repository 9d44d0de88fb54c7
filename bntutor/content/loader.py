"""Read lesson and question-bank files into validated models, with located errors.

``check_*`` functions collect every error of a file (for ``bntutor validate``);
``load_*`` functions raise the first one. A ``registry`` checks computation names,
arguments and value keys; it never runs anything, so loading never imports torch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from bntutor.content import _semantics as sem
from bntutor.content._context import check_context
from bntutor.content._schema_errors import schema_errors
from bntutor.content._texts import MAX_FILE_BYTES, check_texts, owner_id
from bntutor.content.bank_lint import lint_bank
from bntutor.content.models import (
    Bank,
    BankQuestion,
    ComputeStep,
    Course,
    Lesson,
    QuestionStep,
    Step,
)
from bntutor.content.paths import LESSON_FILE
from bntutor.content.yaml_lines import LineMap
from bntutor.content.yaml_lines import Path as DataPath
from bntutor.content.yaml_lines import parse as parse_yaml
from bntutor.errors import ContentError
from bntutor.live.registry import Registry

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")



@dataclass(frozen=True)
class Checked(Generic[M]):
    """A file's model (None when the schema rejected it) and every error found."""

    path: Path
    model: M | None
    errors: list[ContentError] = field(default_factory=list)
    lines: LineMap | None = None  # the line of every key and item, when the YAML parsed

    def get(self) -> M:
        """The model, or the first error raised."""
        if self.errors or self.model is None:
            raise self.errors[0] if self.errors else ContentError("not loaded", str(self.path))
        return self.model


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data and the line of every key and item."""

    file: str
    data: Any
    lines: LineMap


def read_document(path: Path) -> Document:
    """Read and parse ``path``; unreadable, oversized and malformed files raise ContentError,
    and so does a text in it that no screen should show (see :mod:`._texts`)."""
    file = str(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)  # never more: /dev/zero is a "file" too
        if len(raw) > MAX_FILE_BYTES:
            raise ContentError(
                f"the file is larger than {MAX_FILE_BYTES // 1024:,} KiB",
                file,
                hint="a lesson or bank is far smaller; split it into several",
            )
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise ContentError("no such file", file) from None
    except UnicodeDecodeError as exc:
        raise ContentError(f"not UTF-8 text: {exc.reason}", file) from None
    except OSError as exc:
        raise ContentError(f"cannot read: {exc.strerror or exc}", file) from None
    data, lines = parse_yaml(text, file)
    check_texts(data, lines, file)
    return Document(file, data, lines)


def _validate(doc: Document, model: type[M], owners: str) -> tuple[M | None, list[ContentError]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, schema_errors(exc, model, doc.data, doc.lines, doc.file,
                                   lambda path: owner_id(doc.data, path, owners))


# -- lessons ---------------------------------------------------------------------------


def check_lesson_file(path: Path, registry: Registry | None) -> Checked[Lesson]:
    """Every error of one lesson file; ``registry=None`` skips computation checks.

    Steps the schema accepts are checked further even when another step is broken, so
    one run of ``bntutor validate`` reports as much as it can.
    """
    try:
        doc = read_document(path)
    except ContentError as exc:
        return Checked(path, None, [exc])
    lesson, errors = _validate(doc, Lesson, "steps")
    steps = list(enumerate(lesson.steps)) if lesson else _valid_items(doc.data, "steps", _STEP)
    errors += _lesson_semantics(steps, doc, path, registry)
    errors.sort(key=lambda e: e.line or 0)
    return Checked(path, lesson, errors, doc.lines)


_STEP: TypeAdapter[Step] = TypeAdapter(Step)


def _valid_items(data: Any, key: str, adapter: TypeAdapter[T]) -> list[tuple[int, T]]:
    """The items of ``data[key]`` that validate on their own, with their index."""
    items = data.get(key) if isinstance(data, dict) else None
    valid = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        try:
            valid.append((i, adapter.validate_python(item)))
        except ValidationError:
            continue
    return valid


def _raw_ids(data: Any, key: str) -> list[tuple[str, DataPath]]:
    items = data.get(key) if isinstance(data, dict) else None
    return [
        (str(item["id"]), (key, i, "id"))
        for i, item in enumerate(items if isinstance(items, list) else [])
        if isinstance(item, dict) and isinstance(item.get("id"), str | int)
    ]


def _lesson_semantics(
    steps: list[tuple[int, Step]], doc: Document, path: Path, registry: Registry | None
) -> list[ContentError]:
    where = sem.Where(doc.file, doc.lines)
    errors: list[ContentError] = []
    slug = doc.data.get("slug") if isinstance(doc.data, dict) else None
    match = LESSON_FILE.match(path.name)
    if match and isinstance(slug, str) and match.group(2) != slug:
        errors.append(
            where.error(
                f"slug {slug!r} differs from the file name {path.name!r}",
                ("slug",),
                f"rename the file to {match.group(1)}-{slug}.yaml or fix the slug",
            )
        )
    errors += sem.check_ids(_raw_ids(doc.data, "steps"), where, "step")
    errors += check_context(steps, where)
    for i, step in steps:
        step_where = sem.Where(doc.file, doc.lines, step.id)
        if isinstance(step, ComputeStep) and registry is not None:
            errors += sem.check_call(step.computation, step.args, ("steps", i), "computation",
                                     step_where, registry)
        if isinstance(step, QuestionStep):
            errors += sem.check_question(step, ("steps", i), step_where, registry)
    return errors


def load_lesson(path: Path, registry: Registry | None = None) -> Lesson:
    """The lesson in ``path``, fully checked (``registry`` defaults to the shipped one)."""
    if registry is None:
        from bntutor.live.catalog import default_registry

        registry = default_registry()
    return check_lesson_file(path, registry).get()


# -- course ----------------------------------------------------------------------------


def check_course_file(path: Path) -> tuple[Course | None, Document | None, list[ContentError]]:
    """``course.yaml``: the schema plus duplicate slugs."""
    try:
        doc = read_document(path)
    except ContentError as exc:
        return None, None, [exc]
    course, errors = _validate(doc, Course, "lessons")
    if course is None:
        return None, doc, errors
    where = sem.Where(doc.file, doc.lines)
    seen: set[str] = set()
    for i, slug in enumerate(course.lessons):
        if slug in seen:
            errors.append(where.error(f"lesson {slug!r} listed twice", ("lessons", i)))
        seen.add(slug)
    return course, doc, errors


# -- question banks --------------------------------------------------------------------


def check_bank_file(path: Path, registry: Registry | None) -> Checked[Bank]:
    """Every error of one question bank, except ids duplicated across banks."""
    try:
        doc = read_document(path)
    except ContentError as exc:
        return Checked(path, None, [exc])
    bank, errors = _validate(doc, Bank, "questions")
    where = sem.Where(doc.file, doc.lines)
    errors += sem.check_ids(_raw_ids(doc.data, "questions"), where, "question")
    questions = (
        list(enumerate(bank.questions)) if bank else _valid_items(doc.data, "questions", _QUESTION)
    )
    for i, q in questions:
        errors += sem.check_question(
            q, ("questions", i), sem.Where(doc.file, doc.lines, q.id), registry
        )
    errors += lint_bank(questions, where)
    errors.sort(key=lambda e: e.line or 0)
    return Checked(path, bank, errors, doc.lines)


_QUESTION: TypeAdapter[BankQuestion] = TypeAdapter(BankQuestion)


def bank_files(directory: Path) -> list[Path]:
    """The ``*.yaml`` banks of a directory, sorted by name (none if it does not exist)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def check_banks(
    paths: Iterable[Path], registry: Registry | None, lesson_slugs: Iterable[str] | None = None
) -> list[Checked[Bank]]:
    """Check several banks together: question ids must be unique across all of them,
    and (when ``lesson_slugs`` is given) the lessons a question points to must exist."""
    results = [check_bank_file(p, registry) for p in paths]
    first_use: dict[str, str] = {}
    known = set(lesson_slugs) if lesson_slugs is not None else None
    for checked in results:
        if checked.model is None:
            continue
        doc_lines = checked.lines or LineMap()
        for i, q in enumerate(checked.model.questions):
            at = sem.Where(str(checked.path), doc_lines, q.id)
            here = f"{checked.path}:{doc_lines.line(('questions', i, 'id'))}"
            if q.id in first_use and first_use[q.id] != here:
                checked.errors.append(at.error(f"question id {q.id!r} is also used in another bank",
                                               ("questions", i, "id"),
                                               f"first used at {first_use[q.id]}"))
            first_use.setdefault(q.id, here)
            for j, slug in enumerate(q.lessons):
                if known is not None and slug not in known:
                    checked.errors.append(at.error(f"unknown lesson {slug!r}",
                                                   ("questions", i, "lessons", j),
                                                   "known: " + ", ".join(sorted(known))))
    return results


def load_banks(directory: Path | None = None, registry: Registry | None = None) -> list[Bank]:
    """Every bank in ``directory`` (default: the shipped ``data/questions``), fully checked."""
    if directory is None:
        from bntutor.content.paths import questions_dir

        directory = questions_dir()
    if registry is None:
        from bntutor.live.catalog import default_registry

        registry = default_registry()
    return [checked.get() for checked in check_banks(bank_files(directory), registry)]
