"""Short text answers, compared after normalizing case, punctuation, articles and spaces."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from bntutor.checking.feedback import matching_rule
from bntutor.checking.verdict import Verdict
from bntutor.content.models import LText
from bntutor.messages import message

MAX_LENGTH = 500
#: Accepted answers at least this long are suggested when an answer is one typo away.
MIN_SUGGESTED = 5
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
        return Verdict.too_long(MAX_LENGTH, lang)
    given = normalize(answer)
    if not given:
        return Verdict.empty(lang)
    rule = matching_rule(given, feedback or [], _read, str.__eq__, lang)
    if rule is not None:
        return Verdict.wrong(lang, diagnosis=rule, understood=given)
    canonical = _read(expected)
    accepted = {canonical, *(normalize(a) for a in accept)}
    if given in accepted:
        return Verdict.right(lang, understood=given)
    for word in (canonical, *sorted(accepted - {canonical})):
        if len(word) >= MIN_SUGGESTED and one_edit_apart(given, word):
            return Verdict.near_miss(message("answer.did_you_mean", lang, word=word))
    return Verdict.wrong(lang, understood=given)


def one_edit_apart(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns ``a``
    into ``b`` (and they differ)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1:]
