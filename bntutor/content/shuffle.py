"""Options in a seeded order, so their position says nothing about the answer.

Every option keeps its stable id (declared, or its letter in file order), so answers,
feedback rules and ``why`` messages, which name ids, work whatever the order shown.
The same key always gives the same order: a quiz seed or a lesson run reproduces it.

A quiz goes one step further (:class:`OptionOrder`): over its single-choice questions the
right option's letter is dealt from a shuffled deck of the letters, so each letter is
right about equally often in every quiz, not only on average over many. Answering the
same letter everywhere scores about one in four, whatever the seed.
"""

from __future__ import annotations

import random
from typing import TypeVar

from bntutor.content.models import Option, Question, option_ids

Q = TypeVar("Q", bound=Question)


def shuffle_options(question: Q, key: str, right_at: int | None = None) -> Q:
    """``question`` with its options in the order ``key`` draws (others unchanged);
    ``right_at``: then swap a choice question's right option to that position."""
    options = question.options
    if not options or question.kind not in ("choice", "multi"):
        return question
    ids = option_ids(options)
    labelled = [
        Option(id=ident, text=o.text, why=o.why)
        if isinstance(o, Option)
        else Option(id=ident, text=o)
        for ident, o in zip(ids, options, strict=True)
    ]
    random.Random(f"options/{key}").shuffle(labelled)
    right = question.answer if question.kind == "choice" else None
    if right_at is not None and isinstance(right, str):
        shown = [o.id for o in labelled]
        if right.strip().lower() in shown and 0 <= right_at < len(labelled):
            at = shown.index(right.strip().lower())
            labelled[at], labelled[right_at] = labelled[right_at], labelled[at]
    return question.model_copy(update={"options": labelled})


class OptionOrder:
    """The option orders of one quiz or review session drawn with ``seed``.

    :meth:`show` must be called once per item, in the order the items are asked: the
    same seed and items then give the same screens (``--seed`` reproduces a quiz).
    """

    def __init__(self, seed: int | str) -> None:
        self._seed = seed
        self._decks: dict[int, list[int]] = {}
        self._rngs: dict[int, random.Random] = {}

    def show(self, item_id: str, question: Q) -> Q:
        key = quiz_key(self._seed, item_id)
        if question.kind != "choice" or not question.options:
            return shuffle_options(question, key)
        return shuffle_options(question, key, self._deal(len(question.options)))

    def _deal(self, count: int) -> int:
        """The next position from a shuffled deck of ``count`` positions (refilled)."""
        deck = self._decks.setdefault(count, [])
        if not deck:
            rng = self._rngs.setdefault(count, random.Random(f"deck/{self._seed}/{count}"))
            deck.extend(rng.sample(range(count), count))
        return deck.pop()


def quiz_key(seed: int | str, item_id: str) -> str:
    """The shuffle key of an item in a quiz (or review session) drawn with ``seed``."""
    return f"{seed}/{item_id}"


def lesson_key(slug: str, step_id: str, run: int) -> str:
    """The shuffle key of a lesson step in the learner's ``run`` of the lesson (1, 2, ...):
    a lesson played again shows new orders, and a first run's orders are reproducible."""
    return f"lesson/{slug}/{step_id}/{run}"
