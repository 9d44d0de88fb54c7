"""A demo run: every computation of the demo run once, its texts filled from the results.

The run is what ``--json`` prints (each compute step's values, by step id) and, turned
into a lesson of text and compute steps (:meth:`DemoRun.lesson`), what the lesson player
shows. A text quotes the run through ``{placeholders}`` (see
:class:`~bntutor.content.models.DemoComputeStep`) and picks among :class:`Cases` by a
value the computation returns; nothing in a text is evaluated.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from string import Formatter
from typing import Any

from bntutor.content.demos import field_parts, run_args
from bntutor.content.i18n import localize
from bntutor.content.models import Cases, ComputeStep, Demo, DemoComputeStep, Lesson, LText
from bntutor.errors import ContentError
from bntutor.live.progress import ReportProgress, no_progress
from bntutor.live.registry import Registry
from bntutor.live.results import Block, LiveResult


@dataclass(frozen=True)
class DemoRun:
    """A finished run of ``demo``: per compute step, its result and its arguments."""

    demo: Demo
    seed: int
    quick: bool
    results: dict[str, LiveResult] = field(default_factory=dict)
    args: dict[str, dict[str, Any]] = field(default_factory=dict)

    def document(self, lang: str = "en") -> dict[str, Any]:
        """One JSON-friendly document: the options and each compute step's values."""
        return {
            "demo": self.demo.slug,
            "title": localize(self.demo.title, lang),
            "seed": self.seed,
            "quick": self.quick,
            "sections": {key: result.values for key, result in self.results.items()},
        }

    def blocks(self, step_id: str) -> list[Block]:
        """The blocks compute step ``step_id`` shows."""
        step = next(s for s in self.demo.steps if s.id == step_id)
        assert isinstance(step, DemoComputeStep)
        blocks = self.results[step_id].blocks
        if step.show is None:
            return blocks
        bad = [i for i in step.show if not -len(blocks) <= i < len(blocks)]
        if bad:
            raise ContentError(f"show: {step.computation!r} gives {len(blocks)} blocks, "
                               f"no block {bad[0]}", step=step_id)
        return [blocks[i] for i in step.show]

    def lesson(self) -> Lesson:
        """The demo as a lesson with its texts filled in; each compute step names its own
        result (``args: {step: id}``) for the player's compute service to show."""
        steps: list[Any] = []
        for step in self.demo.steps:
            if not isinstance(step, DemoComputeStep):
                steps.append(step)
                continue
            values = {**self.results[step.id].values, "args": self.args[step.id]}
            after = step.after
            if isinstance(after, Cases):
                after = _case(after, values, step.id)
            steps.append(ComputeStep(
                id=step.id, type="compute", title=step.title, computation=step.computation,
                args={"step": step.id}, body=fill(step.body, values, step.id),
                after=fill(after, values, step.id)))
        # minutes: a demo has no reading time to announce
        return Lesson.model_construct(slug=self.demo.slug, title=self.demo.title,
                                      summary=self.demo.summary, topics=[], minutes=None,
                                      steps=steps)


def run_demo(
    demo: Demo, registry: Registry, seed: int = 0, quick: bool = False,
    report: ReportProgress = no_progress,
) -> DemoRun:
    """Run each compute step of ``demo`` (a computation called twice with the same
    arguments runs once)."""
    run = DemoRun(demo, seed, quick)
    done: dict[str, LiveResult] = {}
    for step in demo.steps:
        if isinstance(step, DemoComputeStep):
            args = run_args(step.args, seed, quick)
            model = registry.check_args(step.computation, args)
            key = json.dumps([step.computation, args], sort_keys=True, default=repr)
            if key not in done:
                done[key] = registry.get(step.computation)(model, report)
            run.results[step.id] = done[key]
            run.args[step.id] = model.model_dump()
    return run


def fill(text: LText | None, values: dict[str, Any], step: str) -> LText | None:
    """``text`` (each language of it) with its placeholders filled from ``values``."""
    if text is None:
        return None
    if isinstance(text, str):
        return _Values(values, step).format(text)
    return {lang: _Values(values, step).format(form) for lang, form in text.items()}


def _case(cases: Cases, values: dict[str, Any], step: str) -> LText:
    value = str(values.get(cases.case))
    if value not in cases.texts:
        raise ContentError(f"case {cases.case!r} is {value!r}, which has no text "
                           f"(texts: {', '.join(cases.texts)})", step=step)
    return cases.texts[value]


class _Values(Formatter):
    """``str.format`` over a result's values, looked up by key and index only."""

    def __init__(self, values: dict[str, Any], step: str) -> None:
        self._values = values
        self._step = step

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        current: Any = self._values
        for part in field_parts(field_name) or [field_name]:
            key: str | int = int(part) if re.fullmatch(r"-?\d+", part) else part
            try:
                current = current[key]
            except (KeyError, IndexError, TypeError):
                raise ContentError(f"no value {field_name!r} to quote", step=self._step) from None
        return current, field_name
