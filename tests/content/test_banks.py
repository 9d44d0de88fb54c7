"""Question banks: schema errors, ids unique across banks, lessons that exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from bntutor.content.loader import bank_files, check_bank_file, check_banks, load_banks
from bntutor.errors import ContentError

from .fake_live import fake_registry

BANKS = Path(__file__).parent.parent / "fixtures" / "banks"
GOOD = Path(__file__).parent.parent / "fixtures" / "content" / "good" / "data" / "questions"


def test_a_good_bank_loads() -> None:
    (bank,) = load_banks(GOOD)
    assert [q.id for q in bank.questions] == ["bn-eval-stats", "dropout-scale"]
    assert bank.questions[0].lessons == ["column-stats"]
    assert bank.questions[1].difficulty == 2


def test_ids_must_be_unique_across_banks() -> None:
    a, b = check_banks(bank_files(BANKS / "dup-ids"), fake_registry())
    assert [(e.line, e.step) for e in b.errors] == [(8, "shared-id")]
    assert "also used in another bank" in b.errors[0].what
    assert b.errors[0].hint == f"first used at {BANKS / 'dup-ids' / 'a.yaml'}:3"
    # and a.yaml's `answer: yes` is YAML's boolean true, not the text "yes"
    assert [(e.line, e.step) for e in a.errors] == [(7, "shared-id")]
    with pytest.raises(ContentError):
        load_banks(BANKS / "dup-ids", fake_registry())


def test_schema_errors_and_duplicates_within_a_bank() -> None:
    (checked,) = check_banks([BANKS / "bad" / "wrong.yaml"], fake_registry())
    assert [(e.line, e.step) for e in checked.errors] == [(14, "typo"), (16, "fine")]
    assert checked.errors[0].hint == "did you mean 'prompt'?"
    assert "duplicate question id 'fine'" in checked.errors[1].what


def test_questions_must_point_at_known_lessons(tmp_path: Path) -> None:
    (checked,) = check_banks([GOOD / "basics.yaml"], fake_registry(), lesson_slugs=["other"])
    assert [(e.line, e.step, e.what) for e in checked.errors] == [
        (13, "bn-eval-stats", "unknown lesson 'column-stats'")
    ]


def test_a_missing_bank_dir_has_no_banks(tmp_path: Path) -> None:
    assert load_banks(tmp_path / "none", fake_registry()) == []


def test_load_bank_raises_the_first_error() -> None:
    with pytest.raises(ContentError) as caught:
        check_bank_file(BANKS / "bad" / "wrong.yaml", fake_registry()).get()
    assert caught.value.line == 14


def test_answers_name_option_ids_and_explain_questions_have_a_rubric() -> None:
    (bank,) = load_banks(BANKS / "ids", fake_registry())
    choice, multi, explain = bank.questions
    assert choice.answer == "running"
    assert multi.answer == ["a", "var"]
    assert explain.kind == "explain" and explain.answer is None
    assert explain.rubric is not None and len(explain.rubric) == 3
    assert explain.follow_up is not None and len(explain.follow_up.rubric) == 3


def test_option_ids_and_explain_fields_are_checked_with_their_line() -> None:
    (checked,) = check_banks([BANKS / "bad-ids" / "bad.yaml"], fake_registry())
    found = [(e.line, e.step, e.what) for e in checked.errors]
    assert found[0][:2] == (9, "dup-option") and "option id 'b' is used twice" in found[0][2]
    assert found[1][:2] == (18, "unknown-id")
    assert "must be one option id (batch, b)" in found[1][2]
    assert [(line, step) for line, step, _ in found[2:]] == [
        (23, "explain-with-answer"), (31, "explain-short-rubric")
    ]
    assert "has no answer" in found[2][2]


def test_a_bank_whose_right_option_is_mostly_the_longest_fails_the_lint() -> None:
    (checked,) = check_banks([BANKS / "longest" / "biased.yaml"], fake_registry())
    found = [(e.line, e.step, e.what) for e in checked.errors]
    assert found[0][:2] == (13, None)
    assert found[0][2] == (
        "the right option is the longest in 3 of 4 choice questions (75%; at most 40%)"
    )
    assert checked.errors[0].hint is not None
    assert "eval-stats, train-stats, buffers" in checked.errors[0].hint
    assert found[1][:2] == (46, "all-right") and "at least one option wrong" in found[1][2]
    assert len(found) == 2


def test_the_lint_counts_strictly_longest_answers_in_english() -> None:
    from bntutor.content.bank_lint import right_is_longest
    from bntutor.content.models import BankQuestion

    def q(answer: str, *options: object) -> BankQuestion:
        return BankQuestion.model_validate(
            {"id": "q", "topic": "t", "kind": "choice", "prompt": "?", "options": list(options),
             "answer": answer})

    assert right_is_longest(q("b", "ab", "abc"))
    assert not right_is_longest(q("b", "abc", "abc"))  # a tie is not strictly longest
    assert not right_is_longest(q("a", "ab", "abc"))
    assert right_is_longest(q("x", "ab", {"id": "x", "text": {"en": "abc", "zh": "甲"}}))
