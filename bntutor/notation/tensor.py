"""Read a small tensor a learner typed: ``[1, 2; 3, 4]``, ``1,2;3,4``, ``[[1,2],[3,4]]``,
``1 2 3`` or rows on separate lines. Numbers are read like numeric answers (``1/3``, ``1e-3``).
"""

from __future__ import annotations

import re
from typing import Any

from bntutor.notation.number import NumberSyntaxError, parse_number

MAX_LENGTH = 2000
MAX_DEPTH = 6

Nested = float | list["Nested"]


class TensorSyntaxError(ValueError):
    """The text is not a rectangular array of numbers; the message says why."""


def parse_tensor(text: str) -> Nested:
    """Nested lists of floats (a bare number stays a float)."""
    s = text.strip()
    if not s:
        raise TensorSyntaxError("the answer is empty")
    if len(s) > MAX_LENGTH:
        raise TensorSyntaxError(f"it is longer than {MAX_LENGTH} characters")
    inner = s[1:-1] if s.startswith("[") and s.endswith("]") else s
    value: Nested = _nested(s) if "[" in inner or "]" in inner else _rows(inner)
    try:
        shape_of(value)
    except ValueError as exc:
        raise TensorSyntaxError(str(exc)) from None
    return value


def _number(token: str) -> float:
    try:
        return parse_number(token)
    except NumberSyntaxError as exc:
        raise TensorSyntaxError(f"{token[:20]!r} is not a number: {exc}") from None


def _rows(text: str) -> Nested:
    rows = [r for r in re.split(r"[;\n]", text) if r.strip()]
    if not rows:
        raise TensorSyntaxError("the answer is empty")
    parsed: list[Nested] = [[_number(t) for t in re.split(r"[,\s]+", row.strip()) if t]
                            for row in rows]
    return parsed[0] if len(parsed) == 1 else parsed


_TOKEN = re.compile(r"\s*(\[|\]|[,;]|[^\[\],;\s]+)")


def _nested(text: str) -> Nested:
    tokens = [m.group(1) for m in _TOKEN.finditer(text)]
    value, end = _parse_item(tokens, 0, 0)
    if end != len(tokens):
        raise TensorSyntaxError(f"unexpected {tokens[end]!r} after the closing bracket")
    return value


def _parse_item(tokens: list[str], pos: int, depth: int) -> tuple[Nested, int]:
    if pos >= len(tokens):
        raise TensorSyntaxError("a bracket is not closed")
    token = tokens[pos]
    if token != "[":
        if token in ("]", ",", ";"):
            raise TensorSyntaxError(f"unexpected {token!r}")
        return _number(token), pos + 1
    if depth >= MAX_DEPTH:
        raise TensorSyntaxError(f"more than {MAX_DEPTH} levels of brackets")
    items: list[Nested] = []
    pos += 1
    while True:
        if pos >= len(tokens):
            raise TensorSyntaxError("a bracket is not closed")
        if tokens[pos] == "]":
            return items, pos + 1
        if tokens[pos] in (",", ";"):
            pos += 1
            continue
        item, pos = _parse_item(tokens, pos, depth + 1)
        items.append(item)


def shape_of(value: Any) -> tuple[int, ...]:
    """The shape of a number or rectangular nested list; ValueError if ragged or not numbers."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        return ()
    if not isinstance(value, list):
        raise ValueError(f"{value!r} is not a number")
    if not value:
        raise ValueError("an empty list")
    shapes = {shape_of(v) for v in value}
    if len(shapes) != 1:
        raise ValueError("the rows have different lengths")
    return (len(value), *shapes.pop())


def flatten(value: Any) -> list[float]:
    if isinstance(value, list):
        return [x for v in value for x in flatten(v)]
    return [float(value)]
