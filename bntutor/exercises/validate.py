"""``bntutor validate`` for the exercises: the files against their schema, and content
against code (every exercise in the order has a file and a registered problem, every
known mistake a message in both languages, every checker message a text)."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from bntutor.content.exercises import (
    CASES_FILE,
    ORDER_FILE,
    check_order,
    exercise_files,
    load_case_names,
    load_exercise,
)
from bntutor.errors import BntutorError, ContentError
from bntutor.exercises.verdict import MessageId
from bntutor.messages import MESSAGES
from bntutor.shipped import data_dir


def is_exercises_dir(path: Path) -> bool:
    return path.is_dir() and (path / ORDER_FILE).is_file() and (path / CASES_FILE).is_file()


def check_exercises(directory: Path) -> tuple[int, list[ContentError]]:
    """The number of exercises checked and every problem found."""
    from bntutor.exercises.registry import PROBLEMS

    problems: list[ContentError] = []
    try:
        names = check_order(directory)
    except ContentError as exc:
        return 0, [exc]
    for mid in get_args(MessageId):
        if f"checker.{mid}" not in MESSAGES:
            problems.append(ContentError(f"no text for the checker's message {mid!r}",
                                         str(data_dir() / "messages.json")))
    try:
        translated = load_case_names(directory).names
        for p in PROBLEMS:
            for case in p.edge_cases():
                if case.name not in translated:
                    problems.append(ContentError(f"case {case.name!r} of {p.name} has no"
                                                 " Chinese name", str(directory / CASES_FILE)))
    except ContentError as exc:
        problems.append(exc)
    order_file = str(directory / ORDER_FILE)
    for path in exercise_files(directory):
        if path.stem not in names:
            problems.append(ContentError(f"exercise {path.stem!r} is not in the course order",
                                         order_file, hint="add it to course.yaml"))
    for name in names:
        file = str(directory / f"{name}.yaml")
        try:
            exercise = load_exercise(name, directory)
        except BntutorError as exc:
            problems.append(exc if isinstance(exc, ContentError) else ContentError(exc.what, file))
            continue
        if name not in PROBLEMS.names():
            problems.append(ContentError(f"no registered problem called {name!r}", file,
                                         hint="register it in bntutor.exercises.registry"))
            continue
        problem = PROBLEMS.get(name)
        for mistake in sorted(set(problem.wrongs) - set(exercise.diagnoses)):
            problems.append(ContentError(f"known mistake {mistake!r} has no diagnosis text", file))
        for mistake in sorted(set(exercise.diagnoses) - set(problem.wrongs)):
            problems.append(ContentError(f"diagnosis {mistake!r} names no known mistake", file,
                                         hint=f"known: {', '.join(sorted(problem.wrongs))}"))
    return len(names), problems
