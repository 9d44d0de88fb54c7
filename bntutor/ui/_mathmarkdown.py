"""Find the ``$...$`` and ``$$...$$`` maths in markdown text, skipping code.

Rules (as pandoc's ``tex_math_dollars``): an inline ``$`` opens maths only when a non-blank
follows it and closes only after a non-blank and before a non-digit, within a paragraph;
``\\$`` is a literal dollar; code spans and fenced code blocks are copied unchanged.

The work is linear in the text: each scan stops where the next one starts, and the
closing run of a code span is looked up in an index of all backtick runs made once
(searching the rest of the text for each unmatched run took minutes on a large text).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*(\n|$)")


def replace_math(text: str, convert: Callable[[str], str]) -> str:
    """``text`` with each maths span replaced by ``convert(latex_inside_the_dollars)``."""
    out: list[str] = []
    i, n = 0, len(text)
    line_start = True
    runs = _BacktickRuns(text)
    while i < n:
        if line_start:
            fence = _FENCE.match(text, i)
            if fence:
                end = _fence_end(text, fence.end(), fence.group(1))
                out.append(text[i:end])
                i = end
                continue
        ch = text[i]
        end = i + 1
        piece = ch
        if ch == "\\" and i + 1 < n:
            end = i + 2
            piece = text[i:end]
        elif ch == "`":
            end = runs.code_span_end(i)
            piece = text[i:end]
        elif text.startswith("$$", i):
            close = text.find("$$", i + 2)
            if close != -1 and text[i + 2 : close].strip():
                end = close + 2
                piece = convert(text[i + 2 : close].strip())
            else:
                end = i + 2
                piece = "$$"
        elif ch == "$":
            inline_end = _inline_close(text, i)
            if inline_end is not None:
                end = inline_end + 1
                piece = convert(text[i + 1 : inline_end])
        out.append(piece)
        line_start = piece.endswith("\n")
        i = end
    return "".join(out)


def _fence_end(text: str, start: int, fence: str) -> int:
    """The end of a fenced code block opened by ``fence`` (its closing line, or the text)."""
    closing = re.compile(rf"^[ ]{{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
    first_line_end = text.find("\n", start)
    if first_line_end == -1:
        return len(text)
    match = closing.search(text, first_line_end + 1)
    if match is None:
        return len(text)
    return match.end()


class _BacktickRuns:
    """Where every maximal run of backticks of each length starts, found in one pass."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: dict[int, list[int]] = {}
        for match in _BACKTICKS.finditer(text):
            self._starts.setdefault(len(match.group()), []).append(match.start())

    def code_span_end(self, start: int) -> int:
        """The end of the code span opened by the backtick run at ``start`` (a run that
        may begin after an escaped backtick), or of the run when no run of the same
        length closes it."""
        run = len(_BACKTICKS.match(self._text, start).group())  # type: ignore[union-attr]
        starts = self._starts.get(run, [])
        k = bisect_left(starts, start + run)
        return starts[k] + run if k < len(starts) else start + run


def _inline_close(text: str, start: int) -> int | None:
    """Index of the ``$`` that closes the inline maths opened at ``start``, if any."""
    n = len(text)
    if start + 1 >= n or text[start + 1].isspace():
        return None
    j = start + 1
    while j < n:
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "`" or (ch == "\n" and _BLANK_LINE.match(text, j)):
            return None  # maths never holds code, and a blank line ends the paragraph
        if ch == "$":
            if not text[j - 1].isspace() and not text[j + 1 : j + 2].isdigit():
                return j
            return None
        j += 1
    return None
