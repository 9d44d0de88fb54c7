"""The answering service: resolve the expected answer, check an answer, write the reveal,
against answers worked by hand (the fake ``stats`` computation is summed by hand too)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bntutor.checking.answering import Answering, reveal_text, typed_text
from bntutor.checking.check import check
from bntutor.checking.resolve import ResolvedQuestion
from bntutor.content.models import Question
from tests.content.fake_live import fake_registry

from .anything import quick


def question(**fields: Any) -> Question:
    return Question.model_validate({"prompt": "?", **fields})


def answering(calls: list[dict[str, Any]] | None = None, waits: list[int] | None = None,
              lang: str = "en") -> Answering:
    def before_engine() -> None:
        if waits is not None:
            waits.append(1)

    return Answering(lang, fake_registry(calls), before_engine)


VAR = {"compute": "stats", "args": {"seed": 3, "n": 5}, "value": "var"}
UNBIASED = {"compute": "stats", "args": {"seed": 3, "n": 5}, "value": "var_unbiased"}
LIVE = question(kind="numeric", answer=VAR,  # 3..7: squares 4+1+0+1+4 = 10
                feedback=[{"answer": UNBIASED, "message": {"en": "n-1", "zh": "n-1 除"}}])


def test_a_computed_answer_is_resolved_checked_and_revealed() -> None:
    calls: list[dict[str, Any]] = []
    waits: list[int] = []
    service = answering(calls, waits)
    assert service.resolve(LIVE) == ResolvedQuestion(2.0, [(2.5, LIVE.feedback[0].message)], 5)
    assert service.check(LIVE, "10/5").correct
    wrong = service.check(LIVE, "2.5")
    assert (wrong.correct, wrong.diagnosis) == (False, "n-1")
    assert service.reveal(LIVE) == "2"
    assert calls == [{"seed": 3, "n": 5}]  # one run for answer, feedback and every check
    assert waits == [1]  # the engine was waited for once, before the one run


def test_a_literal_answer_never_waits_for_the_engine() -> None:
    calls: list[dict[str, Any]] = []
    waits: list[int] = []
    service = answering(calls, waits)
    numeric = question(kind="numeric", answer=0.25, tolerance={"abs": 0.01},
                       reveal={"computation": "stats", "args": {"n": 4}})
    assert service.check(numeric, "0.259").correct  # within 0.01
    assert not service.check(numeric, "0.27").correct
    assert service.reveal(numeric) == "0.25"
    assert (calls, waits) == ([], [])
    # the reveal computation runs apart, once the question is closed, and waits then
    assert service.run("stats", {"n": 4}).values["mean"] == 1.5  # (0+1+2+3)/4
    assert waits == [1]


@pytest.mark.parametrize(
    ("fields", "right", "wrong"),
    [
        ({"kind": "choice", "options": ["x", "y", "z"], "answer": "b"}, "b", "c"),
        ({"kind": "multi", "options": ["x", "y", "z"], "answer": ["a", "c"]}, "c, a", "a"),
        ({"kind": "numeric", "answer": 0.2, "tolerance": {"abs": 1e-4}}, "1/5", "0.21"),
        ({"kind": "expression", "answer": "2*lambda*w", "variables": ["λ", "w"]},
         "w*λ + λ*w", "λ*w"),  # equal as expressions, not as text
        ({"kind": "tensor", "answer": [[1, 2], [3, 4]]}, "[[1, 2.0], [3, 4]]", "[[1, 2], [4, 3]]"),
        ({"kind": "text", "answer": "running mean"}, "Running mean", "batch mean"),
    ],
)
def test_each_kind_is_checked(fields: dict[str, Any], right: str, wrong: str) -> None:
    q, service = question(**fields), answering()
    assert service.check(q, right).correct
    verdict = service.check(q, wrong)
    assert not verdict.correct and verdict.readable


def test_an_unreadable_answer_is_said_in_the_learners_language() -> None:
    verdict = answering(lang="zh").check(question(kind="numeric", answer=1), "abc")
    assert not verdict.readable and "abc" in verdict.message and "无法" in verdict.message


@pytest.mark.parametrize(
    ("fields", "expected", "shown"),
    [
        ({"kind": "choice", "options": ["one", {"text": {"en": "two", "zh": "二"}}], "answer": "b"},
         "b", "b) two"),
        ({"kind": "multi", "options": ["x", "y", "z"], "answer": ["a", "c"]}, ["a", "c"],
         "a) x; c) z"),
        ({"kind": "numeric", "answer": 0.25, "unit": "ms"}, 1 / 3, "0.3333 ms"),
        ({"kind": "numeric", "answer": 1}, [0.3046875], "0.3047"),  # a computation's [x]
        ({"kind": "predict", "answer": 1}, 7, "7"),
        ({"kind": "tensor", "answer": [[1, 2]]}, [[1.0, 2.5], [3, -0.0]], "[[1, 2.5], [3, 0]]"),
        ({"kind": "text", "answer": "running mean"}, "running mean", "running mean"),
    ],
)
def test_the_reveal(fields: dict[str, Any], expected: Any, shown: str) -> None:
    assert reveal_text(question(**fields), expected) == shown


def test_the_reveal_in_chinese() -> None:
    q = question(kind="choice", options=["one", {"text": {"en": "two", "zh": "二"}}], answer="b")
    assert reveal_text(q, "b", "zh") == "b) 二"
    assert answering(lang="zh").reveal(q) == "b) 二"
    explain = question(kind="explain", model_answer={"en": "It normalizes.", "zh": "它做归一化。"},
                       rubric=["normalizes", "per channel", "over the batch"])
    assert answering(lang="zh").reveal(explain) == "它做归一化。"


def test_the_reveal_follows_the_options_as_shown() -> None:
    shown = question(kind="choice", answer="a",
                     options=[{"id": "b", "text": "second"}, {"id": "a", "text": "first"}])
    assert answering().reveal(shown) == "b) first"
    assert typed_text(shown, "a") == "b"


NUMERIC = question(kind="numeric", answer=0, tolerance={"abs": 1e-9, "rel": 1e-9})
TENSOR = question(kind="tensor", answer=[[0]], tolerance={"abs": 1e-9, "rel": 1e-9})
finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)


def test_typed_forms() -> None:
    assert typed_text(NUMERIC, 0.1 + 0.2) == "0.3"
    assert typed_text(NUMERIC, [2]) == "2"
    assert typed_text(TENSOR, [[1, 2.5], [3, -4e-7]]) == "[[1, 2.5], [3, -4e-07]]"
    multi = question(kind="multi", options=["x", "y", "z"], answer=["a"])
    assert typed_text(multi, ["A", "c"]) == "a, c"


@quick
@given(finite)
def test_typed_numbers_round_trip_through_the_checker(value: float) -> None:
    assert check(NUMERIC, typed_text(NUMERIC, value), ResolvedQuestion(value)).correct


@quick
@given(st.lists(st.lists(finite, min_size=3, max_size=3), min_size=1, max_size=4))
def test_typed_tensors_round_trip_through_the_checker(value: list[list[float]]) -> None:
    assert check(TENSOR, typed_text(TENSOR, value), ResolvedQuestion(value)).correct
