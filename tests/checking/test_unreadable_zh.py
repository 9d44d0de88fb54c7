"""Why an answer cannot be read, in the learner's language: every reason a parser gives is
a ``why.`` message, so a Chinese verdict holds no English sentence and the English one is
the parser's own text."""

from __future__ import annotations

import ast
import inspect
import itertools
from collections.abc import Callable
from types import ModuleType

import pytest

import bntutor.checking.expression as checking_expression
import bntutor.notation.expression as notation_expression
import bntutor.notation.number as notation_number
import bntutor.notation.tensor as notation_tensor
from bntutor.checking.choice import check_choice
from bntutor.checking.expression import check_expression
from bntutor.checking.numeric import check_numeric
from bntutor.checking.tensor import check_tensor
from bntutor.checking.verdict import Verdict
from bntutor.content.models import Tolerance
from bntutor.messages import catalog_problems, translate
from tests.cli.test_chinese_screens import english_prose

TOL = Tolerance(abs=1e-3, rel=1e-3)
OPTIONS = [{"en": "yes", "zh": "是"}, {"en": "no", "zh": "否"}]

Check = Callable[[str, str], Verdict]
NUMBER: Check = lambda answer, lang: check_numeric(answer, 0.25, TOL, lang=lang)  # noqa: E731
TENSOR: Check = lambda answer, lang: check_tensor(answer, [1.0, 2.0], TOL, lang=lang)  # noqa: E731
FORMULA: Check = lambda answer, lang: check_expression(answer, "x/2", ["x"], lang=lang)  # noqa: E731
CHOICE: Check = lambda answer, lang: check_choice(answer, "a", OPTIONS, lang=lang)  # noqa: E731

#: An answer per reason (the parser's English reason in the verdict's English form).
ANSWERS = [
    (NUMBER, "b", "it names b: write a number such as 0.25"),
    (NUMBER, "1,000", "thousands separators"),
    (NUMBER, "0,5", "use a point for decimals"),
    (NUMBER, "1/0", "it divides by zero"),
    (NUMBER, "1e999", "it is not a finite number"),
    (NUMBER, "2 x 10^400", "the power of ten is too large"),
    (NUMBER, "(", "write a number such as"),
    (NUMBER, "log(0)", "it has no value: "),
    (NUMBER, "1/(1-1)", "it has no value: "),
    (NUMBER, "sqrt(-1)", "it is not a real number"),
    (NUMBER, "exp(1000)", "it is too large to be an answer here"),
    (NUMBER, "9" * 400, "it is longer than"),
    (TENSOR, "[1, 2", "a bracket is not closed"),
    (TENSOR, "[1, 2]]", "after the closing bracket"),
    (TENSOR, "[[1, 2], [3]]", "the rows have different lengths"),
    (TENSOR, "[]", "the answer is empty"),
    (TENSOR, "[[1], []]", "an empty list"),
    (TENSOR, "1, q", "'q' is not a number: it names q"),
    (TENSOR, "[" * 40 + "]" * 40, "levels of brackets"),
    (FORMULA, "x +", "it is not a complete formula"),
    (FORMULA, "x $ 2", "unexpected character '$'"),
    (FORMULA, "x + y", "unknown name 'y'; use x"),
    (FORMULA, "2 3", "two numbers in a row: 2 3"),
    (FORMULA, "sqrt x", "write sqrt(...) with brackets"),
    (FORMULA, "sqrt(x, x)", "sqrt(...) takes one argument"),
    (FORMULA, "max(x)", "max(...) takes two or more arguments"),
    (FORMULA, "x^999", "exponents above"),
    (FORMULA, "x/0", "it divides by zero or is infinite"),
    (CHOICE, "z", "there is no option"),
    (CHOICE, "7", "there is no option"),
]


@pytest.mark.parametrize(("check", "answer", "reason"), ANSWERS)
def test_an_unreadable_answer_is_told_why_in_the_learners_language(
    check: Check, answer: str, reason: str
) -> None:
    en, zh = check(answer, "en"), check(answer, "zh")
    assert not en.readable and not zh.readable
    assert reason in en.message  # the English stays the parser's own words
    assert english_prose(zh.message) is None, zh.message
    assert zh.message.startswith("无法把 "), zh.message


def _reasons(module: ModuleType) -> list[str]:
    """Each ``raise ...SyntaxError(<literal>)`` reason in ``module``: a field that names a
    string the module writes (``hint``, ``want``) as each of them, any other field as 'q'."""
    tree = ast.parse(inspect.getsource(module))
    texts = {target.id: strings for node in ast.walk(tree) if isinstance(node, ast.Assign)
             for target in node.targets if isinstance(target, ast.Name)
             if (strings := [c.value for c in ast.walk(node.value)
                             if isinstance(c, ast.Constant) and isinstance(c.value, str)])}
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
                and isinstance(node.exc.func, ast.Name)
                and node.exc.func.id.endswith("SyntaxError") and node.exc.args):
            arg = node.exc.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                parts = [[part.value] if isinstance(part, ast.Constant)
                         else texts.get(getattr(part.value, "id", ""), ["'q'"])  # type: ignore[attr-defined]
                         for part in arg.values]
                found += ["".join(choice) for choice in itertools.product(*parts)]
    return found


@pytest.mark.parametrize("module", [notation_number, notation_tensor, notation_expression,
                                    checking_expression], ids=lambda m: m.__name__)
def test_every_literal_reason_has_a_chinese_form(module: ModuleType) -> None:
    reasons = _reasons(module)
    assert len(reasons) >= 4
    for reason in reasons:
        zh = translate(reason, "zh")
        assert zh != reason, f"no why. message for {reason!r}"
        assert english_prose(zh) is None, zh


def test_the_catalog_stays_whole() -> None:
    assert catalog_problems() == []
