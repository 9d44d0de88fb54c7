"""The tolerance line under a numeric question, written from the question's spec."""

from __future__ import annotations

from bntutor.content.models import Question, Tolerance
from bntutor.ui.tolerance_note import tolerance_note


def _numeric(tolerance: Tolerance, kind: str = "numeric") -> Question:
    answer = 1 if kind == "numeric" else [1, 2]
    return Question(kind=kind, prompt="?", answer=answer, tolerance=tolerance)  # type: ignore[arg-type]


def test_an_exact_question_says_exact_and_a_tolerance_says_its_size() -> None:
    assert tolerance_note(_numeric(Tolerance(abs=0, rel=0))) == (
        "exact answer: only the exact value counts; arithmetic is fine: 7/3, sqrt(2)/2, 2.5e3"
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
        "要求精确值：只有完全相等才算对；可以直接写算式：7/3、sqrt(2)/2、2.5e3"
    )
    assert tolerance_note(_numeric(Tolerance(abs=0.01, rel=0), "tensor")) == (
        "accepted within ±0.01 of the answer"
    )
    choice = Question(kind="choice", prompt="?", answer="a", options=["x", "y"])
    assert tolerance_note(choice) is None


def test_the_arithmetic_examples_answer_no_shipped_numeric_question() -> None:
    """The note under every numeric prompt must not hand out an answer (it once read 45/8,
    lesson 3's batch mean)."""
    from bntutor.checking.answering import Answering
    from bntutor.content.course import load_course
    from bntutor.content.models import QuestionStep
    from bntutor.live.catalog import default_registry
    from bntutor.messages import MESSAGES

    examples = MESSAGES["tolerance.arithmetic"]["en"].split(": ", 1)[1].split(", ")
    assert len(examples) == 3
    registry = default_registry()
    answering = Answering(registry=registry)
    course = load_course(registry=registry)
    numeric = 0
    for entry in course.lessons:
        for step in course.load(entry, registry).steps:
            if isinstance(step, QuestionStep) and step.kind == "numeric":
                numeric += 1
                for example in examples:
                    verdict = answering.check(step, example)
                    assert not verdict.correct, (entry.slug, step.id, example)
    assert numeric >= 10
