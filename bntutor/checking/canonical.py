"""The expected answer written back as text a learner could type.

``bntutor validate`` feeds it through the question's own checker (it must be accepted);
lesson and quiz screens show it when revealing the answer.
"""

from __future__ import annotations

from typing import Any

from bntutor.checking.choice import shown_letter
from bntutor.content.models import Question


def answer_text(question: Question, value: Any) -> str:
    """``value`` (a resolved expected answer or feedback answer) as typed text."""
    kind = question.kind
    if kind in ("numeric", "predict"):
        while isinstance(value, list) and len(value) == 1:
            value = value[0]
        return _number(value)
    if kind == "tensor":
        return _tensor(value)
    if kind == "multi":
        items = value if isinstance(value, list) else [value]
        return ", ".join(_letter(question, v) for v in items)
    if kind == "choice":
        return _letter(question, value)
    return str(value)


def _letter(question: Question, ident: Any) -> str:
    """The letter an option id is shown under (the id itself when there is no such option)."""
    letter = shown_letter(str(ident), question.options or [])
    return letter if letter is not None else str(ident).strip().lower()


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return str(value)
    return f"{value:.12g}"


def _tensor(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_tensor(v) for v in value) + "]"
    return _number(value)
