"""Control characters are shown, never obeyed: the one helper, and the views that use it."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from bntutor.control_chars import describe, first_control, visible
from bntutor.quiz.results import QuestionResult
from bntutor.ui.player_views import reason_view
from bntutor.ui.prompt import ScriptedSource
from bntutor.ui.prose import markdown

from .screen import screen_text

ATTACKS = [
    "\x1b[2J",  # clear the screen
    "\x1b]0;pwned\x07",  # set the window title
    "\x1b[31mred",  # recolour
    "\x9b2J",  # the same through the one-byte CSI
    "over\rwrite",  # a carriage return rewrites the line
    "\u202eevil",  # a right-to-left override
    "del\x7f",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_visible_leaves_no_control_character(attack: str) -> None:
    shown = visible(attack)
    assert first_control(shown, keep="") is None
    assert shown != attack and len(shown) >= len(attack)


def test_visible_shows_what_was_there() -> None:
    assert visible("\x1b[2J") == "␛[2J"
    assert visible("a\x00b\x7f") == "a␀b␡"
    assert visible("\x9b\u202e") == "\\x9b\\u202e"
    assert visible("line\nnext\ttab", keep="\n\t") == "line\nnext\ttab"
    assert visible("line\nnext") == "line␊next"
    text = "中文 ordinary text, ümlauts and maths: x̂ᵢ = (xᵢ − μ)/σ"
    assert visible(text) is text


def test_first_control_and_describe() -> None:
    assert first_control("ok\nfine\t") is None
    assert first_control("ok\x1b[2J") == 2
    assert describe("\x1b") == "U+001B (ESC)"
    assert describe("\u202e") == "U+202E"


@pytest.mark.parametrize("terminal", [False, True])
def test_content_and_reasons_reach_the_screen_without_escapes(terminal: bool) -> None:
    for view in (markdown("a lesson \x1b[2J with $x$\n\nand \x1b]0;t\x07 more"),
                 reason_view("could not read '\x1b[2J' as a number")):
        shown = screen_text(view, terminal=terminal)
        assert "\x1b" not in shown and "␛" in shown


def test_a_scripted_answer_is_echoed_visibly() -> None:
    out = io.StringIO()
    console = Console(file=out, width=80, force_terminal=True, color_system=None)
    source = ScriptedSource(io.StringIO("\x1b[2J\x1b]0;pwned\x07 2\n"), console)
    assert source.read() == "\x1b[2J\x1b]0;pwned\x07 2"  # the checker gets what was sent
    assert "\x1b" not in out.getvalue() and "␛[2J␛]0;pwned␇ 2" in out.getvalue()


def test_the_quiz_report_says_what_was_said_visibly() -> None:
    from bntutor.ui.report_view import missed_view

    result = QuestionResult(item_id="q", topic="t", difficulty=1, prompt="p", status="wrong",
                            answer="\x1b[31mred\x1b]0;pwned\x07", expected="b")
    shown = screen_text(missed_view(result), terminal=True)
    assert "\x1b" not in shown and "you said: ␛[31mred␛]0;pwned␇" in shown
