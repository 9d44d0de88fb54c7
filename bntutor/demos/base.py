"""What a demo is: a title, a one-line summary, and sections of narrative around results.

A demo module exposes ``sections(options, progress) -> list[Section]``; the computations
behind the sections are the same functions lessons call through the live registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bntutor.live.progress import ReportProgress, no_progress
from bntutor.live.results import LiveResult

__all__ = [
    "DemoInfo", "DemoOptions", "DemoReport", "ReportProgress", "Section", "no_progress", "pick",
    "small",
]


@dataclass(frozen=True)
class DemoOptions:
    """``seed``: same seed, same numbers. ``quick``: a smaller run for a first look."""

    seed: int = 0
    quick: bool = False


@dataclass(frozen=True)
class Section:
    """One step of a demo: narrative (markdown) before and after a live result.

    ``key`` names the section's values in ``--json`` output; ``outro`` may quote numbers
    the run produced.
    """

    key: str
    heading: str
    intro: str
    result: LiveResult
    outro: str = ""


@dataclass(frozen=True)
class DemoReport:
    """A finished demo run: what the ui renders, and what ``--json`` prints."""

    name: str
    title: str
    summary: str
    options: DemoOptions
    sections: list[Section]

    def document(self) -> dict[str, Any]:
        """One JSON-friendly document: the options and each section's named values."""
        return {
            "demo": self.name,
            "title": self.title,
            "seed": self.options.seed,
            "quick": self.options.quick,
            "sections": {s.key: s.result.values for s in self.sections},
        }


def small(x: float) -> str:
    """A difference for a sentence: ``0`` when exactly zero, else ``4.8e-07``."""
    return "0" if x == 0 else f"{x:.1e}"


def pick(values: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The named entries of ``values``, for a section that shows only part of a result."""
    return {k: values[k] for k in keys}


SectionsFn = Callable[[DemoOptions, ReportProgress], list[Section]]


@dataclass(frozen=True)
class DemoInfo:
    """A demo as listed: name, title, one-line summary, and ``"module:function"`` to run."""

    name: str
    title: str
    summary: str
    target: str

    def sections_fn(self) -> SectionsFn:
        module_name, _, attr = self.target.partition(":")
        fn: SectionsFn = getattr(importlib.import_module(module_name), attr)
        return fn

    def run(self, options: DemoOptions, progress: ReportProgress = no_progress) -> DemoReport:
        sections = self.sections_fn()(options, progress)
        return DemoReport(self.name, self.title, self.summary, options, sections)
