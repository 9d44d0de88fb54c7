"""Parameterized question templates whose answers the engine computes.

A generated question's item id is ``gen:<template-id>/<seed>``; :func:`generate` rebuilds
exactly the same question from it, so review can ask it again. Importing this package
does not import torch; building a question does. The templates' words, in English and
Chinese, are data: ``data/generators.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bntutor.errors import ContentError
from bntutor.named import ByName
from bntutor.quiz.generators import counts, decay, dropout, fold, normalize, running, variants
from bntutor.quiz.generators._base import WORDS_FILE, Template
from bntutor.quiz.items import QuizItem, gen_item_id

#: Every template, module by module, each in the order its module defines them.
TEMPLATES: tuple[Template, ...] = tuple(
    t
    for module in (normalize, running, counts, fold, dropout, decay, variants)
    for t in vars(module).values()
    if isinstance(t, Template)
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


def words_problems(path: Path | None = None) -> list[ContentError]:
    """Each text of the templates' words file (the shipped one by default) without its
    Chinese or English, or whose languages name different placeholders, with its line."""
    from bntutor.content.paths import data_dir
    from bntutor.content.translations import translation_problems
    from bntutor.content.yaml_lines import parse

    path = path or data_dir() / WORDS_FILE
    data, lines = parse(path.read_text(encoding="utf-8"), str(path))
    return translation_problems(data, lines, str(path))


__all__ = ["TEMPLATES", "Template", "generate", "template", "templates_for", "words_problems"]
