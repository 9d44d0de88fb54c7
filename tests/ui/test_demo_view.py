"""The demo list and the progress bars of long computations (the demo itself is played
by the lesson player)."""

from __future__ import annotations

import io
import threading

from rich.console import Console

from bntutor.content.demos import demo_list as demos
from bntutor.ui.demo_view import demo_list, progress_bars

from ..screen import screen_text


def _terminal(out: io.StringIO) -> Console:
    return Console(file=out, width=100, force_terminal=True, color_system="256")


def test_demo_list_has_a_row_per_demo() -> None:
    text = screen_text(demo_list(demos()), 100)
    rows = [line for line in text.splitlines() if line.split()[:1]]
    assert all(any(line.startswith(d.slug + " ") for line in rows) for d in demos())
    assert "bntutor demo NAME" in text


def test_progress_bars_draw_then_vanish_and_leave_no_thread() -> None:
    out = io.StringIO()
    threads = threading.active_count()
    with progress_bars(_terminal(out), True) as report:
        report("training", 1, 4)
        assert threading.active_count() == threads  # safe to fork worker processes here
        report("training", 4, 4)
    drawn = out.getvalue()
    assert "training" in drawn and "100%" in drawn
    assert drawn.rstrip("\n").endswith("\x1b[2K")  # transient: erased at the end


def test_progress_labels_are_said_in_the_learner_s_language() -> None:
    out = io.StringIO()
    with progress_bars(_terminal(out), True, "zh") as report:
        report("training the BN model", 2, 2)
    assert "训练 BN 模型" in out.getvalue()


def test_disabled_progress_prints_nothing() -> None:
    out = io.StringIO()
    with progress_bars(_terminal(out), False) as report:
        report("training", 1, 2)
    assert out.getvalue() == ""
