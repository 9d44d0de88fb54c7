"""Author text on screen: Chinese joined and wrapped per character, English as rich does it,
block markers in short texts kept literal, labels with hanging indents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.markdown import Markdown
from rich.text import Text

from bntutor.ui.cjk import NO_BREAK_AFTER, NO_BREAK_BEFORE, divide_line, join_cjk_lines
from bntutor.ui.prose import TitleRule, hanging, inline_markdown, labelled, markdown

from ..screen import screen_text

ZH = (
    "回到那位同事：一个带 BN 的模型训练得很好；验证时，各不相同的图片组成的批次预测得很好，"
    "几乎一样的图片（同一张图的增强副本）组成的批次预测得很差。"
)


def cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


def test_a_soft_break_inside_chinese_is_no_space() -> None:
    assert join_cjk_lines("一个带 BN 的模型\n训练得很好。") == "一个带 BN 的模型训练得很好。"
    assert screen_text(markdown("第一行\n第二行"), 60).splitlines() == ["第一行第二行"]


def test_english_and_mixed_line_breaks_keep_their_space() -> None:
    text = "English\nwraps with a space, 中文\nBN 后"
    assert join_cjk_lines(text) == text
    assert screen_text(markdown("one\ntwo"), 60).splitlines() == ["one two"]


def test_hard_breaks_paragraphs_and_code_are_left_alone() -> None:
    hard = "第一行  \n第二行"
    assert join_cjk_lines(hard) == hard
    assert join_cjk_lines("段一\n\n段二") == "段一\n\n段二"
    fenced = "```\n代码\n代码\n```\n正文\n继续"
    assert join_cjk_lines(fenced) == "```\n代码\n代码\n```\n正文继续"


def test_chinese_fills_each_line_instead_of_jumping_to_the_next() -> None:
    lines = screen_text(markdown(ZH), width=60).splitlines()
    # before: "回到那位同事：一个带 BN" alone on the first line, the rest pushed down
    assert lines[0].startswith("回到那位同事：一个带 BN 的模型")
    assert all(cells(line) <= 60 for line in lines)
    assert all(cells(line) >= 56 for line in lines[:-1])  # full lines, not ragged ones
    assert "".join(lines).replace(" ", "") == ZH.replace(" ", "")


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() -> None:
    for width in range(12, 40):
        for line in screen_text(markdown(ZH), width).splitlines():
            assert line[:1] not in NO_BREAK_BEFORE, (width, line)
            assert line[-1:] not in NO_BREAK_AFTER, (width, line)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab cd,.", max_size=80), st.integers(min_value=1, max_value=30))
def test_text_without_chinese_breaks_exactly_where_rich_breaks_it(text: str, width: int) -> None:
    from rich._wrap import divide_line as rich_divide_line

    assert divide_line(text, width) == rich_divide_line(text, width)


def test_english_markdown_renders_as_rich_does() -> None:
    text = "A paragraph with $\\mu_B$ and **bold** words that wraps over a few lines of text."
    plain = screen_text(Markdown("A paragraph with μ\\_B and **bold** words that wraps over a few "
                            "lines of text."), 30).splitlines()
    assert screen_text(markdown(text), 30).splitlines() == plain


def test_inline_markdown_keeps_list_and_heading_markers_as_text() -> None:
    for text in ("- 1", "2. the second", "3) three", "# not a heading", "+ plus"):
        assert screen_text(inline_markdown(text), 60).splitlines() == [text]
    assert screen_text(inline_markdown("$\\beta$ and **b**"), 60).splitlines() == ["β and b"]


def test_labelled_text_wraps_under_itself() -> None:
    text = labelled(Text("↳ "), markdown("one two three four five six"), indent=2)
    lines = screen_text(text, 16).splitlines()
    assert lines == ["  ↳ one two", "    three four", "    five six"]


def test_hanging_lines_continue_deeper_than_they_start() -> None:
    text = hanging("  torch: new = (1 - m) · old + m · batch   with m = 0.1")
    lines = screen_text(text, 40).splitlines()
    assert lines == ["  torch: new = (1 - m) · old + m · batch", "    with m = 0.1"]
    lines = screen_text(hanging("  mean    μ = (1 + 2 + 3 + 4 + 5) / 5 = 3", 10), 28).splitlines()
    assert lines == ["  mean    μ = (1 + 2 + 3 + 4", "          + 5) / 5 = 3"]


def test_a_title_too_long_for_its_rule_goes_above_it_whole() -> None:
    assert screen_text(TitleRule(Text("Short")), 20).splitlines() == ["Short " + "─" * 14]
    rule = TitleRule(Text("Lesson 8: Beyond: why BN helps, folding"))
    lines = screen_text(rule, 20).splitlines()
    assert "…" not in "".join(lines)
    assert " ".join(lines[:-1]) == "Lesson 8: Beyond: why BN helps, folding"
    assert lines[-1] == "─" * 20
