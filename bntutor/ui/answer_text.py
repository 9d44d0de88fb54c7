"""A question's expected answer as one line of text, for when it is revealed."""

from __future__ import annotations

from typing import Any

from bntutor.checking.choice import shown_option
from bntutor.content.models import Question
from bntutor.numbers import format_value


def answer_text(question: Question, expected: Any, lang: str = "en") -> str:
    """``b) the batch mean``, ``a, c``, ``0.25``, ``[[1, 2], [3, 4]]`` or the text itself."""
    options = question.options or []
    if question.kind == "choice" and isinstance(expected, str):
        return _option(expected, options, lang)
    if question.kind == "multi" and isinstance(expected, list):
        return "; ".join(_option(str(letter), options, lang) for letter in expected)
    text = format_value(expected)
    if question.unit:
        text += f" {question.unit}"
    return text


def _option(ident: str, options: list[Any], lang: str) -> str:
    return shown_option(ident, options, lang)
