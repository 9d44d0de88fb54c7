"""Formula answers: a whitelist parser, Greek letters, implicit products, equivalence."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bntutor.checking._expr_syntax import ExpressionSyntaxError, parse_expression
from bntutor.checking.expression import check_expression, equivalent, read_formula, to_sympy
from bntutor.checking.verdict import Verdict

from .anything import answerish, any_text, quick

VARS = ["lambda", "w"]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("sign(w)*λ", "lambda*sign(w)"),
        ("λ sgn(w)", "lambda*sign(w)"),
        ("lambdasign(w)", "lambda*sign(w)"),
        ("lambda*w/abs(w)", "lambda*sign(w)"),  # equal wherever both are defined
        ("2 λ w", "2*lambda*w"),
        ("2λw", "2*lambda*w"),
        ("2*lambda*w", "2 λ w"),
        ("λ·w·2", "2*lambda*w"),
        ("w(2λ)", "2*lambda*w"),
        ("(lambda)(w)(2)", "2*lambda*w"),
        ("lambdaw + lambdaw", "2*lambda*w"),
        ("λ w²", "lambda*w^2"),
        ("lambda*w**2/w", "lambda*w"),
        ("sqrt(w^2)", "abs(w)"),
        ("exp(log(lambda^2))", "lambda^2"),
        ("max(w, -w)", "abs(w)"),
        ("0.5*lambda", "lambda/2"),
        ("1e-3 w", "w/1000"),
        ("−λ", "-lambda"),
    ],
)
def test_equivalent_answers_are_accepted(answer: str, expected: str) -> None:
    verdict = check_expression(answer, expected, VARS)
    assert verdict.correct, verdict


@pytest.mark.parametrize(
    ("answer", "expected", "diagnosis"),
    [
        ("lambda*w", "2*lambda*w", "constant factor: that is 0.5 times"),
        ("2*lambda*w", "lambda*w", "constant factor: that is 2 times"),
        ("-lambda*sign(w)", "lambda*sign(w)", "sign is flipped"),
        ("lambda*w + 1", "lambda*w", "Off by a constant: that is the answer +1"),
        ("lambda*w^2", "2*lambda*w", None),
        ("lambda*abs(w)", "lambda*sign(w)", None),
    ],
)
def test_different_answers_are_rejected(answer: str, expected: str, diagnosis: str | None) -> None:
    verdict = check_expression(answer, expected, VARS)
    assert verdict.readable and not verdict.correct
    if diagnosis is None:
        assert verdict.diagnosis is None
    else:
        assert verdict.diagnosis is not None and diagnosis in verdict.diagnosis


@pytest.mark.parametrize(
    "attack",
    [
        "__import__('os').system('x')",
        "().__class__.__bases__[0].__subclasses__()",
        "lambda: 0",
        "w.real",
        "w[0]",
        "open('/etc/passwd')",
        "exec('1')",
        "eval('1')",
        "sign(w, key=1)",
        "[w for w in w]",
        "w if w else w",
        "w == w",
        "'w'",
        "sign",
        "f_sign(w)",
        "v0",
        "*w",
        "w; w",
        "w\x00w",
        "2**10**10",
        "9**9**9**9",
        "(" * 300 + "w" + ")" * 300,
        "w" + "+w" * 300,
    ],
)
def test_injection_and_abuse_are_unreadable(attack: str) -> None:
    verdict = check_expression(attack, "lambda*w", VARS)
    assert not verdict.readable and verdict.message.startswith("could not read")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("x", "unknown name 'x'; use lambda, w"),
        ("2 3", "two numbers in a row"),
        ("sign w", "sign(...) with brackets"),
        ("max(w)", "two or more arguments"),
        ("sqrt(w, w)", "one argument"),
        ("1/0", "divides by zero"),
        ("w +", "not a complete formula"),
        ("", "empty"),
        ("w" * 501, "longer than 500"),
        ("w $ 2", "unexpected character '$'"),
    ],
)
def test_unreadable_formulas_say_why(text: str, why: str) -> None:
    with pytest.raises(ExpressionSyntaxError, match=re.escape(why)):
        to_sympy(text, VARS)


def test_the_parsed_tree_holds_only_placeholders() -> None:
    parsed = parse_expression("2 λ sgn(w)", VARS)
    assert set(parsed.names.values()) == {"lambda", "w", "sign"}
    assert all(key in ("v0", "v1", "f_sign") for key in parsed.names)


def test_without_declared_variables_the_expected_answers_names_are_allowed() -> None:
    assert check_expression("2 gamma x", "2*x*gamma", []).correct
    assert not check_expression("2 beta x", "2*x*gamma", []).readable


def test_a_feedback_rule_matches_symbolically() -> None:
    rules = [("lambda*w", "forgot the 2 from the square")]
    verdict = check_expression("w λ", "2*lambda*w", VARS, rules)
    assert (verdict.correct, verdict.diagnosis) == (False, "forgot the 2 from the square")


def test_equivalence_uses_numbers_when_simplify_gives_up() -> None:
    w = read_formula("w", VARS)
    assert equivalent(read_formula("sign(w)*w", VARS), read_formula("abs(w)", VARS))
    assert not equivalent(read_formula("max(w, 3)", VARS), read_formula("3", VARS))
    assert equivalent(w, w)


@quick
@given(any_text)
def test_any_text_gives_a_verdict(text: str) -> None:
    assert isinstance(check_expression(text, "2*lambda*w", VARS, [("lambda*w", "m")]), Verdict)


@quick
@given(answerish)
def test_answer_like_text_gives_a_verdict(text: str) -> None:
    assert isinstance(check_expression(text, "lambda*sign(w)", VARS), Verdict)


@quick
@given(
    st.lists(
        st.sampled_from(
            ["w", "λ", "2", "+", "-", "*", "/", "^", "(", ")", "sgn(", "abs(", " ", "0.5", "sqrt("]
        ),
        max_size=25,
    )
)
def test_formula_like_token_soup_gives_a_verdict(tokens: list[str]) -> None:
    assert isinstance(check_expression("".join(tokens), "lambda*sign(w)", VARS), Verdict)


@pytest.mark.parametrize(
    "text",
    [
        "exp(" * 30 + "w" + ")" * 30,
        "exp(" * 99 + "w" + ")" * 99,
        "(w+1)^100*(w-1)^100",
        "((((w+1)^9)^9)^9)",
        "99999999999999999999^99",
        "sin(w)^2+cos(w)^2",
        "max(" + ",".join(["w"] * 100) + ")",
        "sqrt(" * 80 + "w" + ")" * 80,
        "(" + "+".join(f"w^{i}" for i in range(40)) + ")^9",
    ],
)
def test_pathological_formulas_are_answered_promptly(text: str) -> None:
    """Nothing here may expand symbolically for ages (sympy's evalf/simplify used to)."""
    assert isinstance(check_expression(text, "2*lambda*w", VARS), Verdict)
