"""Tensor answers: same shape (singleton dims aside), every element within tolerance.

A wrong shape is diagnosed: rows and columns swapped, or one value per sample where one
per feature was asked (the statistic taken over the wrong axis).
"""

from __future__ import annotations

import itertools
from typing import Any

from bntutor.checking.feedback import matching_rule
from bntutor.checking.tolerance import is_close
from bntutor.checking.verdict import ElementDiff, Verdict
from bntutor.content.models import LText, Tolerance
from bntutor.messages import message
from bntutor.notation.tensor import TensorSyntaxError, flatten, parse_tensor, shape_of


def _squeezed(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(n for n in shape if n != 1)


def _same(given: Any, expected: Any, tol: Tolerance) -> bool:
    gs, es = shape_of(given), shape_of(expected)
    if _squeezed(gs) != _squeezed(es):
        return False
    return all(is_close(g, e, tol) for g, e in zip(flatten(given), flatten(expected), strict=True))


def _shape_text(shape: tuple[int, ...]) -> str:
    return "x".join(str(n) for n in shape) if shape else "a single number"


def _indexes(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    return list(itertools.product(*(range(n) for n in shape)))


def check_tensor(
    answer: str,
    expected: Any,
    tolerance: Tolerance,
    feedback: list[tuple[Any, LText]] | None = None,
    lang: str = "en",
) -> Verdict:
    try:
        given = parse_tensor(answer)
    except TensorSyntaxError as exc:
        return Verdict.unreadable_as(answer, "numbers", exc, lang)
    gshape, eshape = shape_of(given), shape_of(expected)
    understood = str(given)
    rule = matching_rule(
        given, feedback or [], lambda v: v, lambda a, b: _same(a, b, tolerance), lang
    )
    if rule is not None:
        return Verdict.wrong(lang, diagnosis=rule, understood=understood)
    if _squeezed(gshape) != _squeezed(eshape):
        return Verdict(
            False,
            message("verdict.wrong_shape", lang),
            diagnosis=_shape_diagnosis(given, expected, tolerance),
            understood=understood,
        )
    diffs = [
        ElementDiff(index, g, e, is_close(g, e, tolerance))
        for index, g, e in zip(_indexes(eshape), flatten(given), flatten(expected), strict=True)
    ]
    wrong = sum(not d.ok for d in diffs)
    if not wrong:
        return Verdict.right(lang, understood=understood, diffs=diffs)
    if len(gshape) == 2 and _same(_transpose(given), expected, tolerance):
        return Verdict.wrong(lang, diagnosis=message("verdict.transposed", lang),
                             understood=understood, diffs=diffs)
    return Verdict(
        False, message("verdict.values_wrong", lang, wrong=wrong, total=len(diffs)),
        understood=understood, diffs=diffs
    )



def _transpose(matrix: Any) -> Any:
    return [list(col) for col in zip(*matrix, strict=True)]


def _shape_diagnosis(given: Any, expected: Any, tol: Tolerance) -> str:
    gshape, eshape = _squeezed(shape_of(given)), _squeezed(shape_of(expected))
    if len(gshape) == 2 and gshape == eshape[::-1]:
        if _same(_transpose(given), expected, tol):
            return message("verdict.transposed", "en")
        return (
            f"Expected {_shape_text(eshape)}, got {_shape_text(gshape)}: rows and columns swapped?"
        )
    if len(gshape) == 1 and len(eshape) == 1:
        return (
            f"Expected {eshape[0]} values (one per feature), got {gshape[0]}: "
            "was the statistic taken over the wrong axis (per sample instead of per feature)?"
        )
    return f"Expected shape {_shape_text(eshape)}, got {_shape_text(gshape)}."
