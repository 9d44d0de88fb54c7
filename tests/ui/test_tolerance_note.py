"""The tolerance line under a numeric question, written from the question's spec."""

from __future__ import annotations

from bntutor.content.models import Question, Tolerance
from bntutor.ui.tolerance_note import tolerance_note


def _numeric(tolerance: Tolerance, kind: str = "numeric") -> Question:
    answer = 1 if kind == "numeric" else [1, 2]
    return Question(kind=kind, prompt="?", answer=answer, tolerance=tolerance)  # type: ignore[arg-type]


def test_an_exact_question_says_exact_and_a_tolerance_says_its_size() -> None:
    assert tolerance_note(_numeric(Tolerance(abs=0, rel=0))) == (
        "exact answer: only the exact value counts; arithmetic is fine: 45/8, sqrt(2)/2, 1e-5"
    )
    assert tolerance_note(_numeric(Tolerance(abs=0.001, rel=0)), "en").startswith(
        "accepted within ±0.001 of the answer;"
    )
    assert tolerance_note(_numeric(Tolerance(abs=0, rel=0.02))).startswith(
        "accepted within 2% of the answer"
    )
    assert tolerance_note(_numeric(Tolerance())).startswith(
        "accepted within ±0.005 or 1% of the answer, whichever is larger"
    )
    assert tolerance_note(_numeric(Tolerance(abs=0, rel=0)), "zh") == (
        "要求精确值：只有完全相等才算对；可以直接写算式：45/8、sqrt(2)/2、1e-5"
    )
    assert tolerance_note(_numeric(Tolerance(abs=0.01, rel=0), "tensor")) == (
        "accepted within ±0.01 of the answer"
    )
    choice = Question(kind="choice", prompt="?", answer="a", options=["x", "y"])
    assert tolerance_note(choice) is None
