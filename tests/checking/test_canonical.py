"""answer_text: an expected value written back as text its own checker accepts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bntutor.checking.canonical import answer_text
from bntutor.checking.check import check
from bntutor.content.models import QuestionStep
from bntutor.content.resolve import ResolvedQuestion

from .anything import quick

NUMERIC = QuestionStep.model_validate(
    {
        "id": "q",
        "type": "question",
        "prompt": "p",
        "kind": "numeric",
        "answer": 0,
        "tolerance": {"abs": 1e-9, "rel": 1e-9},
    }
)
TENSOR = NUMERIC.model_copy(update={"kind": "tensor"})
finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)


def test_forms() -> None:
    assert answer_text(NUMERIC, 0.1 + 0.2) == "0.3"
    assert answer_text(NUMERIC, [2]) == "2"
    assert answer_text(TENSOR, [[1, 2.5], [3, -4e-7]]) == "[[1, 2.5], [3, -4e-07]]"
    multi = NUMERIC.model_copy(update={"kind": "multi"})
    assert answer_text(multi, ["A", "c"]) == "a, c"


@quick
@given(finite)
def test_numbers_round_trip_through_the_checker(value: float) -> None:
    assert check(NUMERIC, answer_text(NUMERIC, value), ResolvedQuestion(value)).correct


@quick
@given(st.lists(st.lists(finite, min_size=3, max_size=3), min_size=1, max_size=4))
def test_tensors_round_trip_through_the_checker(value: list[list[float]]) -> None:
    assert check(TENSOR, answer_text(TENSOR, value), ResolvedQuestion(value)).correct
