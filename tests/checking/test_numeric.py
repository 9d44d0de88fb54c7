"""Numeric answers: parsing, tolerance and the built-in diagnoses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bntutor.checking.numeric import check_numeric
from bntutor.checking.verdict import Verdict
from bntutor.content.models import Tolerance
from bntutor.notation.number import NumberSyntaxError, parse_number

from .anything import answerish, any_text, quick

TOL = Tolerance(abs=1e-3, rel=1e-3)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.25", 0.25),
        (" .25 ", 0.25),
        ("-0.5", -0.5),
        ("+2", 2.0),
        ("1e-3", 0.001),
        ("1.5E+2", 150.0),
        ("1/3", 1 / 3),
        ("-2/3", -2 / 3),
        ("3 / 4", 0.75),
        ("1.5*10^-3", 0.0015),
        ("2 x 10^3", 2000.0),
        ("2×10**-1", 0.2),
        ("−1", -1.0),
        ("50%", 0.5),
        ("7", 7.0),
    ],
)
def test_numbers_are_read(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_percent_is_the_unit_when_the_question_says_so() -> None:
    assert parse_number("50%", unit="%") == 50
    assert parse_number("12 ms", unit="ms") == 12


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("1,000", "thousands"),
        ("0,5", "point for decimals"),
        ("1/0", "divides by zero"),
        ("abc", "write a number"),
        ("nan", "write a number"),
        ("1e999", "not a finite"),
        ("1" * 101, "longer than"),
        ("2 3", "write a number"),
    ],
)
def test_unreadable_numbers_say_why(text: str, why: str) -> None:
    with pytest.raises(NumberSyntaxError, match=why):
        parse_number(text)


def test_tolerance_is_the_larger_of_absolute_and_relative() -> None:
    tol = Tolerance(abs=0.01, rel=0.1)
    assert check_numeric("1.09", 1.0, tol).correct  # rel: 0.1
    assert not check_numeric("1.11", 1.0, tol).correct
    assert check_numeric("0.009", 0.0, tol).correct  # abs: 0.01 around zero
    assert not check_numeric("0.02", 0.0, tol).correct


@pytest.mark.parametrize(
    ("answer", "expected", "count", "words"),
    [
        ("-0.25", 0.25, None, "sign is flipped"),
        ("0.0625", 0.25, None, "square of the answer"),
        ("0.5", 0.25, None, "square root"),
        ("4", 5.0, 5, "biased value (divided by n = 5)"),
        ("6.25", 5.0, 5, "unbiased value (divided by n - 1 = 4)"),
        ("25", 2.5, None, "factor of 10^1"),
        ("0.0025", 2.5, None, "factor of 10^-3"),
        ("2.505", 2.5, None, "outside the tolerance"),
    ],
)
def test_built_in_diagnoses(answer: str, expected: float, count: int | None, words: str) -> None:
    verdict = check_numeric(answer, expected, TOL, count=count)
    assert not verdict.correct and verdict.readable
    assert verdict.diagnosis is not None and words in verdict.diagnosis


def test_no_diagnosis_when_the_slip_cannot_be_told_from_the_answer() -> None:
    # for e = 1 the square and the root are 1 too: a wrong 2 is not "the square"
    verdict = check_numeric("2", 1.0, TOL)
    assert not verdict.correct and verdict.diagnosis is None
    assert check_numeric("7", 3.0, TOL, count=5).diagnosis is None


def test_a_feedback_rule_wins_over_correctness_checks_and_built_ins() -> None:
    rules = [(-0.25, "You used the old mean."), (0.3, {"en": "en msg", "zh": "中文"})]
    verdict = check_numeric("-0.2500", 0.25, TOL, rules)
    assert (verdict.correct, verdict.diagnosis) == (False, "You used the old mean.")
    assert check_numeric("0.3", 0.25, TOL, rules, lang="zh").diagnosis == "中文"


def test_understood_and_unreadable() -> None:
    assert check_numeric("1/4", 0.25, TOL).understood == "0.25"
    verdict = check_numeric("one quarter", 0.25, TOL)
    assert not verdict.readable and verdict.message.startswith(
        "could not read 'one quarter' as a number"
    )


def test_an_expected_one_element_list_counts_as_its_number() -> None:
    assert check_numeric("3", [3.0], TOL).correct


@quick
@given(any_text)
def test_any_text_gives_a_verdict(text: str) -> None:
    assert isinstance(check_numeric(text, 0.25, TOL, [(0.5, "m")], count=4), Verdict)


@quick
@given(answerish)
def test_answer_like_text_gives_a_verdict(text: str) -> None:
    verdict = check_numeric(text, -3.5e-4, TOL, count=2)
    assert isinstance(verdict, Verdict)
    assert verdict.readable or verdict.message.startswith("could not read")


@quick
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_a_number_written_out_is_accepted(value: float) -> None:
    assert check_numeric(f"{value:.12g}", value, TOL).correct
    assert not check_numeric(f"{value + 1 + abs(value):.12g}", value, TOL).correct


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("(4-5.625)/sqrt(3.234375)", (4 - 5.625) / 3.234375**0.5),
        ("45/8", 5.625),
        ("1e-5", 1e-5),
        ("sqrt(2)/2", 2**0.5 / 2),
        ("2^-3", 0.125),
        ("(1 - 0.1) * 2", 1.8),
        ("0.9*0.5 + 0.1*2", 0.65),
    ],
)
def test_arithmetic_is_evaluated_without_eval(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value, rel=1e-15)
    assert check_numeric(text, value, Tolerance(abs=0, rel=0)).correct


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("x + 1", "it names x"),
        ("__import__('os')", "write a number"),
        ("1/(2-2)", "it has no value"),
        ("9^9^9", "too large"),
        ("sqrt(-1)", "not a real number"),
        ("nan", "write a number"),
        ("inf", "write a number"),
    ],
)
def test_arithmetic_that_is_not_a_number_says_why(text: str, why: str) -> None:
    with pytest.raises(NumberSyntaxError, match=why):
        parse_number(text)
    assert not check_numeric(text, 1.0, Tolerance()).readable


def test_nan_and_inf_are_answers_only_where_the_question_allows_them() -> None:
    nan, inf = float("nan"), float("inf")
    assert check_numeric("nan", nan, Tolerance(), nonfinite=True).correct
    assert check_numeric("-inf", -inf, Tolerance(), nonfinite=True).correct
    assert check_numeric("Infinity", inf, Tolerance(), nonfinite=True).correct
    assert not check_numeric("inf", nan, Tolerance(), nonfinite=True).correct
    assert not check_numeric("1e308", inf, Tolerance(), nonfinite=True).correct
    assert not check_numeric("nan", nan, Tolerance()).readable


def test_a_zero_tolerance_is_exact_and_never_close() -> None:
    exact = Tolerance(abs=0, rel=0)
    assert check_numeric("51", 51, exact).correct
    verdict = check_numeric("50", 51, exact)
    assert not verdict.correct and verdict.diagnosis is None
    assert not check_numeric("51.0000001", 51, exact).correct
    assert "Close" in (check_numeric("50", 51, Tolerance(abs=0.5, rel=0)).diagnosis or "")
