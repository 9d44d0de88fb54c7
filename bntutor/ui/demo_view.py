"""Demos on screen: the list of demos, and a progress bar for long computations.

A demo itself is played by the lesson player.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich import box
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from bntutor.content.demos import DemoEntry
from bntutor.content.i18n import localize
from bntutor.live.progress import ReportProgress, no_progress
from bntutor.messages import message, translate

REDRAW_S = 0.1  # at most ten redraws a second


def demo_list(demos: Sequence[DemoEntry], lang: str = "en") -> Table:
    """One line per demo: its name (what to type) and what it shows."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False,
                  caption=message("demo.how", lang), caption_justify="left")
    table.add_column(message("demo.name", lang), style="bold", no_wrap=True)
    table.add_column(message("demo.shows", lang))
    for demo in demos:
        table.add_row(demo.slug, localize(demo.summary, lang))
    return table


@contextmanager
def progress_bars(console: Console, enabled: bool, lang: str = "en") -> Iterator[ReportProgress]:
    """A :class:`~bntutor.live.progress.ReportProgress` drawing one bar per label on ``console``.

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
            tasks[label] = bars.add_task(translate(label, lang), total=total)
        bars.update(tasks[label], completed=done, total=total)
        now = time.monotonic()
        if done >= total or now - last[0] >= REDRAW_S:
            bars.refresh()
            last[0] = now

    with bars:
        yield report
