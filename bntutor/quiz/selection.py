"""Which questions a quiz asks: a seeded draw from the bank and the generators.

The same topics, difficulty, count and seed always give the same item ids in the same
order. Generated items get their own seeds from the quiz seed, so their numbers repeat too.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from bntutor.errors import NotFoundError
from bntutor.quiz.generators import templates_for
from bntutor.quiz.items import QuizItem, gen_item_id

MAX_GEN_SEED = 1_000_000


def choose_items(
    bank: Sequence[QuizItem],
    topics: Sequence[str],
    difficulty: int | None,
    n: int,
    seed: int,
) -> list[str]:
    """``n`` item ids: bank questions and generated ones drawn together, without repeats.

    When the pool is smaller than ``n``, generators are asked again with new seeds.
    A bank question goes first when there is one, so the first screen needs no torch.
    """
    wanted = set(topics)
    pool_bank = sorted(
        q.item_id
        for q in bank
        if (not wanted or q.topic in wanted) and (difficulty is None or q.difficulty == difficulty)
    )
    pool_gen = sorted(t.id for t in templates_for(topics, difficulty))
    if not pool_bank and not pool_gen:
        raise NotFoundError(
            "no questions match the chosen topics and difficulty",
            "--topic/--difficulty",
            "drop --difficulty or choose more topics",
        )
    rng = random.Random(f"quiz/{seed}")
    pool: list[str | tuple[str, int]] = [*pool_bank, *((t, 0) for t in pool_gen)]
    rng.shuffle(pool)
    picked = pool[:n]
    if pool_bank and picked and not any(isinstance(e, str) for e in picked):
        picked[0] = next(e for e in pool if isinstance(e, str))  # a first screen without torch
    while len(picked) < n and pool_gen:  # more than the pool: generators never run dry
        picked.append((rng.choice(pool_gen), 0))
    ids: list[str] = []
    used: set[str] = set()
    for entry in picked:
        if isinstance(entry, str):
            ids.append(entry)
            continue
        while True:
            item_id = gen_item_id(entry[0], rng.randrange(MAX_GEN_SEED))
            if item_id not in used:
                used.add(item_id)
                ids.append(item_id)
                break
    return _bank_first(ids)


def _bank_first(ids: list[str]) -> list[str]:
    for i, item_id in enumerate(ids):
        if item_id.startswith("bank:"):
            return [item_id, *ids[:i], *ids[i + 1 :]] if i else ids
    return ids
