"""Verdicts on screen: marks, the diagnosed mistake, per-element diffs, the reveal."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType

from bntutor.checking.verdict import ElementDiff, Verdict
from bntutor.ui.verdict_view import MAX_DIFF_ROWS, reveal_view, verdict_view


def render(renderable: RenderableType) -> str:
    out = io.StringIO()
    Console(file=out, width=80, no_color=True).print(renderable)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines())


def test_right_answer() -> None:
    assert render(verdict_view(Verdict(True, "Correct."))) == "✓ Correct."


def test_wrong_answer_with_diagnosis_and_tries_left() -> None:
    verdict = Verdict(False, "Not correct.", diagnosis="you divided by n - 1")
    lines = render(verdict_view(verdict, tries_left=2)).splitlines()
    assert lines[0] == "✗ Not correct."
    assert lines[1] == "  ↳ you divided by n - 1"
    assert lines[2].strip() == "2 tries left; :hint for a hint"
    assert "1 try left" in render(verdict_view(verdict, tries_left=1))
    assert "left" not in render(verdict_view(verdict, tries_left=None))


def test_tensor_diffs_show_each_element() -> None:
    diffs = [
        ElementDiff((0, 0), 1.0, 1.0, True),
        ElementDiff((0, 1), 2.5, -0.5, False),
        ElementDiff((1, 0), None, 3.0, False),
    ]
    text = render(verdict_view(Verdict(False, "2 elements differ", diffs=diffs)))
    rows = [line.split() for line in text.splitlines()[2:]]
    assert rows == [["[0,", "0]", "1", "1", "✓"], ["[0,", "1]", "2.5", "-0.5", "✗"],
                    ["[1,", "0]", "…", "3", "✗"]]


def test_many_diffs_show_the_wrong_ones_first_and_a_count() -> None:
    diffs = [ElementDiff((i,), float(i), float(i), True) for i in range(20)]
    diffs.append(ElementDiff((20,), 0.0, 20.0, False))
    text = render(verdict_view(Verdict(False, "1 element differs", diffs=diffs)))
    assert "[20]" in text
    assert f"… {len(diffs) - MAX_DIFF_ROWS} more" in text


def test_reveal_shows_answer_then_explanation() -> None:
    text = render(reveal_view("b) the running mean", "Because $\\gamma$ scales."))
    assert text.splitlines() == ["the answer: b) the running mean", "Because γ scales."]
    assert render(reveal_view("5", None, skipped=True)) == "skipped; the answer: 5"
