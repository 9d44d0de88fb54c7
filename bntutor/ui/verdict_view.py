"""A checked answer on screen: ✓/✗, the diagnosed mistake, per-element diffs, explanation."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from bntutor.checking.verdict import ElementDiff, Verdict
from bntutor.ui._numfmt import format_number
from bntutor.ui.mathtext import render_math_in_markdown

RIGHT_MARK = "✓"
WRONG_MARK = "✗"
MAX_DIFF_ROWS = 12  # a larger tensor shows its wrong elements first, then "... n more"


def verdict_view(verdict: Verdict, tries_left: int | None = None) -> RenderableType:
    """The verdict of one answer. ``tries_left`` is said after a wrong answer, if given."""
    parts: list[RenderableType] = []
    if verdict.correct:
        mark = Text(f"{RIGHT_MARK} ", style="bold green")
        parts.append(mark + Text(verdict.message or "right"))
    else:
        mark = Text(f"{WRONG_MARK} ", style="bold red")
        parts.append(mark + Text(verdict.message or "not quite"))
    if verdict.diagnosis:
        parts.append(Text("  ↳ ", style="yellow") + Text(verdict.diagnosis, style="yellow"))
    if verdict.diffs and not verdict.correct:
        parts.append(diff_table(verdict.diffs))
    if not verdict.correct and tries_left:
        plural = "try" if tries_left == 1 else "tries"
        parts.append(Text(f"  {tries_left} {plural} left; :hint for a hint", style="dim"))
    return Group(*parts)


def diff_table(diffs: list[ElementDiff]) -> Table:
    """Each element: index, your value, expected value, ✓/✗; wrong ones first if cut."""
    shown = diffs
    if len(diffs) > MAX_DIFF_ROWS:
        shown = sorted(diffs, key=lambda d: d.ok)[:MAX_DIFF_ROWS]
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1))
    table.add_column("  element", style="dim")
    table.add_column("yours", justify="right")
    table.add_column("expected", justify="right")
    table.add_column("")
    for diff in shown:
        mark = Text(RIGHT_MARK, style="green") if diff.ok else Text(WRONG_MARK, style="red")
        given = format_number(diff.given)
        table.add_row(
            "  [" + ", ".join(str(i) for i in diff.index) + "]",
            Text(given, style="" if diff.ok else "red"),
            format_number(diff.expected),
            mark,
        )
    if len(diffs) > len(shown):
        table.add_row(f"  … {len(diffs) - len(shown)} more", "", "", "")
    return table


def reveal_view(answer: str | None, explanation: str | None, skipped: bool = False) -> Group:
    """The answer (after a skip or the last wrong try) and the explanation."""
    parts: list[RenderableType] = []
    if answer:
        lead = "skipped; the answer: " if skipped else "the answer: "
        parts.append(Text(lead, style="bold") + Text(answer))
    if explanation:
        parts.append(explanation_view(explanation))
    return Group(*parts)


def explanation_view(explanation: str) -> Markdown:
    return Markdown(render_math_in_markdown(explanation))
