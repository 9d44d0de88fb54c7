"""Numeric answers: a number within the question's tolerance, and why a wrong one is wrong."""

from __future__ import annotations

import math
from typing import Any

from bntutor.checking.feedback import matching_rule
from bntutor.checking.tolerance import is_close, show, tolerance_of
from bntutor.checking.verdict import Verdict
from bntutor.content.models import LText, Tolerance
from bntutor.notation.number import NumberSyntaxError, parse_number


def read_expected(value: Any) -> float:
    """An expected value from content or a computation: a number (or one-element list)."""
    while isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def number_rule(
    x: float, feedback: list[tuple[Any, LText]] | None, tolerance: Tolerance, lang: str
) -> str | None:
    """The message of the first feedback rule whose number is within ``tolerance`` of ``x``."""
    return matching_rule(
        x, feedback or [], read_expected, lambda a, b: is_close(a, b, tolerance), lang
    )


def check_numeric(
    answer: str,
    expected: Any,
    tolerance: Tolerance,
    feedback: list[tuple[Any, LText]] | None = None,
    count: int | None = None,
    unit: str | None = None,
    lang: str = "en",
    nonfinite: bool = False,
) -> Verdict:
    """Is ``answer`` within ``tolerance`` of ``expected``? Diagnose the usual slips if not.
    A zero tolerance is exact: no slip is "close". ``nonfinite``: nan and inf are answers."""
    try:
        x = parse_number(answer, unit, nonfinite)
    except NumberSyntaxError as exc:
        return Verdict.unreadable_as(answer, "a number", exc, lang)
    e = read_expected(expected)
    understood = show(x)
    rule = number_rule(x, feedback, tolerance, lang)
    if rule is not None:
        return Verdict.wrong(lang, diagnosis=rule, understood=understood)
    if is_close(x, e, tolerance):
        return Verdict.right(lang, understood=understood)
    return Verdict.wrong(lang, diagnosis=diagnose(x, e, tolerance, count), understood=understood
    )


def diagnose(x: float, e: float, tol: Tolerance, count: int | None = None) -> str | None:
    """A built-in guess at the slip that turns ``e`` into ``x``, or None."""

    def near(candidate: float) -> bool:
        # the slip must explain x, and must not be indistinguishable from the right answer
        return (
            math.isfinite(candidate)
            and is_close(x, candidate, tol)
            and not is_close(candidate, e, tol)
        )

    if near(-e):
        return "The sign is flipped."
    if near(e * e):
        return "That looks like the square of the answer (a variance instead of a std?)."
    if e > 0 and near(math.sqrt(e)):
        return "That looks like the square root of the answer (a std instead of a variance?)."
    if count is not None and count > 1:
        if near(e * (count - 1) / count):
            return f"That is the biased value (divided by n = {count}); this divides by n - 1."
        if near(e * count / (count - 1)):
            return f"That is the unbiased value (divided by n - 1 = {count - 1}); this is over n."
    ratio = abs(x / e) if e != 0 else 0.0
    if 0 < ratio < math.inf:
        power = math.log10(ratio)
        k = round(power)
        if k != 0 and abs(power - k) < 0.01 and (x > 0) == (e > 0):
            return f"Off by a factor of 10^{k}: check the decimal point or the units."
    exact = tol.abs == 0 and tol.rel == 0
    if not exact and abs(x - e) <= 10 * tolerance_of(e, tol):
        return "Close, but outside the tolerance: keep more digits while you compute."
    return None
