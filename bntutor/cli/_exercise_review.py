"""Review's part of the exercises: an exercise's review card (``exercise:NAME``), and which
are due; :func:`bntutor.cli._exercise_run.offer_exercises` asks to write them again."""

from __future__ import annotations

from collections.abc import Sequence

from bntutor.store.cards import CardRecord

PREFIX = "exercise:"


def card_id(name: str) -> str:
    return PREFIX + name


def is_exercise_card(qid: str) -> bool:
    return qid.startswith(PREFIX)


def due_exercises(cards: Sequence[CardRecord]) -> list[str]:
    return [c.qid.removeprefix(PREFIX) for c in cards if is_exercise_card(c.qid)]
