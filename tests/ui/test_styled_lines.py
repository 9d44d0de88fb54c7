"""The listings written without rich must be byte for byte what rich writes: the lesson
table at any width (titles wrapped as rich wraps them, Chinese included), with and
without colour, and the terminal facts rich's console would decide."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from bntutor.ui.lesson_table import LessonRow, lesson_table
from bntutor.ui.styled_lines import Terminal, render, terminal

TITLES = [
    "BN", "Why regularize", "L1 and L2, derived two ways", "Batch Normalization, by hand",
    "Beyond: why BN helps, its backward pass, folding, small batches",
    "训练与推理：滑动平均之问", "进阶：BN 为何有效、反向传播、折叠、小批次",
    "Transformer 中的归一化：LayerNorm、RMSNorm 与 pre-LN",
    "a-very-long-word-without-any-spaces-in-it",
]
rows_strategy = st.lists(
    st.builds(
        LessonRow,
        number=st.integers(1, 12),
        slug=st.sampled_from(["bn", "why-regularize", "train-vs-inference"]),
        title=st.sampled_from(TITLES),
        minutes=st.sampled_from([5, 14, 120]),
        steps=st.integers(0, 18),
        steps_done=st.integers(0, 18),
        finished=st.booleans(),
        started=st.booleans(),
    ),
    min_size=1,
    max_size=9,
)


def rich_writes(rows: list[LessonRow], width: int, lang: str, styled: bool) -> str:
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=styled,
            color_system="standard" if styled else None, highlight=False,
            soft_wrap=False).print(lesson_table(rows, lang=lang))
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(rows=rows_strategy, width=st.integers(20, 130), lang=st.sampled_from(["en", "zh"]),
       styled=st.booleans())
def test_the_lesson_table_is_written_as_rich_writes_it(
    rows: list[LessonRow], width: int, lang: str, styled: bool
) -> None:
    lines = lesson_table(rows, lang=lang).lines(width)
    if lines is not None:  # None: the caller prints through rich
        assert render(lines, styled) == rich_writes(rows, width, lang, styled)


@pytest.mark.parametrize("width", [72, 80, 100])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_course_at_common_widths_needs_no_rich(width: int, lang: str) -> None:
    rows = [LessonRow(i, "slug", title, 12, 10) for i, title in enumerate(TITLES[:8], 1)]
    lines = lesson_table(rows, lang=lang).lines(width)
    assert lines is not None
    assert render(lines, True) == rich_writes(rows, width, lang, True)


class _Stream(io.StringIO):
    def __init__(self, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self._tty, self._encoding = tty, encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


ENVIRONMENTS = [
    {}, {"COLUMNS": "57"}, {"NO_COLOR": "1"}, {"TERM": "dumb"},
    {"TERM": "unknown", "COLUMNS": "90"},
    {"TERM": "dumb", "COLUMNS": "90", "LINES": "20"}, {"COLUMNS": "0"}, {"COLUMNS": "x"},
    {"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""}, {"TTY_COMPATIBLE": "0"}, {"TTY_COMPATIBLE": "1"},
    {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
]


@pytest.mark.parametrize("env", ENVIRONMENTS)
@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("no_color", [False, True])
def test_terminal_decides_as_rich_does(env: dict[str, str], tty: bool, no_color: bool) -> None:
    stream = _Stream(tty)
    plain = no_color or env.get("NO_COLOR", "") != ""
    console = Console(file=stream, no_color=plain or None, color_system=None if plain else "auto",
                      _environ=env)
    assert terminal(stream, no_color, env) == Terminal(
        console.width, console.is_terminal and console.color_system is not None
    )


def test_only_rich_knows_a_stream_that_is_not_utf8_or_missing() -> None:
    assert terminal(_Stream(True, "ascii"), False, {}) is None
    assert terminal(None, False, {}) is None


@pytest.mark.parametrize("styled", [False, True])
def test_styled_lines_are_written_as_rich_writes_texts(styled: bool) -> None:
    from rich.text import Text

    lines = [(("bntutor: learn BN", "bold"),), (),
             (("next: ", "bold"), ("continue lesson 1 at step 4 of 6: bntutor lesson 1", "")),
             (("练习：", "bold"), ("16 个中通过 0 个；下一个：bntutor exercise bn-forward", "")),
             (("bntutor --help lists every command", "dim"),), (("", "bold"), ("✓", "green"))]
    out = io.StringIO()
    console = Console(file=out, width=80, force_terminal=styled,
                      color_system="standard" if styled else None, highlight=False,
                      soft_wrap=False)
    for line in lines:
        console.print(Text.assemble(*line))
    assert render(lines, styled) == out.getvalue()
