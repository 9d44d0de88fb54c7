"""Spaced-repetition cards, persisted only: the scheduler lives in ``bntutor.quiz``.

A card's state is opaque JSON text (``fsrs.Card.to_json()``) keyed by question id; its
``due`` instant is stored beside it, indexed, so finding what is due never parses JSON.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bntutor.store.clock import Clock, from_text, to_text, well_formed
from bntutor.store.db import Database


@dataclass(frozen=True)
class CardRecord:
    """A stored review card."""

    qid: str
    card_json: str
    due: datetime
    topic: str | None
    updated_at: datetime


def _card(row: sqlite3.Row) -> CardRecord:
    _check_json(row["qid"], row["card_json"])
    return CardRecord(
        qid=row["qid"],
        card_json=row["card_json"],
        due=from_text(row["due"]),
        topic=row["topic"],
        updated_at=from_text(row["updated_at"]),
    )


def _check_json(qid: str, card_json: str) -> None:
    if not isinstance(json.loads(card_json), dict):
        raise ValueError(f"card_json for {qid!r} must be a JSON object")


class CardStore:
    """Review-card methods of :class:`~bntutor.store.store.Store`."""

    _db: Database
    _clock: Clock

    def get_card(self, qid: str) -> CardRecord | None:
        rows = self._db.rows("SELECT * FROM cards WHERE qid = ?", (qid,))
        found = self._db.readable("cards", rows, _card)
        return found[0] if found else None

    def put_card(self, qid: str, card_json: str, due: datetime, topic: str | None = None) -> None:
        """Create or replace the card of question ``qid``."""
        _check_json(qid, card_json)
        with self._db.write() as sql:
            self._upsert(sql, qid, card_json, due, topic)

    def update_card(
        self, qid: str, change: Callable[[str | None], tuple[str, datetime]], topic: str | None
    ) -> tuple[str, datetime]:
        """Read the card of ``qid`` (None if new), apply ``change`` and store what it returns.

        Read and write are one ``BEGIN IMMEDIATE`` transaction: two processes answering
        the same question queue for the card instead of both updating the same old state
        (which loses one answer). Returns ``change``'s (card JSON, due).
        """
        with self._db.write() as sql:
            row = sql.execute("SELECT card_json FROM cards WHERE qid = ?", (qid,)).fetchone()
            card_json, due = change(None if row is None else row[0])
            _check_json(qid, card_json)
            self._upsert(sql, qid, card_json, due, topic)
        return card_json, due

    def _upsert(
        self, sql: sqlite3.Connection, qid: str, card_json: str, due: datetime, topic: str | None
    ) -> None:
        sql.execute(
            "INSERT INTO cards (qid, card_json, due, topic, updated_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (qid) DO UPDATE SET card_json = excluded.card_json,"
            " due = excluded.due, topic = excluded.topic, updated_at = excluded.updated_at",
            (qid, card_json, to_text(due), topic, to_text(self._clock())),
        )

    def due_cards(self, now: datetime | None = None, limit: int | None = None) -> list[CardRecord]:
        """Cards due at ``now`` (default: the clock), the longest overdue first."""
        moment = to_text(self._clock() if now is None else now)
        rows = self._db.rows(
            "SELECT * FROM cards WHERE due <= ? ORDER BY due, qid LIMIT ?",
            (moment, -1 if limit is None else max(limit, 0)),
        )
        return self._db.readable("cards", rows, _card)

    def next_due(self) -> datetime | None:
        """When the earliest readable card falls due (possibly in the past); None with none."""
        rows = self._db.rows(f"SELECT * FROM cards WHERE {well_formed('due')} ORDER BY due")
        cards = self._db.readable("cards", rows, _card)
        return cards[0].due if cards else None

    def card_count(self) -> int:
        row = self._db.row("SELECT COUNT(*) FROM cards")
        return int(row[0]) if row is not None else 0
