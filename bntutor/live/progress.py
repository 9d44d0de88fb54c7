"""How a long computation reports how far it has got, without knowing who is watching."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class ReportProgress(Protocol):
    """Told how far a long step has got: ``report("training", done, total)``."""

    def __call__(self, label: str, done: int, total: int) -> None: ...


def no_progress(label: str, done: int, total: int) -> None:
    """A :class:`ReportProgress` that shows nothing (``--json``, lessons, tests, pipes)."""


def step_reporter(report: ReportProgress, label: str, total: int) -> Callable[[int], None]:
    """``on_step(done)`` for a loop of ``total`` steps, reporting under ``label``."""
    return lambda done: report(label, done, total)
