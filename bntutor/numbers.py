"""How numbers are written for the learner, in one place: tables, checking messages and
revealed answers all agree (``0.3047`` everywhere, never ``0.3046875`` in one line and
``0.3047`` in the next). Pure text; no rendering library."""

from __future__ import annotations

import math
from typing import Any

ELLIPSIS = "…"
DIGITS = 4  # decimals shown by default
SIGNIFICANT = 4  # an answer keeps at least this many significant digits
MAX_DECIMALS = 10


def format_number(value: float | int | None, digits: int = DIGITS) -> str:
    """``2.5`` -> ``"2.5"``, ``1/3`` -> ``"0.3333"``, ``1e-7`` -> ``"1e-07"``, ``None`` -> ``"…"``.

    ``digits`` is the number of decimals kept; numbers too large or too small to read that
    way switch to scientific notation with ``digits`` significant decimals.
    """
    if value is None:
        return ELLIPSIS
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    magnitude = abs(value)
    if magnitude != 0.0 and (magnitude >= 1e9 or magnitude < 0.5 * 10.0 ** (-digits)):
        return f"{value:.{digits}g}"
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


def format_answer_number(value: float | int) -> str:
    """An expected number as a learner reads it: :data:`DIGITS` decimals, but at least
    :data:`SIGNIFICANT` significant digits for small numbers (``0.0001235``, not ``0.0001``)."""
    if isinstance(value, int):  # bool too
        return str(value)
    digits = DIGITS
    if math.isfinite(value) and 0.0 < abs(value) < 1.0:
        leading = -math.floor(math.log10(abs(value)))  # 0.03 -> 2: zeros up to the first digit
        if leading + SIGNIFICANT - 1 > MAX_DECIMALS:  # 8.881784197e-16: float noise, in full
            return f"{value:.{SIGNIFICANT}g}"
        digits = max(DIGITS, leading + SIGNIFICANT - 1)
    return format_number(float(value), digits)


def format_change(before: float, after: float, digits: int = DIGITS) -> str:
    """``before → after``, each as :func:`format_number` writes it: ``1 → 0.25``, and
    ``1 → 1`` when nothing changed (not ``1.000000 → 1.000000``)."""
    return f"{format_number(before, digits)} → {format_number(after, digits)}"


def format_value(value: Any) -> str:
    """An expected value as one line: ``0.3047``, ``[1, 0.5]``, or the text itself.

    A boolean is written ``yes``/``no`` in English only, which is safe because no learner
    sees one: ``validate`` rejects a boolean answer of every question kind, and no live
    computation or question template yields one. Route it through the message catalog
    before letting a boolean answer through."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return format_answer_number(value)
    if isinstance(value, list):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    return str(value)
