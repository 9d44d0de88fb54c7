"""Text answers: normalized comparison and accepted phrasings."""

from __future__ import annotations

import pytest
from hypothesis import given

from bntutor.checking.text import check_text, normalize
from bntutor.checking.verdict import Verdict

from .anything import any_text, quick


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("The Running-Mean!", "running mean"),
        ("  an   EXAMPLE ", "example"),
        ("a", ""),
        ("Straße", "strasse"),
        ("训练模式。", "训练模式"),
        ("x\x00y", "x y"),
    ],
)
def test_normalize(text: str, normal: str) -> None:
    assert normalize(text) == normal


def test_the_answer_or_any_accepted_phrasing() -> None:
    accept = ["moving average", "the running average"]
    assert check_text("Running mean.", "running mean", accept).correct
    assert check_text("a moving-average", "running mean", accept).correct
    assert not check_text("batch mean", "running mean", accept).correct


def test_a_feedback_rule_names_the_misconception() -> None:
    verdict = check_text("The batch mean", "running mean", (), [("batch mean", "training mode")])
    assert (verdict.correct, verdict.diagnosis, verdict.understood) == (
        False,
        "training mode",
        "batch mean",
    )


@pytest.mark.parametrize("answer", ["", "   ", "?!", "the"])
def test_empty_after_normalizing_is_unreadable(answer: str) -> None:
    assert not check_text(answer, "x").readable


def test_huge_answers_are_unreadable() -> None:
    assert not check_text("x" * 501, "x").readable


@quick
@given(any_text)
def test_any_text_gives_a_verdict(text: str) -> None:
    assert isinstance(
        check_text(text, "running mean", ["moving average"], [("batch", "m")]), Verdict
    )


def test_one_typo_from_the_answer_asks_again_without_a_verdict() -> None:
    for typo in ("unbaised", "unbiasd", "unbiassed", "unbiaseb"):
        verdict = check_text(typo, "unbiased")
        assert not verdict.readable and verdict.retry, typo
        assert verdict.message == "did you mean 'unbiased'? (not counted as a try)"
    assert "你是想写 'unbiased' 吗" in check_text("unbaised", "unbiased", lang="zh").message
    # two edits away, or a short answer: a plain wrong answer
    assert check_text("biased", "unbiased").readable
    assert check_text("bais", "bias").readable
    # an accepted phrasing counts as a target too
    assert check_text("moving averag", "running mean", ["moving average"]).retry
