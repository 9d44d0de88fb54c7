"""Explain questions: the marks a learner gives each rubric point are read, and become the
FSRS rating (how the quiz asks for them: tests/player/test_quiz_explain.py)."""

from __future__ import annotations

import pytest

from bntutor.quiz.explain import MarksSyntaxError, parse_marks
from bntutor.quiz.scheduler import FAST_EXPLAIN_SECONDS, Answered, rating_for


@pytest.mark.parametrize(
    ("text", "marks"),
    [("y n y", (True, False, True)), ("yny", (True, False, True)), ("1,0,0", (True, False, False)),
     ("Y Yes no", (True, True, False)), ("是 否 是", (True, False, True))],
)
def test_marks_are_read_in_several_spellings(text: str, marks: tuple[bool, ...]) -> None:
    assert parse_marks(text, 3) == marks


@pytest.mark.parametrize(("text", "why"), [("y n", "all 3 points"), ("y n maybe", "'maybe'"),
                                           ("", "all 3 points")])
def test_marks_that_do_not_mark_each_point_once_say_why(text: str, why: str) -> None:
    with pytest.raises(MarksSyntaxError, match=why):
        parse_marks(text, 3)


def test_review_rates_an_explain_answer_by_its_points() -> None:
    assert rating_for(Answered(False, points=(0, 3))) == 1  # none: Again
    assert rating_for(Answered(False, points=(2, 3))) == 2  # some: Hard
    assert rating_for(Answered(True, seconds=30, points=(3, 3))) == 4  # all, in time: Easy
    slow = FAST_EXPLAIN_SECONDS + 1
    assert rating_for(Answered(True, seconds=slow, points=(3, 3))) == 3  # all, slowly: Good
