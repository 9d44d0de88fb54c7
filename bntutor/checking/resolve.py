"""Turn a question's expected answer (literal or live) into a value checkers compare with.

A :class:`LiveRef` takes the named ``value`` of its computation's result, got through
``run`` (:meth:`bntutor.checking.answering.Answering.run`, which runs each call once).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bntutor.content.models import Expected, LiveRef, LText, Question
from bntutor.live.results import LiveResult

#: Runs live computation ``name`` with ``args``.
Run = Callable[[str, dict[str, Any]], LiveResult]


@dataclass(frozen=True)
class ResolvedQuestion:
    """A question's expected value and recognized wrong answers, ready to check against.

    ``count`` is the number of values a statistic was taken over, when the computation
    gives one (its value named ``count``); the numeric checker uses it to recognize the
    biased-vs-unbiased variance mistake.
    """

    expected: Any
    feedback: list[tuple[Any, LText]] = field(default_factory=list)
    count: int | None = None


def plain(value: Any) -> Any:
    """Tensors and numpy values -> Python numbers and nested lists."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def resolve_expected(expected: Expected | None, run: Run) -> Any:
    """The literal itself, or the ``value`` of the live computation a LiveRef names."""
    if isinstance(expected, LiveRef):
        result = run(expected.compute, expected.args)
        return plain(result.value(expected.value, expected.compute))
    return expected


def resolve_question(question: Question, run: Run) -> ResolvedQuestion:
    """Resolve the answer and every feedback rule's answer of ``question``."""
    expected = resolve_expected(question.answer, run)
    feedback = [(resolve_expected(fb.answer, run), fb.message) for fb in question.feedback]
    count = None
    if isinstance(question.answer, LiveRef):
        raw = run(question.answer.compute, question.answer.args).values.get("count")
        if isinstance(raw, int) and not isinstance(raw, bool):
            count = raw
    return ResolvedQuestion(expected, feedback, count)
