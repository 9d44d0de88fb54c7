"""Resolving expected answers: literals as they are, live references through the registry."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from bntutor.checking.answering import Answering
from bntutor.checking.resolve import plain, resolve_expected, resolve_question
from bntutor.content.models import LiveRef, Question
from bntutor.errors import ContentError
from tests.content.fake_live import fake_registry, stats_values


def test_a_literal_is_its_own_value() -> None:
    calls: list[dict[str, Any]] = []
    run = Answering(registry=fake_registry(calls)).run
    assert resolve_expected(0.5, run) == 0.5
    assert resolve_expected([[1, 2]], run) == [[1, 2]]
    assert calls == []


def test_a_live_reference_takes_its_value_from_the_computation() -> None:
    run = Answering(registry=fake_registry()).run
    ref = LiveRef(compute="stats", args={"seed": 3, "n": 5}, value="var_unbiased")
    # 3..7: mean 5, squares 4+1+0+1+4 = 10, unbiased variance 10/4
    assert resolve_expected(ref, run) == pytest.approx(2.5)
    nested = LiveRef(compute="stats", args={"n": 4}, value="pair[1][0]")
    assert resolve_expected(nested, run) == 2.0


def test_identical_calls_run_once_per_answering_service() -> None:
    calls: list[dict[str, Any]] = []
    registry = fake_registry(calls)
    run = Answering(registry=registry).run
    mean = LiveRef(compute="stats", args={"n": 4, "seed": 1}, value="mean")
    var = LiveRef(compute="stats", args={"seed": 1, "n": 4}, value="var")  # same call, key order
    other = LiveRef(compute="stats", args={"n": 6}, value="mean")
    for ref in (mean, var, other, mean):
        resolve_expected(ref, run)
    assert calls == [{"seed": 1, "n": 4}, {"seed": 0, "n": 6}]
    resolve_expected(mean, Answering(registry=registry).run)  # a new service runs again
    assert len(calls) == 3


def test_resolve_question_gives_expected_feedback_and_count() -> None:
    question = Question.model_validate(
        {
            "kind": "numeric",
            "prompt": "variance?",
            "answer": {"compute": "stats", "args": {"n": 8}, "value": "var"},
            "feedback": [
                {
                    "answer": {"compute": "stats", "args": {"n": 8}, "value": "var_unbiased"},
                    "message": "unbiased",
                },
                {"answer": 2.0, "message": {"en": "std", "zh": "标准差"}},
            ],
        }
    )
    calls: list[dict[str, Any]] = []
    resolved = resolve_question(question, Answering(registry=fake_registry(calls)).run)
    expected = stats_values(0, 8)
    assert resolved.expected == pytest.approx(expected["var"])
    assert resolved.feedback == [
        (pytest.approx(expected["var_unbiased"]), "unbiased"),
        (2.0, {"en": "std", "zh": "标准差"}),
    ]
    assert resolved.count == 8
    assert len(calls) == 1


def test_a_literal_answer_has_no_count() -> None:
    question = Question.model_validate({"kind": "numeric", "prompt": "p", "answer": 1.5})
    assert resolve_question(question, Answering(registry=fake_registry()).run).count is None


def test_an_unknown_value_key_is_a_content_error() -> None:
    ref = LiveRef(compute="stats", args={}, value="median")
    with pytest.raises(ContentError, match="has no value 'median'"):
        resolve_expected(ref, Answering(registry=fake_registry()).run)


def test_plain_turns_arrays_and_tuples_into_lists() -> None:
    assert plain(np.array([[1.0, 2.0], [3.0, 4.0]])) == [[1.0, 2.0], [3.0, 4.0]]
    assert plain((np.float64(1.5), [np.int64(2)])) == [1.5, [2]]
    assert isinstance(plain(np.float64(1.5)), float)
