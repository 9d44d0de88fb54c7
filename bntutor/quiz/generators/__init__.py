"""Parameterized question templates whose answers the engine computes.

A generated question's item id is ``gen:<template-id>/<seed>``; :func:`generate` rebuilds
exactly the same question from it, so review can ask it again. Importing this package
does not import torch; building a question does.
"""

from __future__ import annotations

from collections.abc import Iterable

from bntutor.named import ByName
from bntutor.quiz.generators import counts, decay, dropout, fold, normalize, running, variants
from bntutor.quiz.generators._base import Template
from bntutor.quiz.items import QuizItem, gen_item_id

TEMPLATES: tuple[Template, ...] = tuple(
    t
    for module in (normalize, running, counts, fold, dropout, decay, variants)
    for t in module.TEMPLATES
)


_BY_ID = ByName(TEMPLATES, lambda t: t.id, "question template")


def template(template_id: str) -> Template:
    return _BY_ID.get(template_id)


def generate(template_id: str, seed: int) -> QuizItem:
    """The question template ``template_id`` makes from ``seed``."""
    t = template(template_id)
    return QuizItem(
        item_id=gen_item_id(t.id, seed),
        question=t.question(seed),
        topic=t.topic,
        difficulty=t.difficulty,
        lessons=t.lessons,
    )


def templates_for(topics: Iterable[str] = (), difficulty: int | None = None) -> list[Template]:
    """Templates on any of ``topics`` (all when empty) at ``difficulty`` (any when None)."""
    wanted = set(topics)
    return [
        t
        for t in TEMPLATES
        if (not wanted or t.topic in wanted) and (difficulty is None or t.difficulty == difficulty)
    ]


__all__ = ["TEMPLATES", "Template", "generate", "template", "templates_for"]
