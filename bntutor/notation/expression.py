"""Read a formula a learner typed into a checked Python ``ast`` (never evaluated).

A tokenizer pre-pass turns ``2 λ w`` into ``2 * v0 * v1``: Greek letters become their
names, ``^`` a power, superscript digits a power, ``sgn`` is ``sign``, and a
multiplication sign is inserted between juxtaposed factors (``2w``, ``2 lambda w``,
``(a)(b)``). A run of known variable names (``lambdaw``) is split into them. Every name
is replaced by a placeholder, the result is parsed with ``ast.parse(mode="eval")``, and
only numbers, the placeholders, ``+ - * / **``, unary minus and whitelisted function
calls are allowed through. Nothing here imports sympy; ``expression.py`` builds from the tree.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

MAX_LENGTH = 500
MAX_DEPTH = 100

#: function name -> number of arguments (None: two or more)
FUNCTIONS: dict[str, int | None] = {
    "sign": 1,
    "abs": 1,
    "sqrt": 1,
    "exp": 1,
    "log": 1,
    "sin": 1,
    "cos": 1,
    "tanh": 1,
    "max": None,
    "min": None,
}
ALIASES = {"sgn": "sign", "ln": "log"}
#: Names that mean the same variable; the CLI writes ``eps``, ``var``, ``mu`` ... while a
#: question may name them in full. A name the question does not use is read as the
#: member of its group the question does use.
SAME_VARIABLE = (
    ("epsilon", "eps"),
    ("mu", "mean"),
    ("sigma", "std"),
    ("lambda", "lam"),
)
#: ``var`` is sigma squared: a question in sigma reads ``var`` as ``(sigma**2)``, and one
#: in ``var`` reads ``sigma`` as ``sqrt(var)``.
_VARIANCE = ("var", "variance")
#: what each allowed binary operator but ``**`` computes, on numbers or sympy expressions
#: alike (each evaluator guards powers its own way)
ARITHMETIC: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
CONSTANTS = ("pi",)
GREEK = {
    "λ": "lambda",
    "σ": "sigma",
    "γ": "gamma",
    "β": "beta",
    "μ": "mu",
    "µ": "mu",
    "ε": "epsilon",
    "ϵ": "epsilon",
    "α": "alpha",
    "η": "eta",
    "θ": "theta",
    "π": "pi",
    "Σ": "Sigma",
    "δ": "delta",
    "ω": "omega",
}
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SYMBOLS = {"−": "-", "–": "-", "×": "*", "·": "*", "⋅": "*", "∗": "*", "÷": "/", "^": "**"}
_TOKEN = re.compile(
    r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)"
    r"|(?P<op>\*\*|[-+*/(),]))"
)

_ALLOWED_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Constant,
    ast.Name,
    ast.Call,
    ast.Load,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.Pow,
    ast.USub,
    ast.UAdd,
)


class ExpressionSyntaxError(ValueError):
    """The text is not a formula this tool reads; the message says why, for the learner."""


@dataclass(frozen=True)
class ParsedExpression:
    """A whitelisted tree; ``names`` maps its placeholders (``v0``, ``f_sign``) to real names."""

    tree: ast.Expression
    names: dict[str, str]


def canonical_name(name: str) -> str:
    """``λ`` -> ``lambda``; other names unchanged."""
    return "".join(GREEK.get(ch, ch) for ch in name.strip())


def parse_expression(text: str, variables: Sequence[str] = ()) -> ParsedExpression:
    """Check ``text`` and return its tree; ``variables`` empty means any name is a variable."""
    if not text.strip():
        raise ExpressionSyntaxError("the answer is empty")
    if len(text) > MAX_LENGTH:
        raise ExpressionSyntaxError(f"it is longer than {MAX_LENGTH} characters")
    allowed = [canonical_name(v) for v in variables]
    tokens = _insert_products(_tokens(text, allowed))
    names: dict[str, str] = {}
    source = " ".join(_placeholder(kind, value, names) for kind, value in tokens)
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise ExpressionSyntaxError(
            "it is not a complete formula (check brackets and operators)"
        ) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionSyntaxError("it is nested too deeply") from None
    _check(tree, names, 0)
    return ParsedExpression(tree, names)


def _tokens(text: str, allowed: list[str]) -> list[tuple[str, str]]:
    text = "".join(GREEK.get(ch, _SYMBOLS.get(ch, ch)) for ch in text)
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].isspace():
            break
        match = _TOKEN.match(text, pos)
        if match is None:
            bad = text[pos:].lstrip()[:1]
            raise ExpressionSyntaxError(f"unexpected character {bad!r}")
        pos = match.end()
        if match.group("num"):
            tokens.append(("num", match.group("num")))
        elif match.group("sup"):  # x⁻¹ is x ** (-1), and a bare ⁻ is -1
            power = match.group("sup").translate(_SUPERSCRIPT)
            negative = [("op", "("), ("op", "-"), ("num", power[1:] or "1"), ("op", ")")]
            tokens += [("op", "**"), *(negative if power.startswith("-") else [("num", power)])]
        elif match.group("op"):
            tokens.append(("op", match.group("op")))
        else:
            tokens += _name_tokens(match.group("name"), allowed)
    return tokens


def _name_tokens(name: str, allowed: list[str]) -> list[tuple[str, str]]:
    name = ALIASES.get(name, name)
    if name in FUNCTIONS:
        return [("func", name)]
    if name in allowed or (not allowed and name not in CONSTANTS):
        return [("var", name)]
    alias = _alias_tokens(name, allowed)
    if alias is not None:
        return alias
    if name in CONSTANTS:
        return [("const", name)]
    split = _split(name, allowed)
    if split is None:
        for func in (*FUNCTIONS, *ALIASES):  # "lambdasign" -> lambda sign
            head = name[: -len(func)] if name.endswith(func) else ""
            split = _split(head, allowed) if head else None
            if split is not None:
                return [("var", part) for part in split] + [("func", ALIASES.get(func, func))]
        raise ExpressionSyntaxError(f"unknown name {name!r}; use {', '.join(allowed)}")
    return [("var", part) for part in split]


def _alias_tokens(name: str, allowed: list[str]) -> list[tuple[str, str]] | None:
    """``name`` read as the variable of ``allowed`` it stands for (see SAME_VARIABLE)."""
    for group in SAME_VARIABLE:
        if name in group:
            used = [other for other in group if other in allowed]
            if used:
                return [("var", used[0])]
    sigma = "sigma" if "sigma" in allowed else None
    variance = next((v for v in _VARIANCE if v in allowed), None)
    if name in _VARIANCE and sigma is not None:
        return [("op", "("), ("var", sigma), ("op", "**"), ("num", "2"), ("op", ")")]
    if name in ("sigma", "std") and variance is not None:
        return [("func", "sqrt"), ("op", "("), ("var", variance), ("op", ")")]
    return None


def _split(name: str, allowed: list[str]) -> list[str] | None:
    """``lambdaw`` -> ``['lambda', 'w']`` when the split into known names is unique."""
    splits: list[list[list[str]]] = [[] for _ in range(len(name) + 1)]
    splits[0] = [[]]
    for end in range(1, len(name) + 1):
        for var in allowed:
            start = end - len(var)
            if start >= 0 and name[start:end] == var:
                splits[end] += [s + [var] for s in splits[start]][:2]
        splits[end] = splits[end][:2]
    return splits[-1][0] if len(splits[-1]) == 1 else None


def _insert_products(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for kind, value in tokens:
        if out:
            prev_kind, prev_value = out[-1]
            ends_factor = prev_kind in ("num", "var", "const") or prev_value == ")"
            starts_factor = kind in ("num", "var", "const", "func") or value == "("
            if prev_kind == "num" and kind == "num":
                raise ExpressionSyntaxError(f"two numbers in a row: {prev_value} {value}")
            if prev_kind == "func" and value != "(":
                raise ExpressionSyntaxError(f"write {prev_value}(...) with brackets")
            if ends_factor and starts_factor:
                out.append(("op", "*"))
        out.append((kind, value))
    if out and out[-1][0] == "func":
        raise ExpressionSyntaxError(f"write {out[-1][1]}(...) with brackets")
    return out


def _placeholder(kind: str, value: str, names: dict[str, str]) -> str:
    if kind == "var":
        for key, name in names.items():
            if name == value and key.startswith("v"):
                return key
        key = f"v{sum(k.startswith('v') for k in names)}"
    elif kind == "func":
        key = f"f_{value}"
    elif kind == "const":
        key = f"c_{value}"
    else:
        return value
    names[key] = value
    return key


def _check(node: ast.AST, names: dict[str, str], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ExpressionSyntaxError("it is nested too deeply")
    if not isinstance(node, _ALLOWED_NODES):
        raise ExpressionSyntaxError("only numbers, names, + - * / ^ and functions are allowed")
    if isinstance(node, ast.Constant) and (
        isinstance(node.value, bool) or not isinstance(node.value, int | float)
    ):
        raise ExpressionSyntaxError("only numbers are allowed as constants")
    if isinstance(node, ast.Name) and (node.id not in names or node.id.startswith("f_")):
        raise ExpressionSyntaxError(
            f"{names.get(node.id, node.id)} is a function: write it with brackets"
        )
    if isinstance(node, ast.Call):
        if (
            not isinstance(node.func, ast.Name)
            or not node.func.id.startswith("f_")
            or node.keywords
        ):
            raise ExpressionSyntaxError(
                "only the functions " + ", ".join(FUNCTIONS) + " can be called"
            )
        arity = FUNCTIONS[names[node.func.id]]
        given = len(node.args)
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise ExpressionSyntaxError("only numbers, names, + - * / ^ and functions are allowed")
        if (arity is not None and given != arity) or (arity is None and given < 2):
            want = "one argument" if arity == 1 else "two or more arguments"
            raise ExpressionSyntaxError(f"{names[node.func.id]}(...) takes {want}")
        for arg in node.args:
            _check(arg, names, depth + 1)
        return
    for child in ast.iter_child_nodes(node):
        _check(child, names, depth + 1)
