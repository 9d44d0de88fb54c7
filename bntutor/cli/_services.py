"""The real services behind the player: resolve, check, compute and render live results.

Each one waits for the background torch import only when it needs the engine, so the
lesson's first screen never waits for torch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType

from bntutor.checking.verdict import Verdict
from bntutor.cli._warmup import Warmup
from bntutor.content.models import LiveRef, QuestionStep

if TYPE_CHECKING:
    from bntutor.content.resolve import ResolveCache, ResolvedQuestion
    from bntutor.live.registry import Registry

#: Runs a named live computation with its arguments and renders its blocks.
Compute = Callable[[str, dict[str, Any]], RenderableType]


@dataclass(frozen=True)
class Services:
    """The player's answering service (check, reveal) and the screen's computations."""

    check: Callable[[QuestionStep, str], Verdict]
    reveal: Callable[[QuestionStep], str]  # the expected answer, as shown on reveal
    compute: Compute


def live_compute(
    warmup: Warmup, registry: Registry | None = None, cache: ResolveCache | None = None,
    lang: str = "en",
) -> Compute:
    """Run computations through the live registry (after the torch import) and render
    their blocks: a lesson's compute steps and prediction reveals, and review's reveals."""
    from bntutor.content.resolve import ResolveCache

    results = cache if cache is not None else ResolveCache()
    found: list[Registry] = [] if registry is None else [registry]

    def compute(name: str, args: dict[str, Any]) -> RenderableType:
        from bntutor.live.catalog import default_registry
        from bntutor.ui.blocks import render_blocks

        warmup.wait()
        if not found:
            found.append(default_registry())
        return render_blocks(results.run(found[0], name, args), lang)

    return compute


def needs_engine(question: QuestionStep) -> bool:
    """True when checking ``question`` runs a live computation."""
    refs = [question.answer, *(fb.answer for fb in question.feedback)]
    return question.reveal is not None or any(isinstance(r, LiveRef) for r in refs)


def lesson_services(warmup: Warmup, lang: str) -> Services:
    from bntutor.content.resolve import ResolveCache, resolve_question
    from bntutor.live.catalog import default_registry

    registry = default_registry()
    cache = ResolveCache()
    resolved: dict[str, ResolvedQuestion] = {}

    def resolve(step: QuestionStep) -> ResolvedQuestion:
        if step.id not in resolved:
            if needs_engine(step):
                warmup.wait()
            resolved[step.id] = resolve_question(step, registry, cache)
        return resolved[step.id]

    def check(step: QuestionStep, text: str) -> Verdict:
        from bntutor.checking.check import check as check_answer

        return check_answer(step, text, resolve(step), lang)

    def answer_text(step: QuestionStep) -> str:
        from bntutor.ui.answer_text import answer_text as format_answer

        return format_answer(step, resolve(step).expected, lang)

    return Services(check=check, reveal=answer_text,
                    compute=live_compute(warmup, registry, cache, lang))
