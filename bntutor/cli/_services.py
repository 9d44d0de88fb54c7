"""Live results as the player shows them: run by the answering service, then rendered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import RenderableType

from bntutor.checking.answering import Answering

#: Runs a named live computation with its arguments and renders its blocks.
Compute = Callable[[str, dict[str, Any]], RenderableType]


def rendered(answering: Answering) -> Compute:
    """A lesson's compute steps and prediction reveals, and review's reveals, each run once
    (after the torch import) and rendered in the learner's language."""

    def compute(name: str, args: dict[str, Any]) -> RenderableType:
        from bntutor.ui.blocks import render_blocks

        return render_blocks(answering.run(name, args), answering.lang)

    return compute
