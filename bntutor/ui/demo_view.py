"""Demos on screen: the list of demos, a finished demo, and a progress bar for long steps."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich import box
from rich.console import Console, Group, RenderableType
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from bntutor.demos.base import DemoInfo, DemoReport, ReportProgress, Section, no_progress
from bntutor.ui.blocks import render_block
from bntutor.ui.prose import markdown, title_rule

REDRAW_S = 0.1  # at most ten redraws a second


def demo_list(demos: Sequence[DemoInfo]) -> Table:
    """One line per demo: its name (what to type) and what it shows."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False,
                  caption="run one: bntutor demo NAME [--seed S] [--quick] [--json]",
                  caption_justify="left")
    table.add_column("demo", style="bold", no_wrap=True)
    table.add_column("what it shows")
    for demo in demos:
        table.add_row(demo.name, demo.summary)
    return table


def demo_view(report: DemoReport) -> Group:
    """The whole demo: title, summary, then each section's narrative around its results."""
    return Group(*[part for section in demo_sections(report) for part in section])


def demo_sections(report: DemoReport) -> list[list[RenderableType]]:
    """The demo's parts, section by section (for a pager); the title and summary come
    with the first section."""
    seed = f"seed {report.options.seed}" + (", quick" if report.options.quick else "")
    head: list[RenderableType] = [
        title_rule(Text(report.title, style="bold") + Text(f"  ({seed})", style="dim")),
        Text(report.summary, style="italic"),
    ]
    sections = [section_view(section) for section in report.sections] or [[]]
    sections[0] = head + sections[0]
    return sections


def section_view(section: Section) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(""), Text(section.heading, style="bold underline")]
    if section.intro:
        parts.append(_markdown(section.intro))
    for block in section.result.blocks:  # each its own part: a pager may pause between
        parts += [Text(""), render_block(block)]
    if section.outro:
        parts += [Text(""), _markdown(section.outro)]
    return parts


def _markdown(text: str) -> RenderableType:
    return markdown(text)


@contextmanager
def progress_bars(console: Console, enabled: bool) -> Iterator[ReportProgress]:
    """A :class:`~bntutor.live.progress.ReportProgress` that draws one bar per label on ``console``.

    Disabled (``--json``, not a terminal) it is a no-op. The bars vanish when done.
    """
    if not enabled:
        yield no_progress
        return
    # Redrawn on each report, with no refresh thread: a demo may fork worker processes,
    # and a thread holding the console's lock at that moment would leave it locked there.
    bars = Progress(TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
                    console=console, transient=True, auto_refresh=False)
    tasks: dict[str, TaskID] = {}
    last = [0.0]  # when the bars were last drawn

    def report(label: str, done: int, total: int) -> None:
        if label not in tasks:
            tasks[label] = bars.add_task(label, total=total)
        bars.update(tasks[label], completed=done, total=total)
        now = time.monotonic()
        if done >= total or now - last[0] >= REDRAW_S:
            bars.refresh()
            last[0] = now

    with bars:
        yield report
