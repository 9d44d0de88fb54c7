"""Short text answers, compared after normalizing case, punctuation, articles and spaces."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from bntutor.checking.feedback import matching_rule
from bntutor.checking.verdict import Verdict
from bntutor.content.models import LText

MAX_LENGTH = 500
_ARTICLES = frozenset({"a", "an", "the"})


def normalize(text: str) -> str:
    """``"The  Running-Mean!"`` -> ``"running mean"``."""
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category.startswith("P") or category.startswith("C") or ch.isspace():
            kept.append(" ")
        else:
            kept.append(ch)
    words = [w for w in "".join(kept).split() if w not in _ARTICLES]
    return " ".join(words)


def _read(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return normalize(value)


def check_text(
    answer: str,
    expected: Any,
    accept: Sequence[str] = (),
    feedback: list[tuple[Any, LText]] | None = None,
    lang: str = "en",
) -> Verdict:
    if len(answer) > MAX_LENGTH:
        return Verdict.too_long(MAX_LENGTH)
    given = normalize(answer)
    if not given:
        return Verdict.empty()
    rule = matching_rule(given, feedback or [], _read, str.__eq__, lang)
    if rule is not None:
        return Verdict(False, "Not correct.", diagnosis=rule, understood=given)
    accepted = {_read(expected), *(normalize(a) for a in accept)}
    if given in accepted:
        return Verdict(True, "Correct.", understood=given)
    return Verdict(False, "Not correct.", understood=given)
