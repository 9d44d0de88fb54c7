"""Evaluate a checked formula tree at a point, in plain complex floats.

Used to compare formulas numerically: fast and bounded (a value beyond ``LIMIT`` is
"undefined here" rather than an ever-growing exact number), unlike sympy's ``evalf``.
"""

from __future__ import annotations

import ast
import cmath
import math
from collections.abc import Callable, Mapping

from bntutor.notation.expression import ARITHMETIC, ParsedExpression

LIMIT = 1e150


class Undefined(ArithmeticError):
    """The formula has no finite value at this point (division by zero, log 0, overflow)."""


class TooLarge(Undefined):
    """A value on the way is beyond :data:`LIMIT` (or overflows a float)."""


def _sign(z: complex) -> complex:
    if z == 0:
        return 0j
    if z.imag == 0:
        return complex(math.copysign(1.0, z.real))
    return z / abs(z)


def _real(z: complex) -> float:
    if abs(z.imag) > 1e-12 * (1 + abs(z.real)):
        raise Undefined("max and min need real arguments")
    return z.real


_FUNCTIONS: dict[str, Callable[..., complex]] = {
    "sign": _sign,
    "abs": lambda z: complex(abs(z)),
    "sqrt": cmath.sqrt,
    "exp": cmath.exp,
    "log": cmath.log,
    "sin": cmath.sin,
    "cos": cmath.cos,
    "tanh": cmath.tanh,
    "max": lambda *args: complex(max(_real(a) for a in args)),
    "min": lambda *args: complex(min(_real(a) for a in args)),
}


def evaluate(parsed: ParsedExpression, point: Mapping[str, float]) -> complex:
    """The value of ``parsed`` with each variable name set as in ``point``; Undefined if none."""
    return evaluate_node(parsed.tree.body, parsed.names, point)


def evaluate_node(node: ast.AST, names: dict[str, str], point: Mapping[str, float]) -> complex:
    """The value of one subtree of a parsed formula (see :func:`evaluate`)."""
    try:
        return _eval(node, names, point)
    except OverflowError as exc:
        raise TooLarge(str(exc)) from None
    except (ZeroDivisionError, ValueError, KeyError) as exc:
        raise Undefined(str(exc)) from None


def _eval(node: ast.AST, names: dict[str, str], point: Mapping[str, float]) -> complex:
    value = _eval_node(node, names, point)
    if cmath.isnan(value):
        raise Undefined("not a number")
    if not cmath.isfinite(value) or abs(value) > LIMIT:
        raise TooLarge("too large")
    return value


def _eval_node(node: ast.AST, names: dict[str, str], point: Mapping[str, float]) -> complex:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return complex(node.value)
    if isinstance(node, ast.Name):
        return complex(math.pi) if node.id.startswith("c_") else complex(point[names[node.id]])
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, names, point)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, names, point), _eval(node.right, names, point)
        return ARITHMETIC.get(type(node.op), _power)(left, right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_eval(a, names, point) for a in node.args]
        return _FUNCTIONS[names[node.func.id]](*args)
    raise Undefined("not a formula node")


def _power(base: complex, exponent: complex) -> complex:
    if exponent.imag == 0 and exponent.real == int(exponent.real) and base.imag == 0:
        if base.real == 0 and exponent.real < 0:
            raise Undefined("division by zero")
        return complex(base.real ** int(exponent.real))  # exact sign for negative bases
    if base == 0:
        if exponent.real > 0:
            return 0j
        raise Undefined("zero to a non-positive power")
    return base**exponent
