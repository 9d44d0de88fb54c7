"""Paging: a section or a screenful at a time with a reader, straight through without."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from bntutor.ui.pager import Pager


def console(height: int = 10) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=40, height=height, no_color=True), out


def block(name: str, lines: int) -> Text:
    return Text("\n".join(f"{name} line {i}" for i in range(lines)))


class Reader:
    def __init__(self, lines: list[str | None]) -> None:
        self.lines = lines
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        return self.lines.pop(0) if self.lines else None


def test_sections_pause_between_sections() -> None:
    screen, out = console()
    read = Reader(["", ""])
    Pager(screen, read).sections([[block("a", 1)], [block("b", 1)], [block("c", 1)]])
    assert read.prompts == ["press Enter for more › "] * 2
    assert out.getvalue().splitlines() == ["a line 0", "b line 0", "c line 0"]


def test_a_long_section_is_paged_a_screenful_at_a_time_too() -> None:
    screen, out = console(height=6)  # 4 lines of room
    read = Reader(["", "", ""])
    Pager(screen, read).sections([[block("a", 3), block("b", 3)], [block("c", 1)]])
    assert len(read.prompts) == 2  # inside the first section, then before the second
    assert len(out.getvalue().splitlines()) == 7


def test_a_screenful_pauses_only_where_the_next_part_would_not_fit() -> None:
    screen, out = console(height=10)  # 8 lines of room
    read = Reader([""])
    Pager(screen, read, "zh").screenful([block("a", 3), block("b", 4), block("c", 3),
                                         block("d", 2)])
    assert read.prompts == ["按回车看下一部分 › "]  # before c: 3 + 4 + 3 > 8; then c + d fit
    assert len(out.getvalue().splitlines()) == 12


def test_without_a_reader_or_after_end_of_input_it_prints_straight_through() -> None:
    screen, out = console(height=4)
    Pager(screen, None).screenful([block("a", 3), block("b", 3)])
    Pager(screen, None).sections([[block("c", 1)], [block("d", 1)]])
    assert len(out.getvalue().splitlines()) == 8
    read = Reader([None])  # input ends at the first pause: no second pause
    Pager(screen, read).sections([[block("e", 1)], [block("f", 1)], [block("g", 1)]])
    assert len(read.prompts) == 1
    assert out.getvalue().splitlines()[-3:] == ["e line 0", "f line 0", "g line 0"]
