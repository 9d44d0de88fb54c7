"""The FSRS wiring: ratings from correctness, hints and time; cards stored with due dates."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from bntutor.quiz.scheduler import FAST_SECONDS, Answered, rating_for, record_answer

NOW = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


class FakeStore:
    def __init__(self) -> None:
        self.cards: dict[str, tuple[str, datetime, str | None]] = {}

    def get_card(self, item_id: str) -> str | None:
        row = self.cards.get(item_id)
        return row[0] if row else None

    def update_card(
        self, item_id: str, change: Callable[[str | None], tuple[str, datetime]], topic: str | None
    ) -> tuple[str, datetime]:
        card_json, due = change(self.get_card(item_id))
        self.cards[item_id] = (card_json, due, topic)
        return card_json, due


@pytest.mark.parametrize(
    ("outcome", "rating"),
    [
        (Answered(False, 0, 1.0), fsrs.Rating.Again),
        (Answered(False, 3, 100.0), fsrs.Rating.Again),
        (Answered(True, 1, 1.0), fsrs.Rating.Hard),
        (Answered(True, 0, FAST_SECONDS + 1), fsrs.Rating.Good),
        (Answered(True, 0, FAST_SECONDS), fsrs.Rating.Easy),
    ],
)
def test_rating_follows_correctness_hints_and_time(outcome: Answered, rating: fsrs.Rating) -> None:
    assert rating_for(outcome) == int(rating)


def test_new_card_due_matches_fsrs_itself() -> None:
    store = FakeStore()
    due = record_answer(store, "bank:x", "dropout", True, 0, 5.0, NOW)
    reference, _ = fsrs.Scheduler(enable_fuzzing=False).review_card(
        fsrs.Card(card_id=1, due=NOW), fsrs.Rating.Easy, NOW
    )
    assert due == reference.due
    card_json, stored_due, topic = store.cards["bank:x"]
    assert stored_due == due and topic == "dropout"
    assert json.loads(card_json)["stability"] == pytest.approx(reference.stability)


def test_wrong_answer_is_due_again_within_minutes_and_right_later() -> None:
    store = FakeStore()
    wrong_due = record_answer(store, "gen:t/1", None, False, 0, 3.0, NOW)
    assert NOW < wrong_due <= NOW + timedelta(minutes=10)
    easy_due = record_answer(store, "gen:t/2", None, True, 0, 3.0, NOW)
    assert easy_due >= NOW + timedelta(days=1)


def test_updates_the_existing_card() -> None:
    store = FakeStore()
    first = record_answer(store, "lesson:a/q", "bn", True, 0, 5.0, NOW)
    second = record_answer(store, "lesson:a/q", "bn", True, 0, 5.0, first)
    assert second - first > first - NOW  # intervals grow with each success
    assert json.loads(store.cards["lesson:a/q"][0])["state"] == int(fsrs.State.Review)


def test_naive_datetime_refused() -> None:
    with pytest.raises(ValueError):
        record_answer(FakeStore(), "bank:x", None, True, 0, 1.0, datetime(2024, 1, 1))


@pytest.mark.parametrize("stored", ["{not json", "[1, 2]", '{"state": "weird"}', "{}"])
def test_an_unreadable_stored_card_starts_over_instead_of_failing(stored: str) -> None:
    store = FakeStore()
    store.cards["bank:x"] = (stored, NOW, None)
    due = record_answer(store, "bank:x", None, True, 0, 5.0, NOW)
    fresh = record_answer(FakeStore(), "bank:x", None, True, 0, 5.0, NOW)
    assert due == fresh
    assert fsrs.Card.from_json(store.cards["bank:x"][0]).due == due
