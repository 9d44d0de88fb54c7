"""Formula answers: a whitelist parser, Greek letters, implicit products, equivalence."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bntutor.checking import expression
from bntutor.checking.expression import check_expression, equivalent, read_formula
from bntutor.checking.verdict import Verdict
from bntutor.messages import message
from bntutor.notation.expression import ExpressionSyntaxError, parse_expression

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
        read_formula(text, VARS)


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


# -- hostile formulas: a verdict within the checker's own time limit ---------------------

LESSON3 = (
    "sqrt(sigma^2 + epsilon)",
    ["sigma", "epsilon"],
    [("sigma", "m1"), ("sigma^2 + epsilon", "m2")],
)
TOO_LARGE = {lang: message("check.too_large", lang, limit="1e150") for lang in ("en", "zh")}
TOO_COMPLEX = {lang: message("check.too_complex", lang) for lang in ("en", "zh")}
TOO_LARGE_EN = TOO_LARGE["en"]
#: answer -> (correct, readable, message): numbers beyond floats are refused before sympy
#: sees them; the rest must still get their honest verdict.
HOSTILE = {
    "exp(exp(exp(100)))": (False, False, TOO_LARGE_EN),  # lesson 3's expression step
    "sin(exp(exp(30)))": (False, False, TOO_LARGE_EN),  # a quiz
    "1e309*sigma": (False, False, TOO_LARGE_EN),  # a literal beyond floats (was TypeError)
    "2**10**10": (False, False, TOO_LARGE_EN),
    "9**9**9**9": (False, False, TOO_LARGE_EN),
    "sin(exp(340))*sigma": (False, True, "Not correct."),
    "max(sigma, exp(340))": (False, True, "Not correct."),
    "sign(sigma - exp(340))*sqrt(sigma^2 + epsilon)": (False, True, "Not correct."),
    "tanh(exp(exp(exp(exp(sigma)))))": (False, True, "Not correct."),
    "sqrt(sigma^2+epsilon)*(sin(exp(340))^2 + cos(exp(340))^2)": (True, True, "Correct."),
}
_VERDICTS = """
import json, sys
from bntutor.checking.expression import check_expression
expected, variables, rules = json.loads(sys.argv[1])
out = {}
for answer in json.loads(sys.argv[2]):
    v = check_expression(answer, expected, variables, [tuple(r) for r in rules])
    out[answer] = [v.correct, v.readable, v.message]
print(json.dumps(out))
"""


def test_hostile_formulas_get_their_verdict_whatever_the_hash_seed() -> None:
    """sympy's hang depended on PYTHONHASHSEED (term order): try several, each in its own
    process; a hang shows as a process still running after a minute."""
    seeds = ["0", "1", "2", "3"]
    argv = [sys.executable, "-c", _VERDICTS, json.dumps(LESSON3), json.dumps(list(HOSTILE))]
    runs = [
        subprocess.Popen(argv, env={**os.environ, "PYTHONHASHSEED": seed}, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for seed in seeds
    ]
    try:
        for seed, run in zip(seeds, runs, strict=True):
            out, err = run.communicate(timeout=120)
            assert run.returncode == 0, err
            got = {k: tuple(v) for k, v in json.loads(out).items()}
            assert got == HOSTILE, f"PYTHONHASHSEED={seed}"
    finally:
        for run in runs:
            run.kill()
            run.wait()


def test_a_number_beyond_floats_is_refused_in_either_language() -> None:
    for lang in ("en", "zh"):
        verdict = check_expression("exp(exp(exp(100)))", "sigma", ["sigma"], lang=lang)
        assert (verdict.readable, verdict.message) == (False, TOO_LARGE[lang])


#: Each _endless call that ran to its end appends here: a check that waited for it failed.
ENDED: list[str] = []


def _endless(*_: object) -> bool:
    # 20 s of CPU, not of the wall clock: the limit counts the process's CPU time, and on
    # a busy machine 20 wall-clock seconds can hold less CPU than the limit allows
    end = time.process_time() + 20  # pure Python work that only the time limit can stop
    while time.process_time() < end:
        pass
    ENDED.append("ran to its end")
    return False


def test_a_simplify_that_never_ends_gives_way_to_the_sample_points(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sympy

    ENDED.clear()
    monkeypatch.setattr(sympy, "simplify", _endless)
    assert check_expression("sqrt(w^2)", "abs(w)", VARS).correct
    assert not check_expression("sqrt(w^2) + 1", "abs(w)", VARS).correct
    assert ENDED == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_check_that_runs_out_of_time_is_too_complex(
    monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    ENDED.clear()
    monkeypatch.setattr(expression, "_pairs", _endless)
    verdict = check_expression("sin(w)^3 + w", "abs(w)", VARS, lang=lang)
    assert (verdict.readable, verdict.message) == (False, TOO_COMPLEX[lang])
    assert ENDED == []


@pytest.mark.parametrize(("answer", "expected", "variables"), [
    ("sqrt(var + eps)", "sqrt(sigma**2 + epsilon)", ["sigma", "epsilon"]),  # CLI names
    ("gamma*(x - mean)/std + beta", "gamma*(x - mu)/sigma + beta", ["x", "mu", "sigma", "gamma",
                                                                   "beta"]),
    ("beta + gamma*(b - μ)/sqrt(σ^2 + ε)", "beta + gamma*(b - mu)/sqrt(var + eps)",
     ["b", "mu", "var", "eps", "gamma", "beta"]),  # sigma read as sqrt(var), epsilon as eps
    ("lam*w", "lambda*w", ["lambda", "w"]),
])
def test_variable_aliases_the_cli_uses_are_understood(
    answer: str, expected: str, variables: list[str]
) -> None:
    assert check_expression(answer, expected, variables).correct


def test_an_alias_does_not_make_a_wrong_formula_right() -> None:
    verdict = check_expression("sqrt(var)", "sqrt(sigma**2 + epsilon)", ["sigma", "epsilon"])
    assert verdict.readable and not verdict.correct
    assert verdict.understood == "Abs(sigma)"  # var read as sigma**2
