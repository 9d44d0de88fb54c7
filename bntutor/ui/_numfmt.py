"""How numbers look on screen: fixed decimals, trailing zeros dropped, no ``-0``."""

from __future__ import annotations

import math

ELLIPSIS = "…"


def format_number(value: float | int | None, digits: int = 4) -> str:
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
