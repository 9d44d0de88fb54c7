"""Turn a question's expected answer (literal or live) into a value checkers compare with.

A :class:`LiveRef` runs its computation through the registry; a :class:`ResolveCache`
passed in by the caller (one per lesson run or quiz) runs each distinct call once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bntutor.content.models import Expected, LiveRef, LText, Question
from bntutor.live.registry import Registry
from bntutor.live.results import LiveResult


@dataclass
class ResolveCache:
    """Results of live computations already run, keyed by name and arguments."""

    results: dict[str, LiveResult] = field(default_factory=dict)

    def run(self, registry: Registry, name: str, args: dict[str, Any]) -> LiveResult:
        key = json.dumps([name, args], sort_keys=True, default=repr)
        if key not in self.results:
            self.results[key] = registry.run(name, args)
        return self.results[key]


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


def resolve_expected(expected: Expected | None, registry: Registry, cache: ResolveCache) -> Any:
    """The literal itself, or the ``value`` of the live computation a LiveRef names."""
    if isinstance(expected, LiveRef):
        result = cache.run(registry, expected.compute, expected.args)
        return plain(result.value(expected.value, expected.compute))
    return expected


def resolve_question(
    question: Question, registry: Registry, cache: ResolveCache
) -> ResolvedQuestion:
    """Resolve the answer and every feedback rule's answer of ``question``."""
    expected = resolve_expected(question.answer, registry, cache)
    feedback = [
        (resolve_expected(fb.answer, registry, cache), fb.message) for fb in question.feedback
    ]
    count = None
    if isinstance(question.answer, LiveRef):
        values = cache.run(registry, question.answer.compute, question.answer.args).values
        raw = values.get("count")
        if isinstance(raw, int) and not isinstance(raw, bool):
            count = raw
    return ResolvedQuestion(expected, feedback, count)
