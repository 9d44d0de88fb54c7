"""The quiz loop with a scripted IO and a fake clock: answers, commands, time limit, stops."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.checking.answering import Answering
from bntutor.content.models import BankQuestion
from bntutor.player.quiz import QuizRunner
from bntutor.quiz.results import QuestionResult
from bntutor.quiz.source import ItemSource

from .conftest import FakeIO, FakeTimer

BANK = [
    BankQuestion(
        id="q-choice", topic="bn-mechanics", kind="choice", prompt="Pick a.",
        options=["right", "wrong"], answer="a", hints=["It is a.", "Really a."],
        explanation="a is right.",
        feedback=[{"answer": "b", "message": "b is the classic slip."}],  # type: ignore[list-item]
    ),
    BankQuestion(
        id="q-num", topic="dropout", kind="numeric", prompt="2 + 2?", answer=4,
        explanation="Four.",
    ),
    BankQuestion(
        id="q-text", topic="dropout", kind="text", prompt="Say hi.", answer="hi",
        explanation="Hi.",
    ),
]
IDS = ["bank:q-choice", "bank:q-num", "bank:q-text"]


def _run(timer: FakeTimer, replies: list, limit: float | None = None,
         ids: list[str] = IDS, interactive: bool = False):
    recorded: list[QuestionResult] = []
    answering = Answering()
    io = FakeIO(timer, replies, interactive)
    runner = QuizRunner(ids, ItemSource(BANK), answering.check, answering.reveal, io, timer,
                        recorded.append, limit)
    return runner.run(), io, recorded


def test_answers_are_judged_and_recorded(timer: FakeTimer) -> None:
    outcome, io, recorded = _run(timer, ["b", "4", "Hi!"])
    assert outcome.ended == "finished"
    assert [r.status for r in outcome.results] == ["wrong", "correct", "correct"]
    assert outcome.results[0].diagnosis == "b is the classic slip."
    assert outcome.results[0].expected == "a) right"
    assert recorded == outcome.results
    assert [r.seconds for r in outcome.results] == [1.0, 1.0, 1.0]


def test_hints_skip_help_and_unknown_commands(timer: FakeTimer) -> None:
    outcome, io, recorded = _run(
        timer, [":hint", ":hint", ":hint", ":help", ":bogus", "a", ":skip", "hi"]
    )
    first, second, third = outcome.results
    assert first.status == "correct" and first.hints == 2
    assert io.hints == ["It is a.", "Really a."]
    assert any("no more hints" in n for n in io.notes) and "help" in io.notes
    assert any("unknown command :bogus" in n for n in io.notes)
    assert second.status == "skipped" and second.expected == "4"
    assert third.status == "correct"
    assert len(recorded) == 3  # a skip becomes a review card too


def test_show_back_and_short_commands_work_as_in_lessons(timer: FakeTimer) -> None:
    outcome, io, _ = _run(
        timer, [":back", ":s", ":h", "b", ":b", ":back", ":back", ":show", ":q"]
    )
    first_id = outcome.results[0].item_id
    second_id = outcome.results[1].item_id
    assert io.notes == [
        "back 0 " + first_id + " None",  # nothing before the first question
        "show " + first_id,
        "help",
        "back 1 " + first_id + " wrong",  # the first question and its result, view only
        "back 0 " + second_id + " None",  # looked back past the start
        "back 0 " + second_id + " None",
        "show " + second_id,
    ]
    assert outcome.ended == "quit"  # :q quits a quiz as it quits a lesson
    assert [r.status for r in outcome.results[:1]] == ["wrong"]


def test_unreadable_answer_asks_again_interactively_counts_wrong_when_scripted(
    timer: FakeTimer,
) -> None:
    outcome, io, _ = _run(timer, ["zzz", "a", "4", "hi"], interactive=True)
    assert outcome.results[0].status == "correct" and io.notes
    outcome, _, _ = _run(FakeTimer(), ["zzz", "4", "hi"])
    assert outcome.results[0].status == "wrong" and outcome.results[0].diagnosis


def test_time_up_while_waiting_marks_the_rest_missed(timer: FakeTimer) -> None:
    outcome, io, recorded = _run(timer, [("a", 5.0), ("4", 100.0)], limit=30.0)
    assert outcome.ended == "time-up" and io.time_up
    assert [r.status for r in outcome.results] == ["correct", "missed", "missed"]
    assert outcome.results[2].explanation == "Hi."  # the report can explain it
    assert [r.item_id for r in recorded] == ["bank:q-choice"]
    assert outcome.seconds == pytest.approx(30.0)


def test_quit_keeps_answers_and_marks_the_rest_unanswered(timer: FakeTimer) -> None:
    outcome, _, recorded = _run(timer, ["a", ":quit"])
    assert outcome.ended == "quit"
    assert [r.status for r in outcome.results] == ["correct", "unanswered", "unanswered"]
    assert len(recorded) == 1


def test_end_of_input_and_ctrl_c_stop(timer: FakeTimer) -> None:
    outcome, _, recorded = _run(timer, ["a"])
    assert outcome.ended == "end-of-input" and len(recorded) == 1
    outcome, _, recorded = _run(FakeTimer(), ["a", ("^C", 0.0)])
    assert outcome.ended == "interrupted" and len(recorded) == 1
    assert [r.status for r in outcome.results] == ["correct", "unanswered", "unanswered"]


def test_vanished_item_is_left_out(timer: FakeTimer) -> None:
    outcome, io, _ = _run(timer, ["4"], ids=["bank:gone", "bank:q-num"])
    assert [r.item_id for r in outcome.results] == ["bank:q-num"]
    assert any("bank:gone" in n for n in io.notes)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=6))
def test_any_lines_end_in_results_for_every_question(lines: list[str]) -> None:
    outcome, _, recorded = _run(FakeTimer(), lines)
    assert [r.item_id for r in outcome.results] == IDS
    assert outcome.ended in ("finished", "quit", "end-of-input")
    assert all(r.answered for r in recorded)


def test_hint_on_a_question_without_hints_points_to_skip(timer: FakeTimer) -> None:
    outcome, io, _ = _run(timer, [":hint", "", "4"], ids=["bank:q-num"])
    assert outcome.results[0].status == "correct"
    assert io.notes[0].startswith("no more hints (of 0;")  # the lesson's words: ui's no_hint_view
    assert io.notes[1] == "type an answer, or :hint / :skip / :quit / :help"  # as in lessons


def test_a_typo_is_asked_again_without_a_verdict_even_when_scripted(timer: FakeTimer) -> None:
    bank = [BankQuestion(id="q-word", topic="train-vs-inference", kind="text",
                         prompt="Which variance?", answer="unbiased")]
    io = FakeIO(timer, ["unbaised", "biased"])
    recorded: list[QuestionResult] = []
    answering = Answering()
    outcome = QuizRunner(["bank:q-word"], ItemSource(bank), answering.check, answering.reveal, io,
                         timer, recorded.append).run()
    assert io.notes == ["did you mean 'unbiased'? (not counted as a try)"]
    assert [(r.answer, r.status) for r in outcome.results] == [("biased", "wrong")]
