"""check(): one entry point for every kind; never raises on what a learner types."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from bntutor.checking.answering import typed_text
from bntutor.checking.check import check
from bntutor.checking.resolve import ResolvedQuestion
from bntutor.checking.verdict import Verdict
from bntutor.content.models import QuestionStep

from .anything import any_text, quick


def _q(**fields: Any) -> QuestionStep:
    return QuestionStep.model_validate({"id": "q", "type": "question", "prompt": "p", **fields})


QUESTIONS = [
    (_q(kind="choice", options=["x", "y", "z"], answer="b"), "b", "c"),
    (_q(kind="multi", options=["x", "y", "z"], answer=["a", "c"]), ["a", "c"], ["b"]),
    (_q(kind="numeric", answer=0.2, tolerance={"abs": 1e-4}), 0.2, -0.2),
    (_q(kind="predict", answer=12.5), 12.5, 30.0),
    (_q(kind="text", answer="running mean", accept=["moving average"]), "running mean", "batch"),
    (_q(kind="expression", answer="2*lambda*w", variables=["λ", "w"]), "2*lambda*w", "lambda*w"),
    (
        _q(kind="tensor", answer=[[1, 2], [3, 4]]),
        [[1.0, 2.0], [3.5, 4.0]],
        [[3.0, 4.0], [1.0, 2.0]],
    ),
]
IDS = [q.kind for q, _, _ in QUESTIONS]


@pytest.mark.parametrize(("question", "expected", "wrong"), QUESTIONS, ids=IDS)
def test_the_written_out_answer_passes_and_a_rule_answer_fails(
    question: QuestionStep, expected: Any, wrong: Any
) -> None:
    resolved = ResolvedQuestion(expected, [(wrong, {"en": "rule", "zh": "规则"})])
    assert check(question, typed_text(question, expected), resolved).correct
    verdict = check(question, typed_text(question, wrong), resolved, lang="zh")
    assert (verdict.correct, verdict.diagnosis) == (False, "规则")


def test_the_numeric_checker_gets_the_count() -> None:
    question = _q(kind="numeric", answer=5.0)
    verdict = check(question, "4", ResolvedQuestion(5.0, [], count=5))
    assert verdict.diagnosis is not None and "biased" in verdict.diagnosis


def test_the_unit_is_passed_on() -> None:
    question = _q(kind="numeric", answer=50, unit="%")
    assert check(question, "50%", ResolvedQuestion(50.0)).correct


@pytest.mark.parametrize(("question", "expected", "wrong"), QUESTIONS, ids=IDS)
def test_huge_input_is_unreadable(question: QuestionStep, expected: Any, wrong: Any) -> None:
    verdict = check(question, "1" * 1_000_000, ResolvedQuestion(expected))
    assert not verdict.readable


@quick
@given(any_text)
def test_any_text_gives_every_kind_a_verdict(text: str) -> None:
    for question, expected, wrong in QUESTIONS:
        verdict = check(question, text, ResolvedQuestion(expected, [(wrong, "m")], count=3))
        assert isinstance(verdict, Verdict)
        assert verdict.readable or not verdict.correct
