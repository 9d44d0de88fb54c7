"""Coding exercises as content: ``data/exercises/NAME.yaml``.

An exercise file holds everything a learner reads (task, hints, diagnosis messages, the
reference solution shown after a pass) in English and Chinese; its maths (cases, the
reference, the known mistakes) is registered in ``bntutor.exercises`` under ``name``.
The solution listings are shown to the learner and run by the tests, never by the tool.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bntutor.content._schema_errors import schema_errors
from bntutor.content.exercise_order import ORDER_FILE, exercise_order, exercises_dir
from bntutor.content.loader import read_document
from bntutor.errors import ContentError, NotFoundError

FRAMEWORKS: tuple[str, ...] = ("numpy", "torch")
CASES_FILE = "cases.yaml"
__all__ = ["ORDER_FILE", "exercise_order", "exercises_dir"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Strict):
    """A text every learner reads: both languages are required."""

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Listing(_Strict):
    """A solution listing per framework, shown after a pass (and run by the tests)."""

    numpy: str
    torch: str


class Alternative(_Strict):
    """A second way to write it, shown beside the reference after a pass."""

    text: Bilingual
    code: str


class Exercise(_Strict):
    format_version: Literal[1] = 1
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: Bilingual
    lesson: str  # the slug of the lesson it follows
    task: Bilingual
    doc: Bilingual  # the starter's docstring: arguments, shapes, what to return
    hints: list[Bilingual] = Field(min_length=2)
    solution: Listing
    alternative: Alternative
    diagnoses: dict[str, Bilingual] = Field(min_length=1)


class CaseNames(_Strict):
    """The Chinese name of each named edge case, keyed by its English name."""

    format_version: Literal[1] = 1
    names: dict[str, str]


class ExerciseOrder(_Strict):
    format_version: Literal[1] = 1
    exercises: list[str] = Field(min_length=1)


M = TypeVar("M", bound=_Strict)


def _load(directory: Path | None, file: str, model: type[M]) -> M:
    """``file`` of the exercises directory (the shipped one unless ``directory``)."""
    doc = read_document((exercises_dir() if directory is None else directory) / file)
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise schema_errors(exc, model, doc.data, doc.lines, doc.file, lambda _: None)[0] from None


def load_exercise(name: str, directory: Path | None = None) -> Exercise:
    """The exercise ``name`` from ``<directory>/<name>.yaml``."""
    path = (exercises_dir() if directory is None else directory) / f"{name}.yaml"
    if not path.is_file():
        raise NotFoundError(f"no exercise called {name!r}", hint="bntutor exercises lists them")
    exercise = _load(path.parent, path.name, Exercise)
    if exercise.name != name:
        raise ContentError(f"the file says name {exercise.name!r}", str(path),
                           hint=f"an exercise file is named after its exercise: {name}")
    return exercise


def check_order(directory: Path | None = None) -> list[str]:
    """``course.yaml`` checked against its schema: the exercise names in course order."""
    return list(_load(directory, ORDER_FILE, ExerciseOrder).exercises)


def load_case_names(directory: Path | None = None) -> CaseNames:
    return _load(directory, CASES_FILE, CaseNames)


def exercise_files(directory: Path | None = None) -> list[Path]:
    base = exercises_dir() if directory is None else directory
    if not base.is_dir():
        return []
    return sorted(p for p in base.glob("*.yaml") if p.name not in (ORDER_FILE, CASES_FILE))
