"""Where the learner's lines come from: a person at a terminal, or a script.

Both sources return one line without its newline, or None at end of input; Ctrl-C
propagates as KeyboardInterrupt for the player to save progress.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, TextIO

from rich.console import Console
from rich.text import Text

PROMPT = "› "
PROMPT_STYLE = "bold cyan"
CONTINUE = "press Enter to continue"


class AnswerSource(Protocol):
    """A stream of the learner's lines. ``interactive``: a person waits at each prompt."""

    @property
    def interactive(self) -> bool: ...

    def read(self, prompt: str = PROMPT) -> str | None: ...


class TerminalSource:
    """Asks at the terminal with ``console.input`` (line editing when readline is present)."""

    def __init__(self, console: Console, stream: TextIO | None = None) -> None:
        self._console = console
        self._stream = stream  # None: the builtin input(), i.e. the real terminal

    @property
    def interactive(self) -> bool:
        return True

    def read(self, prompt: str = PROMPT) -> str | None:
        try:
            line = self._console.input(Text(prompt, style=PROMPT_STYLE), stream=self._stream)
        except EOFError:
            return None
        if self._stream is not None and line == "":
            return None  # a stream at its end gives "" (an empty line is "\n")
        return line.rstrip("\r\n")


class ScriptedSource:
    """Lines from a file or a pipe, one answer each; blank lines are skipped.

    Each line taken is echoed after the prompt so the rendered run reads like a session.
    """

    def __init__(self, stream: TextIO, console: Console | None = None) -> None:
        self._lines: Iterator[str] = iter(stream)
        self._console = console

    @property
    def interactive(self) -> bool:
        return False

    def read(self, prompt: str = PROMPT) -> str | None:
        for raw in self._lines:
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            if self._console is not None:
                self._console.print(Text(prompt, style=PROMPT_STYLE) + Text(line))
            return line
        return None
