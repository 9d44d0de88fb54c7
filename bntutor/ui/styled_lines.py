"""Lines of styled text written without rich, for the screens every start shows.

Importing rich's console and table takes longer than the rest of ``bntutor lessons`` and
the home screen (see ``benchmarks/startup.py``). Those screens are short lines of a few
styles, so :func:`terminal` asks what rich's console would (a terminal or not, colour,
width) and :func:`render` writes the lines as rich writes them, escape for escape. Where
that is not simple (Windows, an encoding other than UTF-8, a line that would wrap, a
control character) the caller prints through rich as before. ``tests/ui`` checks the
output against rich's own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from rich.cells import cell_len

#: The styles these lines use, as the SGR codes rich writes for them.
CODES = {"bold": "1", "dim": "2", "green": "32", "yellow": "33", "cyan": "36"}

Span = tuple[str, str]  # text and its style ("" for none)
Line = tuple[Span, ...]


@dataclass(frozen=True)
class Terminal:
    """What rich's console would decide for a stream: its width, and whether it styles."""

    width: int
    styled: bool


def terminal(stream: TextIO | None, no_color: bool,
             environ: Mapping[str, str] | None = None) -> Terminal | None:
    """The :class:`Terminal` rich would see for ``stream``, or None where only rich knows."""
    env = os.environ if environ is None else environ
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    if stream is None or os.name == "nt" or not encoding.startswith("utf"):
        return None
    is_terminal = _is_terminal(stream, env)
    dumb = is_terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
    plain = no_color or env.get("NO_COLOR", "") != ""
    return Terminal(_width(env, dumb), is_terminal and not dumb and not plain)


def _is_terminal(stream: TextIO, env: Mapping[str, str]) -> bool:
    tty_compatible = env.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "1"
    force_color = env.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    try:
        return stream.isatty()
    except ValueError:  # closed
        return False


def _width(env: Mapping[str, str], dumb: bool) -> int:
    columns = env.get("COLUMNS", "")
    if columns.isdigit() and env.get("LINES", "").isdigit():
        return int(columns)
    if dumb:
        return 80
    width = 0
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return int(columns) if columns.isdigit() else width or 80


def plain_enough(text: str) -> bool:
    """No control character, tab or markup that rich would treat specially."""
    return all(c >= " " and not "\x7f" <= c < "\xa0" for c in text)


def width_of(line: Line) -> int:
    return sum(cell_len(text) for text, _ in line)


def render(lines: Sequence[Line], styled: bool) -> str:
    """The lines as rich writes them: each styled span wrapped in its own escape codes."""
    return "".join(
        "".join(f"\x1b[{CODES[style]}m{text}\x1b[0m" if style and styled and text else text
                for text, style in line) + "\n"
        for line in lines
    )


def write(lines: Sequence[Line], term: Terminal, stream: TextIO | None = None) -> None:
    out = sys.stdout if stream is None else stream
    out.write(render(lines, term.styled))
    out.flush()
