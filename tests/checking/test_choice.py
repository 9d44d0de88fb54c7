"""Choice and multi answers: letters, numbers or option text; why a pick is wrong."""

from __future__ import annotations

import pytest
from hypothesis import given

from bntutor.checking.choice import check_choice, check_multi
from bntutor.checking.verdict import Verdict
from bntutor.content.models import Option

from .anything import answerish, any_text, quick

OPTIONS = [
    "the running statistics",
    Option(text="the batch statistics", why="That is training mode."),
    Option(text={"en": "the weights", "zh": "权重"}, why={"en": "No.", "zh": "不对。"}),
    "nothing",
]


@pytest.mark.parametrize(
    "answer", ["a", "A", "(a)", "a)", "a.", " a ", "1", "The running statistics!"]
)
def test_the_right_option_in_any_spelling(answer: str) -> None:
    verdict = check_choice(answer, "a", OPTIONS)
    assert verdict.correct and verdict.understood == "a"


def test_option_text_in_another_language() -> None:
    assert check_choice("权重", "c", OPTIONS).correct


def test_a_wrong_pick_says_why_in_the_language() -> None:
    assert check_choice("b", "a", OPTIONS).diagnosis == "That is training mode."
    assert check_choice("3", "a", OPTIONS, lang="zh").diagnosis == "不对。"
    assert check_choice("d", "a", OPTIONS).diagnosis is None


def test_a_feedback_rule_comes_before_why() -> None:
    verdict = check_choice("B", "a", OPTIONS, [("b", "rule message")])
    assert (verdict.correct, verdict.diagnosis) == (False, "rule message")


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ("e", "no option e; choose a-d"),
        ("5", "no option 5"),
        ("", "empty"),
        ("maybe", "answer with a letter"),
    ],
)
def test_unreadable_choices(answer: str, why: str) -> None:
    verdict = check_choice(answer, "a", OPTIONS)
    assert not verdict.readable and why in verdict.message


@pytest.mark.parametrize(
    "answer", ["a, c", "c a", "ac", "C;A", "1 3", "a and c", "c/a", "a. c.", "(c) (a)", "a) c)"]
)
def test_multi_in_any_order_and_separator(answer: str) -> None:
    verdict = check_multi(answer, ["a", "c"], OPTIONS)
    assert verdict.correct and verdict.understood == "a, c"


def test_multi_counts_what_is_wrong_and_never_names_a_missing_option() -> None:
    verdict = check_multi("a, b", ["a", "c"], OPTIONS)
    assert not verdict.correct
    assert verdict.diagnosis == (
        "1 of your choices is wrong; 1 right option missing. (b) That is training mode."
    )
    assert check_multi("a", ["a", "c"], OPTIONS).diagnosis == "1 right option missing."
    assert check_multi("b, d", ["a", "c"], OPTIONS, lang="zh").diagnosis == (
        "你选的选项中有 2 个不对；还漏了 2 个正确选项。 (b) That is training mode."
    )
    assert check_multi("The running statistics", ["a", "c"], OPTIONS).understood == "a"


SHUFFLED = [  # options with ids, in the order a screen shows them
    Option(id="batch", text="the batch statistics", why="That is training mode."),
    Option(id="running", text="the running statistics"),
    Option(id="none", text="nothing"),
]


def test_answers_name_option_ids_and_learners_type_shown_letters() -> None:
    verdict = check_choice("b", "running", SHUFFLED)
    assert verdict.correct and verdict.understood == "b" and verdict.chosen == ("running",)
    wrong = check_choice("a", "running", SHUFFLED)
    assert (wrong.diagnosis, wrong.chosen) == ("That is training mode.", ("batch",))
    assert check_choice("z", "running", SHUFFLED).chosen == ()  # unreadable: nothing chosen
    assert check_choice("c", "running", SHUFFLED, [("none", "BN always does something")]
                        ).diagnosis == "BN always does something"
    assert check_multi("c b", ["none", "running"], SHUFFLED).understood == "b, c"
    assert check_multi("c a", ["none", "running"], SHUFFLED).chosen == ("batch", "none")
    assert check_multi("c b", ["none", "running"], SHUFFLED).correct
    assert not check_multi("a", ["none", "running"], SHUFFLED).correct


def test_multi_feedback_rule_matches_the_set() -> None:
    verdict = check_multi("d b", ["a", "c"], OPTIONS, [(["b", "d"], "those are parameters")])
    assert verdict.diagnosis == "those are parameters"


@quick
@given(any_text)
def test_any_text_gives_a_verdict(text: str) -> None:
    assert isinstance(check_choice(text, "b", OPTIONS, [("c", "m")]), Verdict)
    assert isinstance(check_multi(text, ["a", "b"], OPTIONS, [(["c"], "m")]), Verdict)


@quick
@given(answerish)
def test_answer_like_text_gives_a_verdict(text: str) -> None:
    assert isinstance(check_multi(text, ["a"], OPTIONS), Verdict)
