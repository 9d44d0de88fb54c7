"""Verdicts on screen: marks, the diagnosed mistake, per-element diffs, the reveal."""

from __future__ import annotations

from bntutor.checking.verdict import ElementDiff, Verdict
from bntutor.ui.verdict_view import MAX_DIFF_ROWS, reveal_view, verdict_view

from ..screen import screen_text


def test_right_answer() -> None:
    assert screen_text(verdict_view(Verdict(True, "Correct."))) == "✓ Correct."


def test_wrong_answer_with_diagnosis_and_tries_left() -> None:
    verdict = Verdict(False, "Not correct.", diagnosis="you divided by n - 1")
    lines = screen_text(verdict_view(verdict, tries_left=2)).splitlines()
    assert lines[0] == "✗ Not correct."
    assert lines[1] == "  ↳ you divided by n - 1"
    assert lines[2].strip() == "2 tries left; :hint for a hint"
    assert "1 try left" in screen_text(verdict_view(verdict, tries_left=1))
    assert "left" not in screen_text(verdict_view(verdict, tries_left=None))


def test_tensor_diffs_show_each_element() -> None:
    diffs = [
        ElementDiff((0, 0), 1.0, 1.0, True),
        ElementDiff((0, 1), 2.5, -0.5, False),
        ElementDiff((1, 0), None, 3.0, False),
    ]
    text = screen_text(verdict_view(Verdict(False, "2 elements differ", diffs=diffs)))
    rows = [line.split() for line in text.splitlines()[2:]]
    assert rows == [["[0,", "0]", "1", "1", "✓"], ["[0,", "1]", "2.5", "-0.5", "✗"],
                    ["[1,", "0]", "…", "3", "✗"]]


def test_many_diffs_show_the_wrong_ones_first_and_a_count() -> None:
    diffs = [ElementDiff((i,), float(i), float(i), True) for i in range(20)]
    diffs.append(ElementDiff((20,), 0.0, 20.0, False))
    text = screen_text(verdict_view(Verdict(False, "1 element differs", diffs=diffs)))
    assert "[20]" in text
    assert f"… {len(diffs) - MAX_DIFF_ROWS} more" in text


def test_reveal_shows_answer_then_explanation() -> None:
    text = screen_text(reveal_view("b) the running mean", "Because $\\gamma$ scales."))
    assert text.splitlines() == ["the answer: b) the running mean", "Because γ scales."]
    assert screen_text(reveal_view("5", None, skipped=True)) == "skipped; the answer: 5"


def test_diagnosis_renders_maths_and_markdown_and_wraps_under_itself() -> None:
    verdict = Verdict(False, "Not correct.",
                      diagnosis="That is the gradient of $(\\lambda/2) w^2$, the **form** "
                                "weight decay uses; for $\\lambda w^2$ it is $2\\lambda w$.")
    lines = screen_text(verdict_view(verdict), 40).splitlines()
    assert lines == [
        "✗ Not correct.",
        "  ↳ That is the gradient of (λ/2)w², the",
        "    form weight decay uses; for λw² it",
        "    is 2λw.",
    ]


def test_tries_left_points_to_skip_once_the_hints_are_used_up() -> None:
    verdict = Verdict(False, "Not correct.")
    assert "2 tries left; :hint for a hint" in screen_text(verdict_view(verdict, 2, hints_left=1))
    assert "2 tries left; :skip to see the answer" in screen_text(verdict_view(verdict, 2, 0))


def test_revealed_answer_shows_maths_and_one_option_per_line() -> None:
    text = screen_text(reveal_view("a) BN's $\\beta$ plays the bias; c) the mean $\\mu_B$", None))
    assert text.splitlines() == ["the answer: a) BN's β plays the bias",
                                 "            c) the mean μ_B"]
    assert screen_text(reveal_view("2*lambda*w", None)) == "the answer: 2*lambda*w"  # no markdown


def test_revealed_options_render_like_the_question_and_wrap_under_their_text() -> None:
    answer = "a) Inverted dropout scales by $1/(1-p)$ in training; b) `model.eval()` turns it off"
    lines = screen_text(reveal_view(answer, None, skipped=True), 44).splitlines()
    assert lines == [
        "skipped; the answer: a) Inverted dropout",
        "                        scales by 1/(1-p) in",
        "                        training",
        "                     b) model.eval() turns",
        "                        it off",
    ]
