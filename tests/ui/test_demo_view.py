"""The demo list, a demo report on screen, and the progress bars of long steps."""

from __future__ import annotations

import io
import threading

from rich.console import Console

from bntutor.demos.base import DemoOptions, DemoReport, Section
from bntutor.demos.registry import DEMOS
from bntutor.live.results import LiveResult, ScalarsBlock
from bntutor.ui.demo_view import demo_list, demo_view, progress_bars


def _console(out: io.StringIO, terminal: bool = False) -> Console:
    return Console(file=out, width=100, force_terminal=terminal, no_color=not terminal,
                   color_system="256" if terminal else None)


def test_demo_list_has_a_row_per_demo() -> None:
    out = io.StringIO()
    _console(out).print(demo_list(DEMOS))
    rows = [line for line in out.getvalue().splitlines() if line.split()[:1]]
    assert all(any(line.startswith(d.name + " ") for line in rows) for d in DEMOS)
    assert "bntutor demo NAME" in out.getvalue()


def test_report_shows_title_sections_narrative_and_results() -> None:
    result = LiveResult([ScalarsBlock("numbers", [("x", 1.5)])], {"x": 1.5})
    report = DemoReport("d", "A title", "a summary", DemoOptions(seed=7, quick=True),
                        [Section("s", "First part", r"intro with $\gamma$", result, "the end")])
    out = io.StringIO()
    _console(out).print(demo_view(report))
    text = out.getvalue()
    for piece in ("A title", "seed 7, quick", "a summary", "First part", "intro with γ",
                  "numbers", "1.5", "the end"):
        assert piece in text, piece
    assert text.index("intro") < text.index("numbers") < text.index("the end")


def test_progress_bars_draw_then_vanish_and_leave_no_thread() -> None:
    out = io.StringIO()
    threads = threading.active_count()
    with progress_bars(_console(out, terminal=True), True) as report:
        report("training", 1, 4)
        assert threading.active_count() == threads  # safe to fork worker processes here
        report("training", 4, 4)
    drawn = out.getvalue()
    assert "training" in drawn and "100%" in drawn
    assert drawn.rstrip("\n").endswith("\x1b[2K")  # transient: erased at the end


def test_disabled_progress_prints_nothing() -> None:
    out = io.StringIO()
    with progress_bars(_console(out, terminal=True), False) as report:
        report("training", 1, 2)
    assert out.getvalue() == ""
