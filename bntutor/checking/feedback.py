"""Feedback rules: a recognized wrong answer and the misconception that produces it.

Rules are checked before correctness, with the same equality the question's kind uses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from bntutor.content.i18n import localize
from bntutor.content.models import LText

T = TypeVar("T")


def matching_rule(
    given: T,
    rules: Sequence[tuple[Any, LText]],
    read: Callable[[Any], T],
    same: Callable[[T, T], bool],
    lang: str = "en",
) -> str | None:
    """The message of the first rule whose answer ``same``-equals ``given``, else None.

    ``read`` turns a rule's answer (from the content) into the form ``given`` has; a rule
    whose answer cannot be read is skipped (``bntutor validate`` reports it).
    """
    for value, message in rules:
        try:
            if same(given, read(value)):
                return localize(message, lang)
        except (ValueError, TypeError, ArithmeticError):
            continue
    return None
