"""Answering a question, one way for lessons, quizzes and review: resolve its expected
answer through the live registry, check a learner's answer, write the answer as revealed.

The engine is needed exactly when a live computation runs (a live answer or feedback
answer, a compute step, a ``reveal``): ``before_engine`` (the CLI joins its background
torch import there) runs before each first run of one, so a question with a literal answer
never waits for torch, nor builds the registry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bntutor.checking.check import check
from bntutor.checking.choice import shown_letter, shown_option
from bntutor.checking.resolve import ResolvedQuestion, resolve_question
from bntutor.checking.verdict import Verdict
from bntutor.content.i18n import localize
from bntutor.content.models import Question
from bntutor.numbers import format_value

if TYPE_CHECKING:
    from bntutor.live.registry import Registry
    from bntutor.live.results import LiveResult


class Answering:
    """Resolves, checks and reveals the questions of one lesson run, quiz or review; each
    distinct live computation runs once (``registry``: the shipped one by default)."""

    def __init__(
        self,
        lang: str = "en",
        registry: Registry | None = None,
        before_engine: Callable[[], None] = lambda: None,
    ) -> None:
        self.lang = lang
        self._registry = registry
        self._before_engine = before_engine
        self._results: dict[str, LiveResult] = {}  # by name and arguments

    def _live(self) -> Registry:
        if self._registry is None:
            from bntutor.live.catalog import default_registry

            self._registry = default_registry()
        return self._registry

    def run(self, name: str, args: dict[str, Any]) -> LiveResult:
        """The result of live computation ``name`` (a compute step, a ``reveal``, a live
        answer), run once per distinct ``args``."""
        key = json.dumps([name, args], sort_keys=True, default=repr)
        if key not in self._results:
            self._before_engine()
            self._results[key] = self._live().run(name, args)
        return self._results[key]

    def resolve(self, question: Question) -> ResolvedQuestion:
        """``question``'s expected answer and feedback answers, live ones computed."""
        return resolve_question(question, self.run)

    def check(self, question: Question, text: str) -> Verdict:
        """The verdict on the learner's ``text`` (unreadable answers included)."""
        return check(question, text, self.resolve(question), self.lang)

    def reveal(self, question: Question) -> str:
        """The expected answer as shown after a skip or the last wrong try."""
        if question.kind == "explain":  # its model answer; the rubric is shown where marked
            model = question.model_answer
            return localize(model, self.lang) if model is not None else ""
        return reveal_text(question, self.resolve(question).expected, self.lang)


def reveal_text(question: Question, expected: Any, lang: str = "en") -> str:
    """``b) the batch mean``, ``a) ...; c) ...``, ``0.3047 s``, ``[[1, 2], [3, 4]]``."""
    options = question.options or []
    if question.kind == "choice" and isinstance(expected, str):
        return shown_option(expected, options, lang)
    if question.kind == "multi" and isinstance(expected, list):
        return "; ".join(shown_option(str(ident), options, lang) for ident in expected)
    if question.kind in ("numeric", "predict"):
        expected = _number(expected)
    text = format_value(expected)
    return f"{text} {question.unit}" if question.unit else text


def typed_text(question: Question, value: Any) -> str:
    """``value`` (an expected or feedback answer) as a learner would type it, digits kept:
    ``bntutor validate`` feeds it through the question's own checker."""
    kind = question.kind
    if kind in ("numeric", "predict"):
        return _typed_number(_number(value))
    if kind == "tensor":
        return _typed_tensor(value)
    if kind == "multi":
        items = value if isinstance(value, list) else [value]
        return ", ".join(_letter(question, v) for v in items)
    if kind == "choice":
        return _letter(question, value)
    return str(value)


def _number(value: Any) -> Any:
    """A one-element list (a computation's ``[0.25]``) as its number, as checkers read it."""
    while isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value


def _letter(question: Question, ident: Any) -> str:
    """The letter an option id is shown under (the id itself when there is no such option)."""
    letter = shown_letter(str(ident), question.options or [])
    return letter if letter is not None else str(ident).strip().lower()


def _typed_number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.12g}"
    return str(value)


def _typed_tensor(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_typed_tensor(v) for v in value) + "]"
    return _typed_number(value)

