"""The expected answer as shown when it is revealed."""

from __future__ import annotations

from typing import Any

import pytest

from bntutor.content.models import Question
from bntutor.ui.answer_text import answer_text


def question(**fields: Any) -> Question:
    return Question.model_validate({"prompt": "?", **fields})


@pytest.mark.parametrize(
    ("fields", "expected", "shown"),
    [
        ({"kind": "choice", "options": ["one", {"text": {"en": "two", "zh": "二"}}], "answer": "b"},
         "b", "b) two"),
        ({"kind": "multi", "options": ["x", "y", "z"], "answer": ["a", "c"]}, ["a", "c"],
         "a) x; c) z"),
        ({"kind": "numeric", "answer": 0.25, "unit": "ms"}, 1 / 3, "0.3333 ms"),
        ({"kind": "tensor", "answer": [[1, 2]]}, [[1.0, 2.5], [3, -0.0]], "[[1, 2.5], [3, 0]]"),
        ({"kind": "text", "answer": "running mean"}, "running mean", "running mean"),
    ],
)
def test_answer_text(fields: dict[str, Any], expected: Any, shown: str) -> None:
    assert answer_text(question(**fields), expected) == shown


def test_answer_text_in_chinese() -> None:
    q = question(kind="choice", options=["one", {"text": {"en": "two", "zh": "二"}}], answer="b")
    assert answer_text(q, "b", "zh") == "b) 二"
