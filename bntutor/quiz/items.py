"""What a quiz asks: one question with its stable item id, topic and difficulty.

Item ids say where a question comes from, so review can ask it again later:

- ``bank:<question-id>`` — a question of ``data/questions/*.yaml``;
- ``gen:<template-id>/<seed>`` — a generated question, rebuilt from template and seed;
- ``lesson:<slug>/<step-id>`` — a question step of a lesson.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bntutor.content.models import Question, Step
from bntutor.errors import NotFoundError

Source = Literal["bank", "gen", "lesson"]


@dataclass(frozen=True)
class QuizItem:
    """One askable question. ``lessons`` are slugs to revisit when it is missed;
    ``context``: the lesson steps a lesson question works with, shown before it."""

    item_id: str
    question: Question
    topic: str
    difficulty: int = 2
    lessons: tuple[str, ...] = ()
    context: tuple[Step, ...] = ()


def bank_item_id(question_id: str) -> str:
    return f"bank:{question_id}"


def gen_item_id(template_id: str, seed: int) -> str:
    return f"gen:{template_id}/{seed}"


def lesson_item_id(slug: str, step_id: str) -> str:
    return f"lesson:{slug}/{step_id}"


def parse_item_id(item_id: str) -> tuple[Source, str, str]:
    """Split an item id: ``bank`` -> (id, ""), ``gen`` -> (template, seed),
    ``lesson`` -> (slug, step id)."""
    source, sep, rest = item_id.partition(":")
    if sep and source == "bank" and rest:
        return "bank", rest, ""
    if sep and source in ("gen", "lesson"):
        first, slash, second = rest.partition("/")
        if slash and first and second:
            return ("gen" if source == "gen" else "lesson"), first, second
    raise NotFoundError(
        f"cannot read item id {item_id!r}",
        hint="expected bank:<id>, gen:<template>/<seed> or lesson:<slug>/<step>",
    )
