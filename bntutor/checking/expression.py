"""Formula answers, compared symbolically (sympy) with a numeric fallback.

The learner's text goes through :mod:`bntutor.checking._expr_syntax` (a whitelist over
Python's ``ast``); the sympy expression is built node by node from that tree, so no
string is ever handed to ``eval``, ``exec`` or ``sympify``.
"""

from __future__ import annotations

import ast
import random
from collections.abc import Sequence
from typing import Any

from bntutor.checking._expr_syntax import ExpressionSyntaxError, parse_expression
from bntutor.checking.feedback import matching_rule
from bntutor.checking.verdict import Verdict
from bntutor.content.models import LText

MAX_EXPONENT = 100
_SAMPLES = 12
_SIMPLIFY_MAX_OPS = 60


def to_sympy(text: str, variables: Sequence[str] = ()) -> Any:
    """The sympy expression of ``text``; ExpressionSyntaxError if unreadable."""
    import sympy

    parsed = parse_expression(text, variables)
    expr = _build(parsed.tree.body, parsed.names)
    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise ExpressionSyntaxError("it divides by zero or is infinite")
    return expr


def _build(node: ast.AST, names: dict[str, str]) -> Any:
    import sympy

    if isinstance(node, ast.Constant):
        return (
            sympy.Integer(node.value)
            if isinstance(node.value, int)
            else sympy.Rational(repr(node.value))
        )
    if isinstance(node, ast.Name):
        name = names[node.id]
        return sympy.pi if node.id.startswith("c_") else sympy.Symbol(name, real=True)
    if isinstance(node, ast.UnaryOp):
        operand = _build(node.operand, names)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left, right = _build(node.left, names), _build(node.right, names)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Div):
            return left / right
        return _power(left, right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_build(a, names) for a in node.args]
        return _FUNCTIONS()[names[node.func.id]](*args)
    raise ExpressionSyntaxError("only numbers, names, + - * / ^ and functions are allowed")


def _power(base: Any, exponent: Any) -> Any:
    if exponent.is_Number and abs(exponent) > MAX_EXPONENT:
        raise ExpressionSyntaxError(f"exponents above {MAX_EXPONENT} are not supported")
    if base.is_Number and exponent.is_Number and abs(base) > 10**MAX_EXPONENT and abs(exponent) > 1:
        raise ExpressionSyntaxError("the number is too large")
    return base**exponent


def _FUNCTIONS() -> dict[str, Any]:  # noqa: N802 - a table, built when sympy is loaded
    import sympy

    return {
        "sign": sympy.sign,
        "abs": sympy.Abs,
        "sqrt": sympy.sqrt,
        "exp": sympy.exp,
        "log": sympy.log,
        "sin": sympy.sin,
        "cos": sympy.cos,
        "tanh": sympy.tanh,
        "max": sympy.Max,
        "min": sympy.Min,
    }


def _points(symbols: list[Any], seed: int) -> list[dict[Any, float]]:
    rng = random.Random(seed)
    points = []
    for i in range(_SAMPLES):
        scale = 3.0 if i < _SAMPLES - 4 else 40.0
        point = {}
        for sym in symbols:
            value = rng.uniform(0.1, scale) * rng.choice((-1.0, 1.0))
            point[sym] = value
        points.append(point)
    return points


def _value(expr: Any, point: dict[Any, float]) -> complex | None:
    try:
        result = complex(expr.evalf(subs=point))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError):
        return None
    if result != result or abs(result) == float("inf"):
        return None
    return result


def _ratios(a: Any, b: Any, seed: int = 0) -> list[tuple[complex, complex]]:
    """(a, b) values at the sample points where both are defined."""
    symbols = sorted(a.free_symbols | b.free_symbols, key=str)
    pairs = []
    for point in _points(symbols, seed):
        va, vb = _value(a, point), _value(b, point)
        if va is not None and vb is not None:
            pairs.append((va, vb))
    return pairs


def _close(x: complex, y: complex) -> bool:
    return abs(x - y) <= 1e-8 * (1.0 + max(abs(x), abs(y)))


def equivalent(a: Any, b: Any) -> bool:
    """True when ``a`` and ``b`` are the same function of their variables."""
    import sympy

    difference = a - b
    if difference == 0:
        return True
    if not difference.free_symbols:
        value = _value(difference, {})
        return value is not None and _close(value, 0)
    if sympy.count_ops(difference) <= _SIMPLIFY_MAX_OPS and sympy.simplify(difference) == 0:
        return True
    pairs = _ratios(a, b)
    return len(pairs) >= 4 and all(_close(x, y) for x, y in pairs)


def diagnose(given: Any, expected: Any) -> str | None:
    """A constant factor or a constant offset away from the expected formula."""
    pairs = _ratios(given, expected, seed=1)
    if len(pairs) < 4:
        return None
    ratios = [x / y for x, y in pairs if abs(y) > 1e-12]
    if (
        len(ratios) >= 4
        and all(_close(r, ratios[0]) for r in ratios)
        and abs(ratios[0].imag) < 1e-9
    ):
        factor = ratios[0].real
        if _close(factor, -1):
            return "The sign is flipped."
        return f"Off by a constant factor: that is {factor:.4g} times the answer."
    offsets = [x - y for x, y in pairs]
    if all(_close(o, offsets[0]) for o in offsets) and abs(offsets[0].imag) < 1e-9:
        return f"Off by a constant: that is the answer {offsets[0].real:+.4g}."
    return None


def check_expression(
    answer: str,
    expected: Any,
    variables: Sequence[str] = (),
    feedback: list[tuple[Any, LText]] | None = None,
    lang: str = "en",
) -> Verdict:
    wanted = to_sympy(str(expected), variables)
    allowed = list(variables) or sorted({str(s) for s in wanted.free_symbols})
    try:
        given = to_sympy(answer, allowed)
    except ExpressionSyntaxError as exc:
        return Verdict.unreadable(f"could not read {answer.strip()[:40]!r} as a formula: {exc}")
    except (RecursionError, MemoryError, OverflowError, ValueError, TypeError) as exc:
        return Verdict.unreadable(f"could not read the formula: {type(exc).__name__}")
    understood = str(given)
    rule = matching_rule(
        given, feedback or [], lambda v: to_sympy(str(v), allowed), equivalent, lang
    )
    if rule is not None:
        return Verdict(False, "Not correct.", diagnosis=rule, understood=understood)
    if equivalent(given, wanted):
        return Verdict(True, "Correct.", understood=understood)
    return Verdict(False, "Not correct.", diagnosis=diagnose(given, wanted), understood=understood)
