"""Chinese (and Japanese) text in a terminal: where lines may join and where they may break.

Rich wraps at spaces only, so a run of Chinese characters between two English words is
one long "word": it jumps to a new line, leaving the line before it short, and is then
cut at any character, punctuation included. Here every CJK character is its own word,
so a line fills up, and the usual line-breaking rules hold: no line starts with a
closing mark such as ``，`` or ``）`` and none ends with an opening one such as ``（``.

Likewise a line break inside a Chinese paragraph is no word gap: :func:`join_cjk_lines`
removes it, where a plain markdown renderer would show a space. Text without CJK
characters is left exactly as rich handles it. (The rich Text that wraps this way is
``bntutor.ui.cjk_text``: these rules alone are light enough for the lesson listing.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from rich.cells import cell_len, chop_cells

_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
)
_FENCE = re.compile(r"[ ]{0,3}(```|~~~)")
#: Marks that never start a line, and marks that never end one.
NO_BREAK_BEFORE = frozenset("，。、；：！？）」』】》〉〕〗〙〛…—～’”%,.;:!?)]}")
NO_BREAK_AFTER = frozenset("（「『【《〈〔〖〘〚‘“([{")


@functools.cache
def _unit() -> re.Pattern[str]:
    """A CJK character or a run of other non-blanks (compiled on first use: it is slow
    to build, and English-only screens never need it)."""
    return re.compile(rf"\s*(?:[{_CJK}]|[^\s{_CJK}]+)\s*")


@functools.cache
def _one_cjk() -> re.Pattern[str]:
    return re.compile(f"[{_CJK}]")


def has_cjk(text: str) -> bool:
    # Every CJK range starts at U+2E80 or later: plain text never builds the pattern.
    return any(ord(c) >= 0x2E80 for c in text) and _one_cjk().search(text) is not None


def is_cjk(char: str) -> bool:
    return ord(char[:1] or "a") >= 0x2E80 and _one_cjk().fullmatch(char) is not None


def join_cjk_lines(text: str) -> str:
    """Remove each soft line break that sits between two CJK characters (outside code).

    A break after two trailing spaces or a backslash is a hard break and stays.
    """
    if not has_cjk(text):
        return text
    lines = text.split("\n")
    out = [lines[0]]
    in_fence = _FENCE.match(lines[0]) is not None
    for line in lines[1:]:
        previous = out[-1]
        body = line.lstrip(" \t")
        if (
            not in_fence
            and previous
            and body
            and is_cjk(previous[-1])
            and is_cjk(body[0])
        ):
            out[-1] = previous + body
            continue
        if _FENCE.match(line):
            in_fence = not in_fence
        out.append(line)
    return "\n".join(out)


def _words(text: str) -> Iterator[tuple[int, str]]:
    """``(start, word)``: a CJK character or a run of other non-blanks, with its trailing
    blanks; a closing mark stays with the word before it, an opening one with the next."""
    start, word = 0, ""
    for match in _unit().finditer(text):
        piece = match.group()
        core = piece.strip()
        if word and not word[-1].isspace() and core and (
            core[0] in NO_BREAK_BEFORE or word.rstrip()[-1] in NO_BREAK_AFTER
        ):
            word += piece
            continue
        if word:
            yield start, word
        start, word = match.start(), piece
    if word:
        yield start, word


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Offsets to break ``text`` at to fit ``width`` cells (as ``rich._wrap.divide_line``,
    with a break allowed around every CJK character)."""
    breaks: list[int] = []
    offset = 0
    for start, word in _words(text):
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            if fold:
                pieces = chop_cells(word, width)
                for i, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if i == len(pieces) - 1:
                        offset = cell_len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks
