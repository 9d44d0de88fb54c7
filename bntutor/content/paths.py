"""Where the shipped content lives: a checkout's top-level dirs, or the installed package.

In a checkout (``pyproject.toml`` beside the ``bntutor`` package) lessons are in
``lessons/`` and question banks in ``data/questions/``. An installed wheel carries the
same files as the packages ``bntutor.lessons`` and ``bntutor.data``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bntutor import shipped
from bntutor.errors import ContentError
from bntutor.shipped import data_dir

#: A lesson file's name, ``NN-slug.yaml``: group 1 is the number, group 2 the slug.
LESSON_FILE = re.compile(r"^(\d+)-(.+)\.ya?ml$")
COURSE_FILE = "course.yaml"


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
    root = shipped.checkout_root()
    return root / "lessons" if root is not None else shipped.installed("lessons")


def questions_dir() -> Path:
    """The directory of question banks, ``data/questions``."""
    return data_dir() / "questions"
