"""The home screen and the lesson table in a real terminal, coloured, as a learner sees
them: written without rich (see bntutor.ui.styled_lines), they must be what rich writes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from bntutor.ui.lesson_table import LessonRow, lesson_table

from .installed import finish, spawn, terminal_env

pytestmark = pytest.mark.slow

LESSONS = Path(__file__).resolve().parent.parent / "fixtures" / "player" / "lessons"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_lessons_in_a_terminal_are_what_rich_writes(lang: str, tmp_path: Path) -> None:
    env = terminal_env(tmp_path / "home", BNTUTOR_LESSONS=str(LESSONS), BNTUTOR_LANG=lang)
    del env["NO_COLOR"]
    status, out = finish(spawn(["lessons"], env))
    assert status == 0
    titles = {"en": ["Fixture basics", "Fixture next"], "zh": ["夹具基础", "Fixture next"]}[lang]
    rows = [LessonRow(1, "fixture-basics", titles[0], 3, 6),
            LessonRow(2, "fixture-next", titles[1], 1, 2)]
    expected = io.StringIO()
    Console(file=expected, width=100, force_terminal=True, highlight=False,
            soft_wrap=False).print(lesson_table(rows, lang=lang))
    assert out.replace("\r\n", "\n") == expected.getvalue()
    assert "\x1b[36m" in out  # the slugs are cyan


def test_the_home_screen_in_a_terminal(tmp_path: Path) -> None:
    env = terminal_env(tmp_path / "home", BNTUTOR_LESSONS=str(LESSONS))
    del env["NO_COLOR"]
    status, out = finish(spawn([], env))
    assert status == 0
    assert "\x1b[1m" in out and "start lesson 1: bntutor lesson 1" in out
