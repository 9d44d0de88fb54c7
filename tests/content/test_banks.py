"""Question banks: schema errors, ids unique across banks, lessons that exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from bntutor.content.loader import bank_files, check_banks, load_bank, load_banks
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
        load_bank(BANKS / "bad" / "wrong.yaml", fake_registry())
    assert caught.value.line == 14
