"""Play every shipped lesson to the end through the real `bntutor lesson N --json`, scripted.

The answers are not typed here: each question's correct answer (and each recognized wrong
answer) is read from the loaded lesson and resolved by the live computations, as the
player itself would. A second run answers wrongly first, with a feedback rule's answer or
an option that carries a ``why``, and expects that diagnosis in the transcript.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import bntutor
from bntutor.checking.answering import Answering, typed_text
from bntutor.content.course import load_course
from bntutor.content.i18n import localize
from bntutor.content.models import Lesson, Option, QuestionStep
from bntutor.content.shuffle import lesson_key, shuffle_options
from bntutor.live.catalog import default_registry

from .installed import bntutor_script

pytestmark = pytest.mark.slow

TIMEOUT = 180


@dataclass(frozen=True)
class Attempt:
    """One scripted question: the wrong line to type first (if any) and its diagnosis.

    A prediction is committed once: after a wrong guess the result is revealed and the
    lesson moves on, so it gets no second line.
    """

    step: str
    kind: str
    correct: str
    wrong: str | None = None
    diagnosis: str | None = None

    def lines_wrong_first(self) -> list[str]:
        if self.wrong is None:
            return [self.correct]
        return [self.wrong] if self.kind == "predict" else [self.wrong, self.correct]


def answer_text(value: Any, step: QuestionStep) -> str:
    """An expected value written the way a learner would type it (options by shown letter)."""
    if step.kind in ("choice", "multi"):
        return typed_text(step, value)
    if isinstance(value, list):
        return json.dumps(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def attempts(lesson: Lesson, answering: Answering) -> list[Attempt]:
    out = []
    for filed in lesson.steps:
        if not isinstance(filed, QuestionStep):
            continue
        # a fresh home plays the lesson's first run: options in the order that run draws
        step = shuffle_options(filed, lesson_key(lesson.slug, filed.id, 1))
        resolved = answering.resolve(step)
        correct = answer_text(resolved.expected, step)
        wrong = diagnosis = None
        if resolved.feedback:
            value, message = resolved.feedback[0]
            wrong, diagnosis = answer_text(value, step), localize(message, "en")
        elif step.kind == "choice":
            for letter, option in zip("abcdefgh", step.options or [], strict=False):
                if isinstance(option, Option) and option.why is not None:
                    wrong, diagnosis = letter, localize(option.why, "en")
                    break
        out.append(Attempt(step.id, step.kind, correct, wrong, diagnosis))
    return out


def shipped_lessons() -> Path:
    """The course bntutor ships (the checkout's lessons/, else the installed copy)."""
    checkout = Path(bntutor.__file__).resolve().parent.parent / "lessons"
    if (checkout / "course.yaml").is_file():
        return checkout
    import importlib.resources

    return Path(str(importlib.resources.files("bntutor") / "lessons"))


def play(number: int, lines: list[str], home: Path) -> dict[str, Any]:
    env = dict(os.environ, BNTUTOR_HOME=str(home), NO_COLOR="1",
               BNTUTOR_LESSONS=str(COURSE.directory))
    run = subprocess.run(
        [bntutor_script(), "lesson", str(number), "--json"],
        input="".join(line + "\n" for line in lines),
        capture_output=True, text=True, env=env, timeout=TIMEOUT,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    transcript: dict[str, Any] = json.loads(run.stdout)
    return transcript


def questions(transcript: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in transcript["steps"] if s["type"] == "question"}


COURSE = load_course(shipped_lessons())
ANSWERING = Answering()  # one per test session: each distinct computation runs once here


@pytest.mark.parametrize("entry", COURSE.lessons, ids=lambda e: e.slug)
def test_lesson_played_with_correct_answers(entry: Any, tmp_path: Path) -> None:
    lesson = COURSE.load(entry, default_registry())
    plan = attempts(lesson, ANSWERING)
    transcript = play(entry.number, [a.correct for a in plan], tmp_path / "home")
    assert transcript["completed"] is True
    assert transcript["lesson"]["slug"] == lesson.slug
    played = questions(transcript)
    assert list(played) == [a.step for a in plan]
    for attempt in plan:
        step = played[attempt.step]
        assert step["result"] == "correct", (attempt, step["answers"])
        assert len(step["answers"]) == 1 and step["answers"][0]["correct"]
    assert transcript["summary"]["first_try"] == len(plan)


@pytest.mark.parametrize("entry", COURSE.lessons, ids=lambda e: e.slug)
def test_lesson_played_wrong_first_gets_each_diagnosis(entry: Any, tmp_path: Path) -> None:
    lesson = COURSE.load(entry, default_registry())
    plan = attempts(lesson, ANSWERING)
    lines = [line for attempt in plan for line in attempt.lines_wrong_first()]
    transcript = play(entry.number, lines, tmp_path / "home")
    assert transcript["completed"] is True
    played = questions(transcript)
    diagnosed = 0
    for attempt in plan:
        step = played[attempt.step]
        if attempt.wrong is None:
            assert step["result"] == "correct", (attempt, step["answers"])
            continue
        first = step["answers"][0]
        assert first["correct"] is False, (attempt, first)
        assert first.get("diagnosis") == attempt.diagnosis, (attempt, first)
        if attempt.kind == "predict":
            assert step["result"] == "wrong" and len(step["answers"]) == 1
        else:
            assert step["result"] == "correct", (attempt, step["answers"])
            assert step["answers"][-1]["correct"] is True
        diagnosed += 1
    assert diagnosed >= 2  # every lesson names at least two misconceptions
