"""Turn an item id back into a question: from the bank, a generator, or a lesson step."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import replace

from bntutor.content.models import BankQuestion, Lesson, QuestionStep
from bntutor.errors import NotFoundError
from bntutor.quiz.items import QuizItem, bank_item_id, lesson_item_id, parse_item_id
from bntutor.quiz.topics import TOPICS

#: Seeds for generated questions asked again with new numbers (as many as a quiz draws).
FRESH_SEEDS = 1_000_000

#: Loads a lesson by slug (the course's ``Catalog.load``); NotFoundError when unknown.
LessonLoader = Callable[[str], Lesson]


def bank_item(question: BankQuestion) -> QuizItem:
    return QuizItem(
        item_id=bank_item_id(question.id),
        question=question,
        topic=question.topic,
        difficulty=question.difficulty,
        lessons=tuple(question.lessons),
    )


def lesson_item(lesson: Lesson, step_id: str) -> QuizItem:
    """The question step ``step_id`` of ``lesson`` as a quiz item."""
    for step in lesson.steps:
        if isinstance(step, QuestionStep) and step.id == step_id:
            known = [t for t in lesson.topics if t in TOPICS]
            topic = (known or list(lesson.topics) or [lesson.slug])[0]
            by_id = {s.id: s for s in lesson.steps}
            context = tuple(by_id[i] for i in step.context if i in by_id)
            return QuizItem(lesson_item_id(lesson.slug, step_id), step, topic, 2, (lesson.slug,),
                            context)
    raise NotFoundError(f"lesson {lesson.slug!r} has no question step {step_id!r}")


class ItemSource:
    """Every askable item: bank questions by id, generated ones and lesson steps on demand."""

    def __init__(self, bank: Iterable[BankQuestion], lessons: LessonLoader | None = None) -> None:
        self._bank = {bank_item_id(q.id): bank_item(q) for q in bank}
        self._lessons = lessons
        self._built: dict[str, QuizItem] = {}

    def bank_items(self) -> list[QuizItem]:
        return list(self._bank.values())

    def get(self, item_id: str) -> QuizItem:
        """The item ``item_id`` (built once, then kept); NotFoundError when it is gone."""
        if item_id in self._bank:
            return self._bank[item_id]
        if item_id not in self._built:
            self._built[item_id] = self._build(item_id)
        return self._built[item_id]

    def _build(self, item_id: str) -> QuizItem:
        source, first, second = parse_item_id(item_id)
        if source == "gen":
            from bntutor.quiz.generators import generate

            if not second.isdigit():
                raise NotFoundError(f"bad seed in item id {item_id!r}")
            return generate(first, int(second))
        if source == "lesson":
            if self._lessons is None:
                raise NotFoundError(f"no lessons to find {item_id!r} in")
            return lesson_item(self._lessons(first), second)
        raise NotFoundError(f"no bank question {first!r}", hint="it may have been removed")

    def fresh(self, item_id: str, salt: str) -> QuizItem:
        """The item with new numbers: a generated question is made again from a seed
        drawn from ``salt`` (it keeps its item id, so its review card goes on); any other
        item is returned as it is."""
        item = self.get(item_id)
        source, template_id, _ = parse_item_id(item_id)
        if source != "gen":
            return item
        from bntutor.quiz.generators import generate

        seed = zlib.crc32(f"{salt}/{item_id}".encode()) % FRESH_SEEDS
        return replace(generate(template_id, seed), item_id=item_id)

    def topic_of(self, item_id: str) -> str | None:
        """The topic without building the question (None for lesson steps)."""
        if item_id in self._bank:
            return self._bank[item_id].topic
        source, first, _ = parse_item_id(item_id)
        if source == "gen":
            from bntutor.quiz.generators import template

            return template(first).topic
        return None
