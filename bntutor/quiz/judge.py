"""Checking quiz answers: resolve each item's expected value once, then run the checker.

``before_engine`` is called before the first live computation (the CLI joins its
background torch import there), so bank questions with literal answers never wait.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bntutor.checking.verdict import Verdict
from bntutor.content.i18n import localize
from bntutor.content.models import LiveRef, Question
from bntutor.numbers import format_value
from bntutor.quiz.items import QuizItem

if TYPE_CHECKING:
    from bntutor.content.resolve import ResolvedQuestion
    from bntutor.live.registry import Registry


def needs_engine(question: Question) -> bool:
    refs = [question.answer, *(fb.answer for fb in question.feedback)]
    return any(isinstance(r, LiveRef) for r in refs)


class Judge:
    def __init__(
        self,
        registry: Registry | None = None,
        lang: str = "en",
        before_engine: Callable[[], None] = lambda: None,
    ) -> None:
        from bntutor.content.resolve import ResolveCache

        self._registry = registry
        self._lang = lang
        self._before_engine = before_engine
        self._cache = ResolveCache()
        self._resolved: dict[str, ResolvedQuestion] = {}

    def resolve(self, item: QuizItem) -> ResolvedQuestion:
        if item.item_id not in self._resolved:
            from bntutor.content.resolve import resolve_question
            from bntutor.live.catalog import default_registry

            if needs_engine(item.question):
                self._before_engine()
            if self._registry is None:
                self._registry = default_registry()
            self._resolved[item.item_id] = resolve_question(
                item.question, self._registry, self._cache
            )
        return self._resolved[item.item_id]

    def check(self, item: QuizItem, text: str) -> Verdict:
        from bntutor.checking.check import check

        return check(item.question, text, self.resolve(item), self._lang)

    def reveal(self, item: QuizItem) -> str:
        """The expected answer as one line: ``b) the batch mean``, ``0.25``, ``[1, 2]``."""
        q = item.question
        if q.kind == "explain":  # its model answer: the rubric is shown where it is marked
            return localize(q.model_answer, self._lang) if q.model_answer is not None else ""
        expected = self.resolve(item).expected
        if q.kind == "choice" and isinstance(expected, str):
            return self._option(q, expected)
        if q.kind == "multi" and isinstance(expected, list):
            return "; ".join(self._option(q, str(e)) for e in expected)
        text = format_value(expected)
        return f"{text} {q.unit}" if q.unit else text

    def _option(self, q: Question, ident: str) -> str:
        from bntutor.checking.choice import shown_option

        return shown_option(ident, q.options or [], self._lang)
