"""Author-written text on screen: markdown with ``$...$`` maths shown as Unicode.

Every lesson, question, hint, explanation, diagnosis and demo narrative goes through
:func:`markdown`, so they all look alike: maths converted, Chinese paragraphs joined
and wrapped character by character (see :mod:`bntutor.ui.cjk`). :func:`labelled`
puts a short label before such a text with a hanging indent, so wrapped lines stay
clear of the label.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich import markdown as rich_markdown
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.markdown import Markdown, MarkdownContext, MarkdownElement
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from bntutor.control_chars import visible
from bntutor.ui.cjk import join_cjk_lines
from bntutor.ui.cjk_text import CJKText, cjk_text
from bntutor.ui.mathtext import render_math_in_markdown


class _Paragraph(rich_markdown.Paragraph):
    def on_enter(self, context: MarkdownContext) -> None:
        super().on_enter(context)
        self.text = CJKText(justify="left")


__all__ = ["ProseMarkdown", "TitleRule", "cjk_text", "hanging", "inline_markdown", "labelled",
           "markdown"]


class ProseMarkdown(Markdown):
    """rich's Markdown, with paragraphs that wrap Chinese text properly."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "paragraph_open": _Paragraph,
    }


_BLOCK_START = re.compile(r"^([ \t]*\d*)([-+*#>.)])(?=[ \t]|$)")


def markdown(text: str, style: str | Style = "none") -> Markdown:
    """``text`` (markdown with maths) ready to print."""
    text = visible(text, keep="\n\t")
    return ProseMarkdown(render_math_in_markdown(join_cjk_lines(text)), style=style)


def inline_markdown(text: str, style: str | Style = "none") -> Markdown:
    """A short text (an option, a label) whose start must not turn it into a list item or
    a heading: ``- 1`` or ``2. ...`` are shown as written."""
    return markdown(_BLOCK_START.sub(_escape_marker, text, count=1), style)


def _escape_marker(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    digits = lead.strip()
    if digits and mark not in ".)" or not digits and mark in ".)":
        return match.group()  # ``3-`` or ``. x`` starts no block
    return f"{lead}\\{mark}"


class TitleRule:
    """A title in a rule across the screen; a title too long for one line is printed
    above a plain rule instead of being cut short."""

    def __init__(self, title: Text) -> None:
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.title.cell_len + 6 <= options.max_width:
            yield Rule(self.title, align="left")
            return
        title = cjk_text(self.title)
        title.overflow = "fold"
        yield title
        yield Rule()


def labelled(label: Text | str, body: RenderableType, indent: int = 0) -> Table:
    """``label`` then ``body``; ``body`` wraps under itself, not under the label.

    ``indent`` blanks go before the label.
    """
    lead = label if isinstance(label, Text) else Text(label)
    if indent:
        lead = Text(" " * indent) + lead
    if isinstance(body, Text) and not isinstance(body, CJKText):
        body = cjk_text(body)
    grid = Table.grid(padding=0)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(lead, body)
    return grid


class Hanging:
    """A line of text whose continuation lines are indented deeper than its first."""

    def __init__(self, text: Text, indent: int, hang: int) -> None:
        self.text = text
        self.indent = indent
        self.hang = hang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        first, *_ = self.text.wrap(console, max(options.max_width - self.indent, 1)) or [Text()]
        yield Text(" " * self.indent) + first
        rest = self.text[len(first.plain):]
        rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")):]
        if rest.plain:
            for line in rest.wrap(console, max(options.max_width - self.hang, 1)):
                yield Text(" " * self.hang) + line


def hanging(line: str | Text, hang: int | None = None) -> Hanging:
    """``line`` (with its leading blanks kept) wrapped so that continuation lines start
    ``hang`` columns in (default: two deeper than the line itself)."""
    text = Text(line) if isinstance(line, str) else line
    body = text.plain.lstrip(" ")
    indent = len(text.plain) - len(body)
    return Hanging(text[indent:], indent, indent + 2 if hang is None else hang)


