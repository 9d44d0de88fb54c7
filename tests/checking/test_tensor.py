"""Tensor answers: the notations learners use, shape diagnoses and element diffs."""

from __future__ import annotations

import pytest
from hypothesis import given

from bntutor.checking.tensor import check_tensor
from bntutor.checking.verdict import ElementDiff, Verdict
from bntutor.content.models import Tolerance
from bntutor.notation.tensor import TensorSyntaxError, parse_tensor

from .anything import answerish, any_text, quick

TOL = Tolerance(abs=1e-3, rel=0)
M = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]


@pytest.mark.parametrize(
    "text",
    [
        "[1, 2, 3; 4, 5, 6]",
        "1,2,3;4,5,6",
        "[[1,2,3],[4,5,6]]",
        "1 2 3\n4 5 6",
        "[[1 2 3] [4 5 6]]",
        "[[1,2,3];[4,5,6]]",
        " [ [ 1 , 2 , 3 ] , [ 4 , 5 , 6 ] ] ",
        "[2/2, 4/2, 3; 4, 5, 6]",
    ],
)
def test_the_notations_of_a_matrix(text: str) -> None:
    assert parse_tensor(text) == M
    assert check_tensor(text, M, TOL).correct


def test_vectors_and_singleton_dims() -> None:
    assert parse_tensor("1.5 -2.5") == [1.5, -2.5]
    assert check_tensor("[[1.5], [-2.5]]", [1.5, -2.5], TOL).correct
    assert check_tensor("[1.5, -2.5]", [[1.5, -2.5]], TOL).correct
    assert check_tensor("3", [3.0], TOL).correct


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("[[1,2],[3]]", "different lengths"),
        ("[1, 2", "not closed"),
        ("[1, x]", "'x' is not a number"),
        ("", "empty"),
        ("[]", "empty"),
        ("[1]]", "after the closing"),
        ("[" * 10 + "1" + "]" * 10, "levels of brackets"),
    ],
)
def test_unreadable_tensors(text: str, why: str) -> None:
    with pytest.raises(TensorSyntaxError, match=why):
        parse_tensor(text)
    assert not check_tensor(text, M, TOL).readable


def test_element_diffs_show_which_values_are_wrong() -> None:
    verdict = check_tensor("[1, 2, 3; 4, 5.5, 6]", M, TOL)
    assert not verdict.correct and verdict.message == "1 of 6 values are not right."
    assert verdict.diffs[4] == ElementDiff((1, 1), 5.5, 5.0, False)
    assert [d.ok for d in verdict.diffs] == [True, True, True, True, False, True]


def test_transposed_answers_are_recognized() -> None:
    verdict = check_tensor("[1, 4; 2, 5; 3, 6]", M, TOL)
    assert (
        not verdict.correct and verdict.diagnosis is not None and "transposed" in verdict.diagnosis
    )
    square = check_tensor("[1, 3; 2, 4]", [[1.0, 2.0], [3.0, 4.0]], TOL)
    assert square.diagnosis is not None and "transposed" in square.diagnosis


def test_per_sample_instead_of_per_feature_is_the_wrong_axis() -> None:
    # the batch M has 2 samples and 3 features: BN wants 3 means, one per feature
    verdict = check_tensor("2, 5", [2.5, 3.5, 4.5], TOL)
    assert verdict.diagnosis is not None and "wrong axis" in verdict.diagnosis


def test_a_feedback_rule_for_a_tensor() -> None:
    verdict = check_tensor("[2.0, 5.0]", [2.5, 3.5, 4.5], TOL, [([2.0, 5.0], "row means")])
    assert verdict.diagnosis == "row means"


@quick
@given(any_text)
def test_any_text_gives_a_verdict(text: str) -> None:
    assert isinstance(check_tensor(text, M, TOL, [([1.0], "m")]), Verdict)


@quick
@given(answerish)
def test_answer_like_text_gives_a_verdict(text: str) -> None:
    assert isinstance(check_tensor(text, [1.0, 2.0], TOL), Verdict)
