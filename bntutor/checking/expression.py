"""Formula answers, compared symbolically (sympy) with a numeric fallback.

The learner's text goes through :mod:`bntutor.notation.expression` (a whitelist over
Python's ``ast``); the sympy expression is built node by node from that tree, so no
string is ever handed to ``eval``, ``exec`` or ``sympify``.

The work per answer is bounded, so every answer gets a verdict within
:data:`TIME_LIMIT` seconds: a part without variables whose value is beyond
``notation.arithmetic.LIMIT`` (``exp(exp(30))``) is refused before sympy sees it (sympy would
chase its digits with mpmath for ever), ``simplify`` only runs on small differences and
gives up after :data:`SIMPLIFY_LIMIT` (the sample points then decide), and the whole
check runs under :func:`~bntutor.checking._time_limit.time_limit`. What does not fit is
"too complex to check", an answer the learner is asked to write again.
"""

from __future__ import annotations

import ast
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bntutor.checking._time_limit import TooComplex, time_limit
from bntutor.checking.feedback import matching_rule
from bntutor.checking.verdict import Verdict
from bntutor.content.models import LText
from bntutor.messages import message
from bntutor.notation.arithmetic import LIMIT, TooLarge, Undefined, evaluate, evaluate_node
from bntutor.notation.expression import (
    ARITHMETIC,
    ExpressionSyntaxError,
    ParsedExpression,
    parse_expression,
)

MAX_EXPONENT = 100
_SAMPLES = 12
_SIMPLIFY_MAX_OPS = 40
_SIMPLIFY_MAX_DEPTH = 8
_SIMPLIFY_MAX_POWER = 8
TIME_LIMIT = 1.5  # seconds for one whole check (the budget is 2 s from Enter to verdict)
SIMPLIFY_LIMIT = 0.3  # seconds for one symbolic simplification ...
SIMPLIFY_BUDGET = 0.6  # ... and for all of those of one check (answer and feedback rules)
_BEYOND = f"1e{round(math.log10(LIMIT))}"


class _TooLarge(TooComplex):
    """A part without variables is beyond what floats hold (refused before sympy)."""


@dataclass(frozen=True)
class Formula:
    """A checked formula: its tree (for numbers) and its sympy expression (for algebra)."""

    parsed: ParsedExpression
    expr: Any

    def __str__(self) -> str:
        return str(self.expr)


def read_formula(text: str, variables: Sequence[str] = ()) -> Formula:
    """The formula in ``text``; ExpressionSyntaxError says why it cannot be read."""
    import sympy

    parsed = parse_expression(text, variables)
    _check_sizes(parsed.tree.body, parsed.names)
    expr = _build(parsed.tree.body, parsed.names)
    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise ExpressionSyntaxError("it divides by zero or is infinite")
    return Formula(parsed, expr)


def _check_sizes(node: ast.AST, names: dict[str, str]) -> None:
    """TooComplex when a part without variables is beyond what floats can hold.

    Each largest such part is evaluated once in floats (cheap, bounded), before sympy
    builds it: sympy keeps ``exp(exp(30))`` exact and later asks mpmath for its digits.
    """
    if not any(isinstance(n, ast.Name) and n.id.startswith("v") for n in ast.walk(node)):
        try:
            evaluate_node(node, names, {})
        except TooLarge:
            raise _TooLarge("a number in it is too large") from None
        except Undefined:
            pass  # 1/0, log(0): sympy says what is wrong
        return
    for child in ast.iter_child_nodes(node):
        _check_sizes(child, names)


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
        return ARITHMETIC.get(type(node.op), _power)(left, right)
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


def _points(names: list[str], seed: int) -> list[dict[str, float]]:
    """Sample points, both signs, mostly small values and a few large ones."""
    rng = random.Random(seed)
    points = []
    for i in range(_SAMPLES):
        scale = 3.0 if i < _SAMPLES - 4 else 40.0
        points.append({n: rng.uniform(0.1, scale) * rng.choice((-1.0, 1.0)) for n in names})
    return points


def _pairs(a: Formula, b: Formula, seed: int = 0) -> list[tuple[complex, complex]]:
    """(a, b) values at the sample points where both are defined."""
    names = sorted({*a.parsed.names.values(), *b.parsed.names.values()})
    pairs = []
    for point in _points(names, seed):
        try:
            pairs.append((evaluate(a.parsed, point), evaluate(b.parsed, point)))
        except Undefined:
            continue
    return pairs


def _close(x: complex, y: complex) -> bool:
    return abs(x - y) <= 1e-8 * (1.0 + max(abs(x), abs(y)))


class _Budget:
    """Seconds of ``simplify`` left to one check; none left means the samples decide."""

    def __init__(self, seconds: float) -> None:
        self.left = seconds

    def simplifies_to_zero(self, expr: Any) -> bool:
        if self.left <= 0.01:
            return False
        started = time.process_time()
        try:
            return _simplifies_to_zero(expr, min(self.left, SIMPLIFY_LIMIT))
        finally:
            self.left -= time.process_time() - started


def equivalent(a: Formula, b: Formula, budget: _Budget | None = None) -> bool:
    """True when ``a`` and ``b`` are the same function of their variables.

    sympy first (its automatic simplification, then ``simplify`` on small differences,
    within ``budget``), then agreement at sample points, evaluated in floats so nothing
    can blow up.
    """
    difference = a.expr - b.expr
    if difference == 0:
        return True
    budget = budget or _Budget(SIMPLIFY_LIMIT)
    if _small(difference) and budget.simplifies_to_zero(difference):
        return True
    pairs = _pairs(a, b)
    return len(pairs) >= 4 and all(_close(x, y) for x, y in pairs)


def _simplifies_to_zero(expr: Any, seconds: float) -> bool:
    import sympy

    try:
        with time_limit(seconds):
            return bool(sympy.simplify(expr) == 0)
    except (OverflowError, ValueError, RecursionError, TooComplex):  # evalf or time gave up
        return False  # the sample points decide


def _small(expr: Any) -> bool:
    """Small enough for ``simplify`` to finish at once (big powers make it expand for ages)."""
    import sympy

    if sympy.count_ops(expr) > _SIMPLIFY_MAX_OPS or _depth(expr) > _SIMPLIFY_MAX_DEPTH:
        return False
    powers = expr.atoms(sympy.Pow)
    return all(not p.exp.is_Number or abs(p.exp) <= _SIMPLIFY_MAX_POWER for p in powers)


def _depth(expr: Any) -> int:
    return 1 + max((_depth(arg) for arg in expr.args), default=0)


def diagnose(given: Formula, expected: Formula) -> str | None:
    """A constant factor or a constant offset away from the expected formula."""
    pairs = _pairs(given, expected, seed=1)
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
    """The verdict on ``answer``, within :data:`TIME_LIMIT` seconds whatever it holds."""
    _import_sympy()

    try:
        with time_limit(TIME_LIMIT):
            return _check(answer, expected, variables, feedback, lang)
    except _TooLarge:
        return Verdict.unreadable(message("check.too_large", lang, limit=_BEYOND))
    except (TooComplex, RecursionError, MemoryError):
        return Verdict.unreadable(message("check.too_complex", lang))


def _import_sympy() -> None:
    """Import sympy, and what ``simplify`` imports on its first call, before the clock
    starts: importing is not checking, and an import cut short by the limit is undone."""
    import sympy  # noqa: F401
    import sympy.physics.units  # noqa: F401 - simplify looks for physical quantities


def _check(
    answer: str,
    expected: Any,
    variables: Sequence[str],
    feedback: list[tuple[Any, LText]] | None,
    lang: str,
) -> Verdict:
    wanted = read_formula(str(expected), variables)
    names = wanted.parsed.names
    allowed = list(variables) or sorted(n for key, n in names.items() if key.startswith("v"))
    try:
        given = read_formula(answer, allowed)
    except ExpressionSyntaxError as exc:
        return Verdict.unreadable_as(answer, "a formula", exc, lang)
    except (OverflowError, ValueError, TypeError):  # sympy refused a value the parser let by
        return Verdict.unreadable(message("check.too_complex", lang))
    understood = str(given)
    budget = _Budget(SIMPLIFY_BUDGET)

    def same(a: Formula, b: Formula) -> bool:
        return equivalent(a, b, budget)

    rule = matching_rule(given, feedback or [], lambda v: read_formula(str(v), allowed), same, lang)
    if rule is not None:
        return Verdict.wrong(lang, diagnosis=rule, understood=understood)
    if same(given, wanted):
        return Verdict.right(lang, understood=understood)
    return Verdict.wrong(lang, diagnosis=diagnose(given, wanted), understood=understood)
