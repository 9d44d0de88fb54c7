"""validate_paths: everything under the given paths is checked and every question proved."""

from __future__ import annotations

from pathlib import Path

from bntutor.checking.validate import validate_paths
from bntutor.live.catalog import default_registry
from tests.content.fake_live import fake_registry

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _bank(tmp_path: Path, questions: str) -> Path:
    path = tmp_path / "questions" / "bank.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("format_version: 1\nquestions:\n" + questions)
    return path


def test_the_good_fixture_passes_with_the_shipped_computations() -> None:
    report = validate_paths([FIXTURES / "content" / "good"], default_registry())
    assert [p.line() for p in report.problems] == []
    assert (report.lessons, report.banks, report.questions) == (2, 1, 12)


def test_a_feedback_rule_that_catches_the_right_answer_is_reported(tmp_path: Path) -> None:
    _bank(
        tmp_path,
        """\
  - id: q
    topic: t
    kind: numeric
    prompt: p
    answer: 0.5
    feedback:
      - answer: 0.501
        message: too close
""",
    )
    (problem,) = validate_paths([tmp_path / "questions"], fake_registry()).problems
    assert problem.line().endswith(
        ":7: question q: its own answer '0.5' is not accepted by its checker: too close"
    )


def test_a_shadowed_feedback_rule_is_reported(tmp_path: Path) -> None:
    _bank(
        tmp_path,
        """\
  - id: q
    topic: t
    kind: numeric
    prompt: p
    answer: {compute: stats, args: {n: 4}, value: var}
    tolerance: {abs: 0.01}
    feedback:
      - answer: 1.66
        message: first
      - answer: {compute: stats, args: {n: 4}, value: var_unbiased}
        message: second
""",
    )
    (problem,) = validate_paths([tmp_path / "questions"], fake_registry()).problems
    assert problem.error.line == 12
    assert "is not recognized by its rule (got: first)" in problem.error.what


def test_an_answer_its_checker_rejects_is_reported(tmp_path: Path) -> None:
    _bank(
        tmp_path,
        """\
  - id: q
    topic: t
    kind: numeric
    prompt: p
    answer: {compute: stats, args: {n: 4}, value: values}
""",
    )
    (problem,) = validate_paths([tmp_path / "questions"], fake_registry()).problems
    assert problem.error.line == 7
    assert "the expected answer is not a number" in problem.error.what


def test_a_missing_path_is_a_problem(tmp_path: Path) -> None:
    (problem,) = validate_paths([tmp_path / "nope"], fake_registry()).problems
    assert problem.line() == f"{tmp_path / 'nope'}: no such file or directory"


def test_bad_fixtures_report_every_file() -> None:
    report = validate_paths([FIXTURES / "lessons" / "bad"], fake_registry())
    files = {Path(p.error.file or "").name for p in report.problems}
    assert files == {p.name for p in (FIXTURES / "lessons" / "bad").glob("*.yaml")}
