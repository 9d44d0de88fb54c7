"""Read a number as a learner (or a lesson's author) writes it.

Accepted: ``0.25``, ``.25``, ``-0.5``, ``1e-3``, ``1.5E+2``, ``1/3``, ``-2/3``,
``1.5*10^-3`` (also ``x`` or ``×`` for the product and ``**`` for the power), a
Unicode minus, surrounding spaces, and a trailing unit when the question has one.
Arithmetic is read too (``(4-5.625)/sqrt(3.234375)``, ``45/8``, ``sqrt(2)/2``), by the
same whitelisting parser as formulas, never by ``eval``. ``nan`` and ``inf`` are numbers
only where a question allows them.
A trailing ``%`` divides by 100 (``50%`` is 0.5), except when the question's unit is
``%``: then the sign is just the unit (``50%`` is 50). Thousands separators are
refused (``1,000`` is ambiguous with a decimal comma): the learner is told so.
"""

from __future__ import annotations

import math
import re

MAX_LENGTH = 100

_NUM = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_PLAIN = re.compile(rf"^{_NUM}$")
_FRACTION = re.compile(rf"^({_NUM})\s*/\s*({_NUM})$")
_SCIENTIFIC = re.compile(rf"^({_NUM})\s*(?:\*|x|×|·)\s*10\s*(?:\^|\*\*)\s*\(?([+-]?\d+)\)?$")


class NumberSyntaxError(ValueError):
    """The text is not a number; the message says why, for the learner."""


def parse_number(text: str, unit: str | None = None, nonfinite: bool = False) -> float:
    """The number in ``text``; :class:`NumberSyntaxError` explains what is wrong.
    ``nonfinite``: ``nan``, ``inf`` and ``-inf`` are answers too."""
    s = text.strip().replace("−", "-").replace("\u2009", "").replace("\u00a0", " ")
    if not s:
        raise NumberSyntaxError("the answer is empty")
    if len(s) > MAX_LENGTH:
        raise NumberSyntaxError(f"it is longer than {MAX_LENGTH} characters")
    if unit and s.lower().endswith(unit.lower()) and s.lower() != unit.lower():
        s = s[: -len(unit)].strip()
    scale = 1.0
    if s.endswith("%"):
        s = s[:-1].strip()
        scale = 0.01
    if nonfinite and s.lower().lstrip("+-") in _NONFINITE:
        return float(s.lower().replace("infinity", "inf"))
    value = _read(s) * scale
    if not math.isfinite(value):
        raise NumberSyntaxError("it is not a finite number")
    return value


_NONFINITE = ("nan", "inf", "infinity")


def _read(s: str) -> float:
    if _PLAIN.match(s):
        return float(s)
    match = _FRACTION.match(s)
    if match:
        numerator, denominator = float(match.group(1)), float(match.group(2))
        if denominator == 0:
            raise NumberSyntaxError("it divides by zero")
        return numerator / denominator
    match = _SCIENTIFIC.match(s)
    if match:
        exponent = int(match.group(2))
        if abs(exponent) > 300:
            raise NumberSyntaxError("the power of ten is too large")
        return float(match.group(1)) * 10.0**exponent
    if re.match(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", s):
        raise NumberSyntaxError("write it without thousands separators (1000, not 1,000)")
    if re.match(r"^[+-]?\d+,\d+$", s):
        raise NumberSyntaxError("use a point for decimals (0.5, not 0,5)")
    return _arithmetic(s)


def _arithmetic(s: str) -> float:
    """``(4-5.625)/sqrt(3.234375)``: numbers, + - * / ^, brackets, functions and pi."""
    from bntutor.notation.arithmetic import TooLarge, Undefined, evaluate
    from bntutor.notation.expression import ExpressionSyntaxError, parse_expression

    hint = "write a number such as 0.25, -1.5e-3 or 1/3, or arithmetic such as 7/3"
    try:
        parsed = parse_expression(s)
    except ExpressionSyntaxError:
        raise NumberSyntaxError(hint) from None
    named = sorted(n for p, n in parsed.names.items() if p.startswith("v"))
    if named:
        raise NumberSyntaxError(f"it names {', '.join(named)}: {hint}")
    try:
        value = evaluate(parsed, {})
    except TooLarge:
        raise NumberSyntaxError("it is too large to be an answer here") from None
    except Undefined as exc:
        raise NumberSyntaxError(f"it has no value: {exc}") from None
    if abs(value.imag) > 1e-12 * (1 + abs(value.real)):
        raise NumberSyntaxError("it is not a real number")
    return value.real
