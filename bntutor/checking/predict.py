"""Predictions: the learner commits to a number before the computation is revealed.

``closeness`` is ``1 - min(1, |x - e| / max(|e|, tol))``: 1 for exact, 0 when off by
as much as the answer itself. A prediction within the tolerance counts as correct.
"""

from __future__ import annotations

from typing import Any

from bntutor.checking.numeric import number_rule, read_expected
from bntutor.checking.tolerance import is_close, show, tolerance_of
from bntutor.checking.verdict import Verdict
from bntutor.content.models import LText, Tolerance
from bntutor.messages import message
from bntutor.notation.number import NumberSyntaxError, parse_number
from bntutor.numbers import format_answer_number


def closeness(x: float, e: float, tol: Tolerance) -> float:
    scale = max(abs(e), tolerance_of(e, tol))
    if scale == 0:
        return 1.0 if x == e else 0.0
    return 1.0 - min(1.0, abs(x - e) / scale)


def check_predict(
    answer: str,
    expected: Any,
    tolerance: Tolerance,
    feedback: list[tuple[Any, LText]] | None = None,
    unit: str | None = None,
    lang: str = "en",
) -> Verdict:
    try:
        x = parse_number(answer, unit)
    except NumberSyntaxError as exc:
        return Verdict.unreadable_as(answer, "a number", exc, lang)
    e = read_expected(expected)
    score = closeness(x, e, tolerance)
    rule = number_rule(x, feedback, tolerance, lang)
    if is_close(x, e, tolerance) and rule is None:
        return Verdict(True, message("predict.spot_on", lang), understood=show(x), closeness=score)
    result = format_answer_number(e)  # written as the reveal and the quiz write it
    key = "predict.close" if score >= 0.9 else (
        "predict.region" if score >= 0.5 else "predict.far")
    said = message(key, lang, guess=show(x), result=result)
    return Verdict(False, said, diagnosis=rule, understood=show(x), closeness=score)
