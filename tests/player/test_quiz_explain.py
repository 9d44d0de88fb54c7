"""Explain questions in the quiz: the learner answers, marks each rubric point, answers
the follow-up; the marks become the score."""

from __future__ import annotations

from bntutor.checking.answering import Answering
from bntutor.content.models import BankQuestion
from bntutor.player.quiz import QuizRunner
from bntutor.quiz.results import QuestionResult
from bntutor.quiz.source import ItemSource

from .conftest import FakeIO, FakeTimer

EXPLAIN = BankQuestion.model_validate({
    "id": "why-bn", "topic": "why-bn", "kind": "explain",
    "prompt": {"en": "Why does BN help?", "zh": "BN 为什么有效？"},
    "model_answer": {"en": "It smooths the loss landscape.", "zh": "它让损失曲面更平滑。"},
    "rubric": ["smoother loss", "larger learning rates", "not covariate shift"],
    "follow_up": {"prompt": "And for batch size 2?", "model_answer": "Use GroupNorm.",
                  "rubric": ["noisy statistics", "GroupNorm", "SyncBN", "frozen BN"]},
})
PLAIN = BankQuestion.model_validate({
    "id": "plain", "topic": "why-bn", "kind": "explain", "prompt": "Why?",
    "model_answer": "Because.", "rubric": ["one", "two", "three"],
})


def _run(timer: FakeTimer, replies: list, ids: list[str], interactive: bool = False,
         lang: str = "en") -> tuple[list[QuestionResult], FakeIO, str]:
    recorded: list[QuestionResult] = []
    answering = Answering()
    io = FakeIO(timer, replies, interactive)
    runner = QuizRunner(ids, ItemSource([EXPLAIN, PLAIN]), answering.check, answering.reveal, io,
                        timer, recorded.append, lang=lang)
    outcome = runner.run()
    return outcome.results, io, outcome.ended


def test_answer_then_marks_then_follow_up_give_one_result_with_all_marks(
    timer: FakeTimer,
) -> None:
    replies = ["BN smooths the landscape.", "y y n", "GroupNorm.", "n y n n"]
    results, io, ended = _run(timer, replies, ["bank:why-bn"])
    assert ended == "finished"
    (result,) = results
    assert result.marks == ((True, True, False), (False, True, False, False))
    assert result.points == (3, 7) and result.status == "wrong"
    assert result.answer == "BN smooths the landscape. / GroupNorm."
    assert io.notes == ["rubric 3: It smooths the loss landscape.",
                        "follow-up And for batch size 2?", "rubric 4: Use GroupNorm."]
    document = result.to_dict()
    assert document["marks"] == [[True, True, False], [False, True, False, False]]
    assert document["points"] == [3, 7]


def test_every_point_covered_is_correct(timer: FakeTimer) -> None:
    (result,), _, _ = _run(timer, ["Because of it.", "y y y"], ["bank:plain"])
    assert result.status == "correct" and result.points == (3, 3)


def test_unreadable_marks_are_asked_again_at_a_terminal(timer: FakeTimer) -> None:
    (result,), io, _ = _run(timer, ["An answer.", "y n", "y n n"], ["bank:plain"],
                            interactive=True)
    assert result.marks == ((True, False, False),)
    assert "mark all 3 points, one y or n each (got 2)" in io.notes


def test_a_script_with_unreadable_marks_covers_no_point(timer: FakeTimer) -> None:
    (result,), _, _ = _run(timer, ["An answer.", "a", "x"], ["bank:plain"])
    assert result.marks == ((False, False, False),)


def test_skipping_the_follow_up_marks_none_of_its_points(timer: FakeTimer) -> None:
    (result,), io, _ = _run(timer, ["An answer.", "y y y", ":skip"], ["bank:why-bn"])
    assert result.marks == ((True, True, True), (False,) * 4)
    assert io.notes[-1] == "rubric 4: Use GroupNorm."


def test_quitting_while_marking_ends_the_quiz_without_a_result(timer: FakeTimer) -> None:
    results, _, ended = _run(timer, ["An answer.", ":quit"], ["bank:plain"])
    assert ended == "quit" and results[0].status == "unanswered" and not results[0].marks


def test_commands_that_cannot_apply_while_marking_or_in_a_follow_up_say_so(
    timer: FakeTimer,
) -> None:
    replies = ["An answer.", ":skip", ":bogus", "y y y", ":hint", "GroupNorm.", "n n n n"]
    (result,), io, _ = _run(timer, replies, ["bank:why-bn"])
    assert result.marks == ((True, True, True), (False,) * 4)
    assert ":skip does not work here: mark each point with y or n (or :quit)" in io.notes
    assert "unknown command :bogus" in io.notes
    assert (":hint does not work here: type your answer in your own words (:skip, :quit)"
            in io.notes)
    assert result.answer == "An answer. / GroupNorm."
