"""Where the shipped content lives: a checkout's top-level dirs, or the installed package.

In a checkout (``pyproject.toml`` beside the ``bntutor`` package) lessons are in
``lessons/`` and question banks in ``data/questions/``. An installed wheel carries the
same files as the packages ``bntutor.lessons`` and ``bntutor.data``.
"""

from __future__ import annotations

import importlib.resources
import os
import re
from pathlib import Path

import bntutor
from bntutor.errors import ContentError

#: A lesson file's name, ``NN-slug.yaml``: group 1 is the number, group 2 the slug.
LESSON_FILE = re.compile(r"^(\d+)-(.+)\.ya?ml$")
COURSE_FILE = "course.yaml"


def _checkout_root() -> Path | None:
    root = Path(bntutor.__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "lessons").is_dir() else None


def _installed(name: str) -> Path:
    return Path(str(importlib.resources.files("bntutor") / name))


def lessons_dir() -> Path:
    """The directory holding ``course.yaml`` and the ``NN-slug.yaml`` lessons.

    ``BNTUTOR_LESSONS=<dir>`` points bntutor at another course (tests, lesson authors).
    """
    if os.environ.get("BNTUTOR_LESSONS"):
        directory = Path(os.environ["BNTUTOR_LESSONS"]).expanduser()
        if not directory.is_dir():  # else a typo would look like a course without lessons
            raise ContentError(
                "BNTUTOR_LESSONS is not a directory", str(directory),
                hint="point it at the folder holding course.yaml, or unset it",
            )
        return directory
    root = _checkout_root()
    return root / "lessons" if root is not None else _installed("lessons")


def data_dir() -> Path:
    """The directory holding ``questions/`` (question banks) and other shipped data."""
    root = _checkout_root()
    if root is not None and (root / "data").is_dir():
        return root / "data"
    return _installed("data")


def questions_dir() -> Path:
    """The directory of question banks, ``data/questions``."""
    return data_dir() / "questions"
