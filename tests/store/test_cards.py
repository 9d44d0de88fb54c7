"""Review cards: fsrs state persisted as JSON, due ones found oldest first."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler

from bntutor.store.store import Store

from .conftest import START, FakeClock


def test_a_scheduled_fsrs_card_round_trips(store: Store) -> None:
    card, _ = Scheduler().review_card(Card(), Rating.Good, review_datetime=START)
    store.put_card("bn-eval-1", card.to_json(), card.due, topic="bn-eval")
    record = store.get_card("bn-eval-1")
    assert record is not None
    assert Card.from_json(record.card_json) == card
    assert record.due == card.due and record.topic == "bn-eval"
    assert store.get_card("missing") is None


def test_due_cards_oldest_first_with_the_injected_clock(store: Store, clock: FakeClock) -> None:
    offsets = {"later": 90, "overdue": -600, "now": 0, "soon": 30, "old": -86400}
    for qid, seconds in offsets.items():
        store.put_card(qid, "{}", START + timedelta(seconds=seconds), topic="bn")
    assert [c.qid for c in store.due_cards()] == ["old", "overdue", "now"]
    clock.advance(seconds=45)
    assert [c.qid for c in store.due_cards()] == ["old", "overdue", "now", "soon"]
    assert [c.qid for c in store.due_cards(limit=2)] == ["old", "overdue"]
    assert [c.qid for c in store.due_cards(START - timedelta(days=2))] == []
    assert store.next_due() == START - timedelta(days=1)


def test_due_times_in_other_zones_compare_as_instants(store: Store) -> None:
    beijing = timezone(timedelta(hours=8))
    store.put_card("east", "{}", (START + timedelta(minutes=1)).astimezone(beijing))
    store.put_card("west", "{}", START - timedelta(minutes=1))
    assert [c.qid for c in store.due_cards(START)] == ["west"]
    assert [c.qid for c in store.due_cards(START + timedelta(minutes=2))] == ["west", "east"]


def test_put_card_replaces(store: Store, clock: FakeClock) -> None:
    store.put_card("q", '{"step": 0}', START, topic="bn")
    clock.advance(hours=1)
    store.put_card("q", '{"step": 1}', START + timedelta(days=3), topic="dropout")
    record = store.get_card("q")
    assert record is not None and store.card_count() == 1
    assert (record.card_json, record.topic) == ('{"step": 1}', "dropout")
    assert record.due == START + timedelta(days=3)
    assert record.updated_at == clock.now
    assert store.due_cards() == []


def test_no_cards_means_nothing_due(store: Store) -> None:
    assert store.next_due() is None and store.due_cards() == []


def test_bad_cards_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="naive"):
        store.put_card("q", "{}", START.replace(tzinfo=None))
    with pytest.raises(ValueError):
        store.put_card("q", "[1, 2]", START)
    assert store.card_count() == 0


def test_update_card_hands_the_stored_json_to_the_change_and_keeps_its_result(
    store: Store,
) -> None:
    seen: list[str | None] = []

    def bump(previous: str | None) -> tuple[str, datetime]:
        seen.append(previous)
        n = 0 if previous is None else json.loads(previous)["n"]
        return json.dumps({"n": n + 1}), START + timedelta(days=n + 1)

    store.update_card("q", bump, "bn")
    assert store.update_card("q", bump, "bn") == ('{"n": 2}', START + timedelta(days=2))
    assert seen == [None, '{"n": 1}']
    record = store.get_card("q")
    assert record is not None and record.card_json == '{"n": 2}' and record.topic == "bn"


def test_update_card_that_fails_leaves_the_card_as_it_was(store: Store) -> None:
    store.put_card("q", '{"n": 1}', START)

    def broken(previous: str | None) -> tuple[str, datetime]:
        raise RuntimeError("scheduler failed")

    with pytest.raises(RuntimeError):
        store.update_card("q", broken, None)
    record = store.get_card("q")
    assert record is not None and record.card_json == '{"n": 1}'
