"""Compare numbers with a question's tolerance, and write one back as a learner would.
Reading what the learner typed is :mod:`bntutor.notation.number`.
"""

from __future__ import annotations

import math

from bntutor.content.models import Tolerance


def tolerance_of(expected: float, tol: Tolerance) -> float:
    """The largest accepted ``|x - expected|``."""
    return max(tol.abs, tol.rel * abs(expected))


def is_close(x: float, expected: float, tol: Tolerance) -> bool:
    if not math.isfinite(expected) or not math.isfinite(x):
        return x == expected or (math.isnan(x) and math.isnan(expected))
    return abs(x - expected) <= tolerance_of(expected, tol)


def show(x: float) -> str:
    """A number as the learner would write it, with enough digits to round-trip sensibly."""
    if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.10g}"
