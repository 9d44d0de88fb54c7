"""Every reference listing passes; every known mistake, written as a learner would write
it, fails and is named; each exercise's cases are the named edges plus 20 random ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from bntutor.content.exercises import exercise_order, load_exercise
from bntutor.exercises.registry import PROBLEMS
from bntutor.exercises.worker import Checker

from .mistakes import MISTAKES, wrong_solution

NAMES = exercise_order()


def _check(checker: Checker, tmp_path: Path, name: str, code: str, framework: str = "numpy"):
    path = tmp_path / "learner.py"
    path.write_text(code, encoding="utf-8")
    return checker.check(name, path, framework, 5.0)


def test_course_order_matches_the_registry() -> None:
    assert [p.name for p in PROBLEMS] == NAMES
    assert len(NAMES) >= 14


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("framework", ["numpy", "torch"])
def test_reference_listing_passes(checker: Checker, tmp_path: Path, name: str,
                                  framework: str) -> None:
    ex = load_exercise(name)
    code = ex.solution.torch if framework == "torch" else ex.solution.numpy
    verdict = _check(checker, tmp_path, name, code, framework)
    assert verdict.passed, (verdict.failure, verdict.problem, verdict.mismatch)
    assert verdict.n_passed == len(verdict.cases) >= 25
    assert verdict.diagnosis is None


@pytest.mark.parametrize("name", NAMES)
def test_alternative_listing_passes(checker: Checker, tmp_path: Path, name: str) -> None:
    ex = load_exercise(name)
    verdict = _check(checker, tmp_path, name, "import numpy as np\n\n" + ex.alternative.code)
    assert verdict.passed, (verdict.failure, verdict.problem, verdict.mismatch)


@pytest.mark.parametrize(("name", "mistake", "edits"), MISTAKES,
                         ids=[f"{n}:{m}" for n, m, _ in MISTAKES])
def test_mistake_is_named(checker: Checker, tmp_path: Path, name: str, mistake: str,
                          edits: list[tuple[str, str]]) -> None:
    ex = load_exercise(name)
    verdict = _check(checker, tmp_path, name, wrong_solution(ex.solution.numpy, edits))
    assert not verdict.passed
    assert verdict.diagnosis == mistake
    assert mistake in ex.diagnoses  # and it has a message in both languages


def test_every_diagnosis_is_covered_and_counted() -> None:
    tested = {(n, m) for n, m, _ in MISTAKES}
    registered = {(p.name, w) for p in PROBLEMS for w in p.wrongs}
    assert tested == registered
    assert len(registered) >= 25
    for p in PROBLEMS:
        assert set(load_exercise(p.name).diagnoses) == set(p.wrongs), p.name


def test_every_exercise_has_named_edges_and_twenty_random_cases() -> None:
    for p in PROBLEMS:
        names = [c.name for c in p.cases()]
        assert sum(n.startswith("random") for n in names) >= 20
        assert len([n for n in names if not n.startswith("random")]) >= 5, p.name
        assert len(set(names)) == len(names)


def test_backward_exercises_get_a_gradient_check(checker: Checker, tmp_path: Path) -> None:
    ex = load_exercise("bn-backward")
    verdict = _check(checker, tmp_path, "bn-backward", ex.solution.numpy)
    rows = {r.output: r.rel_error for r in verdict.gradcheck}
    assert set(rows) == {"dx", "dgamma", "dbeta"}
    assert all(err < 1e-6 for err in rows.values())
    wrong = wrong_solution(ex.solution.numpy, [(" + dmu / n", "")])
    bad = {r.output: r.rel_error for r in _check(checker, tmp_path, "bn-backward",
                                                 wrong).gradcheck}
    assert bad["dx"] > 1e-2 and bad["dgamma"] < 1e-6


def test_each_exercise_follows_a_lesson_that_points_at_it() -> None:
    from bntutor.content.course import load_course
    from bntutor.content.paths import lessons_dir

    course = load_course(lessons_dir())
    for name in NAMES:
        ex = load_exercise(name)
        lesson = course.load(ex.lesson)  # the lesson exists
        last = lesson.steps[-1]
        assert f"bntutor exercise {name}`" in str(last.body), (name, ex.lesson)
