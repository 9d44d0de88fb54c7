"""One number formatter: a prediction's verdict, the lesson reveal and the quiz reveal
write an expected value the same way, and the text the validator types keeps its digits."""

from __future__ import annotations

import pytest

from bntutor.checking.answering import Answering, reveal_text, typed_text
from bntutor.checking.predict import check_predict
from bntutor.content.models import Question, Tolerance
from bntutor.numbers import format_answer_number, format_change, format_number, format_value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.3046875, "0.3047"),  # 4 decimals
        (2.0, "2"),
        (-0.5, "-0.5"),
        (123.456789, "123.4568"),
        (0.03046875, "0.03047"),  # small numbers keep 4 significant digits
        (0.000123456, "0.0001235"),
        (1e10, "1e+10"),
        (0.0, "0"),
        (7, "7"),
        (8.881784197001252e-16, "8.882e-16"),  # float noise: 4 significant digits, not 10
        (-3.2e-11, "-3.2e-11"),
        (1.2345678e-7, "0.0000001235"),  # still within the decimals shown in full
        (1.2345678e-9, "1.235e-09"),
    ],
)
def test_answer_numbers(value: float, text: str) -> None:
    assert format_answer_number(value) == text


def test_a_change_is_written_by_the_one_formatter() -> None:
    assert format_change(1.0, 1.0) == "1 → 1"  # not 1.000000 → 1.000000
    assert format_change(4.0, 0.30468751) == "4 → 0.3047"
    assert format_change(1.0, 1.2e-07) == "1 → 1.2e-07"


def test_values_and_table_numbers() -> None:
    assert format_value([1, 0.25, [True, "x"]]) == "[1, 0.25, [yes, x]]"
    assert format_number(1 / 3) == "0.3333" and format_number(1 / 3, 2) == "0.33"
    assert format_number(None) == "…" and format_number(-1e-9) == "-1e-09"


def test_verdict_lesson_reveal_and_quiz_reveal_agree() -> None:
    value = 0.3046875
    question = Question(kind="predict", prompt="Predict, then run.", answer=value,
                        tolerance=Tolerance(abs=0.01))
    verdict = check_predict("0.9", value, question.tolerance)
    assert verdict.message.endswith("the result is 0.3047.")
    assert reveal_text(question, value) == "0.3047"
    numeric = Question(kind="numeric", prompt="How much?", answer=value, explanation="So.")
    assert Answering().reveal(numeric) == "0.3047"
    # the answer the validator types back still carries full precision
    assert float(typed_text(question, value)) == value
