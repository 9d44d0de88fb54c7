"""Spaced repetition: every answered question becomes an FSRS card in the store.

Item ids name what to ask again: ``bank:<question-id>``, ``gen:<template>/<seed>``
and ``lesson:<slug>/<step-id>``. After each answer call :func:`record_answer`; it turns
correctness, hints and time into an FSRS rating (see :func:`rating_for`), reviews the
card with the ``fsrs`` scheduler and stores the new card state with its due date.

Fuzzing of intervals is off so a given history always gives the same due date.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

#: A right answer given in at most this many seconds, without hints, is rated Easy.
FAST_SECONDS = 20.0
#: An explain answer with every rubric point covered in at most this long is rated Easy.
FAST_EXPLAIN_SECONDS = 120.0


class CardStore(Protocol):
    """The part of :class:`bntutor.store.store.Store` the scheduler uses."""

    def update_card(
        self, item_id: str, change: Callable[[str | None], tuple[str, datetime]], topic: str | None
    ) -> tuple[str, datetime]: ...


@dataclass(frozen=True)
class Answered:
    """How one answer went: the inputs of the rating."""

    correct: bool
    hints: int = 0
    seconds: float = 0.0
    points: tuple[int, int] | None = None  # explain: (rubric points covered, in all)


def rating_for(outcome: Answered) -> int:
    """The FSRS rating (1 Again, 2 Hard, 3 Good, 4 Easy) for one answer.

    Wrong or skipped -> Again; right after a hint -> Hard; right but slower than
    :data:`FAST_SECONDS` -> Good; right, fast and without hints -> Easy.
    An explain answer: no point covered -> Again; some -> Hard; all -> Good, or Easy
    within :data:`FAST_EXPLAIN_SECONDS`.
    """
    if outcome.points is not None:
        covered, total = outcome.points
        if covered <= 0:
            return 1
        if covered < total:
            return 2
        return 4 if outcome.seconds <= FAST_EXPLAIN_SECONDS else 3
    if not outcome.correct:
        return 1
    if outcome.hints > 0:
        return 2
    if outcome.seconds > FAST_SECONDS:
        return 3
    return 4


def card_id_for(item_id: str) -> int:
    """A stable card id derived from the item id (fsrs otherwise uses the wall clock)."""
    return zlib.crc32(item_id.encode("utf-8"))


def _scheduler() -> Any:
    import fsrs

    return fsrs.Scheduler(enable_fuzzing=False)


def _stored_card(card_json: str | None, item_id: str, now: datetime) -> Any:
    """The stored card, or a new one when there is none or it cannot be read (a damaged
    row): the answer still counts, and the card starts over instead of failing."""
    import fsrs

    if card_json is not None:
        try:
            return fsrs.Card.from_json(card_json)
        except (ValueError, TypeError, KeyError, AttributeError):
            pass
    return fsrs.Card(card_id=card_id_for(item_id), due=now)


def review_rated(
    card_json: str | None, item_id: str, rating: int, now: datetime, seconds: float = 0.0
) -> tuple[str, datetime]:
    """Apply one review with FSRS ``rating`` (1-4) to a card (a new one when ``card_json``
    is None): (new JSON, due)."""
    import fsrs

    card = _stored_card(card_json, item_id, now)
    duration_ms = int(max(seconds, 0.0) * 1000)
    new_card, _log = _scheduler().review_card(
        card, fsrs.Rating(rating), now, review_duration=duration_ms
    )
    due: datetime = new_card.due
    return new_card.to_json(), due


def record_answer(
    store: CardStore,
    item_id: str,
    topic: str | None,
    correct: bool,
    hints: int,
    seconds: float,
    now: datetime,
    points: tuple[int, int] | None = None,
) -> datetime:
    """Create or update the review card of ``item_id`` after one answer; returns its due date.

    ``now`` must be timezone-aware (UTC or any zone; it is converted to UTC).
    """
    rating = rating_for(Answered(correct, hints, seconds, points))
    return record_rating(store, item_id, topic, rating, now, seconds)


def record_rating(
    store: CardStore, item_id: str, topic: str | None, rating: int, now: datetime,
    seconds: float = 0.0,
) -> datetime:
    """Like :func:`record_answer`, for a rating decided by the caller (an exercise sitting:
    see ``bntutor.exercises.session.review_rating``); returns the new due date."""
    if now.tzinfo is None:
        raise ValueError("a review needs an aware datetime")
    now = now.astimezone(UTC)
    # Read, review and write back in one transaction of the store (see update_card).
    _json, due = store.update_card(
        item_id, lambda previous: review_rated(previous, item_id, rating, now, seconds), topic
    )
    return due
