"""Step rendering: header, progress line, questions with lettered options, hints, help."""

from __future__ import annotations

from bntutor.ui import player_views as player

from ..screen import screen_text


def test_header_names_the_lesson_and_its_length() -> None:
    text = screen_text(player.header(3, "BN by hand", 12))
    assert text.startswith("Lesson 3: BN by hand  (~12 min) ─")


def test_progress_line_fills_with_the_steps_before() -> None:
    assert screen_text(player.progress_line(1, 4)) == "step 1 of 4  " + "─" * player.BAR_WIDTH
    bar = screen_text(player.progress_line(3, 5)).split()[-1]
    assert bar == "━" * 8 + "─" * 12  # 2 of 5 steps behind, on a bar of 20

def test_question_lists_options_by_letter_with_math() -> None:
    text = screen_text(player.question_view("Which is $\\mu_B$?", ["the mean $\\mu$", "the var"],
                                       multi=False, unit=None))
    lines = text.splitlines()
    assert lines[0] == "Which is μ_B?"
    assert lines[1] == "a) the mean μ"
    assert lines[2] == "b) the var"
    assert "answer with a letter" in text and ":hint" in text


def test_a_long_option_wraps_under_its_own_text() -> None:
    option = "A normalization of each layer's activations, whose mild regularizing effect comes"
    view = player.question_view("Q", [option, "- 1"], False, None)
    lines = screen_text(view, width=40).splitlines()
    assert lines[1:4] == ["a) A normalization of each layer's",
                          "   activations, whose mild regularizing",
                          "   effect comes"]
    assert lines[4] == "b) - 1"  # an option is never taken for a list item


def test_a_long_hint_wraps_under_its_text() -> None:
    hint = player.hint_view("one two three four five six", 2, 3)
    lines = screen_text(hint, width=24).splitlines()
    assert lines == ["hint 2/3: one two three", "          four five six"]


def test_progress_bar_stays_put_when_the_step_gains_a_digit() -> None:
    nine, ten = screen_text(player.progress_line(9, 12)), screen_text(player.progress_line(10, 12))
    assert nine.startswith("step 9 of 12   ") and ten.startswith("step 10 of 12  ")
    assert nine.index("━") == ten.index("━")


def test_multi_question_and_unit() -> None:
    assert "letters, e.g. a,c" in screen_text(player.question_view("Q", ["x", "y"], True, None))
    assert "unit: ms" in screen_text(player.question_view("Q", [], False, "ms"))


def test_option_letters_run_past_z() -> None:
    assert [player.option_letter(i) for i in (0, 1, 25, 26)] == ["a", "b", "z", "27"]


def test_hint_help_and_saved_line() -> None:
    assert screen_text(player.hint_view("divide by $n$", 1, 2)) == "hint 1/2: divide by n"
    assert "no more hints (all 2 shown)" in screen_text(player.no_hint_view(2))
    assert screen_text(player.no_hint_view(0)) == (
        "this question has no hints: give it a try, or :skip to see the answer"
    )
    assert screen_text(player.no_hint_view(0, explained=True)).endswith(
        ":skip to see the answer and why"
    )
    help_text = screen_text(player.help_view())
    for command in (":hint", ":skip", ":quit", ":help", "Ctrl-C"):
        assert command in help_text
    assert player.saved_line(3, "bn") == "progress saved; resume with `bntutor lesson 3`"
