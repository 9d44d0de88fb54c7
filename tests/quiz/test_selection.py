"""Seeded choice of quiz items."""

from __future__ import annotations

import pytest

from bntutor.content.models import BankQuestion
from bntutor.errors import NotFoundError
from bntutor.quiz.generators import TEMPLATES
from bntutor.quiz.selection import choose_items
from bntutor.quiz.source import bank_item

BANK = [
    bank_item(BankQuestion(id=f"q{i}", topic=topic, difficulty=d, kind="numeric",
                           prompt="?", answer=1))
    for i, (topic, d) in enumerate(
        [("dropout", 1), ("dropout", 2), ("bn-cnn", 1), ("why-bn", 3), ("why-bn", 1)]
    )
]


def test_same_seed_same_quiz_other_seed_other_quiz() -> None:
    first = choose_items(BANK, [], None, 8, seed=3)
    assert first == choose_items(BANK, [], None, 8, seed=3)
    assert len(first) == 8 and len(set(first)) == 8
    assert any(choose_items(BANK, [], None, 8, seed=s) != first for s in range(4, 8))


def test_topic_and_difficulty_filter_both_sources() -> None:
    ids = choose_items(BANK, ["dropout"], None, 50, seed=0)
    dropout_templates = {t.id for t in TEMPLATES if t.topic == "dropout"}
    for item_id in ids:
        if item_id.startswith("bank:"):
            assert item_id in ("bank:q0", "bank:q1")
        else:
            assert item_id.split(":")[1].split("/")[0] in dropout_templates
    assert len(ids) == 50  # generators fill a quiz longer than the pool
    ids = choose_items(BANK, ["why-bn"], 3, 5, seed=0)
    assert "bank:q3" in ids and "bank:q4" not in ids


def test_a_bank_question_comes_first() -> None:
    for seed in range(10):
        assert choose_items(BANK, [], None, 6, seed)[0].startswith("bank:")


def test_nothing_matches() -> None:
    with pytest.raises(NotFoundError):
        choose_items(BANK, ["why-bn"], 2, 5, seed=0)
