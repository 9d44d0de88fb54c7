"""Where the learner's lines come from: a person at a terminal, or a script.

Both sources return one line without its newline, or None at end of input; Ctrl-C
propagates as KeyboardInterrupt for the player to save progress. :func:`confirm` asks a
yes/no question the same way.

Every wait at a terminal goes through :func:`wait_for_line`. Python acts on SIGINT only
between bytecodes: its C handler notes the signal and the interpreter raises
KeyboardInterrupt at its next check. A Ctrl-C that lands after that check but before a
blocking read() begins interrupts nothing, and the read sleeps until the next line (a
prompt that outlives its Ctrl-C). Waiting in short ``select()`` slices returns to Python
several times a second, so Ctrl-C ends the wait wherever it lands.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Protocol, TextIO

from rich.console import Console
from rich.text import Text

from bntutor.control_chars import visible

PROMPT = "› "
PROMPT_STYLE = "bold cyan"
#: The longest a wait for a line goes without giving Python a chance to act on Ctrl-C.
POLL_SECONDS = 0.2


def wait_for_line(stream: TextIO | None = None, poll: float = POLL_SECONDS) -> None:
    """Return once the terminal ``stream`` (default: stdin) has a line, or its end, to read.

    Only terminals are waited on: in their line mode each read returns one whole line,
    so nothing is left buffered that ``select()`` could not see. Other streams (files,
    pipes, test doubles) return at once and are read directly.
    """
    target = sys.stdin if stream is None else stream
    if os.name != "posix" or target is None:
        return
    try:
        fd = target.fileno()
        if not os.isatty(fd):
            return
    except (AttributeError, OSError, ValueError):
        return
    import select

    while not select.select([fd], [], [], poll)[0]:
        pass  # back in Python between slices: a pending Ctrl-C is raised here


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
        self._console.print(Text(prompt, style=PROMPT_STYLE), end="")
        self._console.file.flush()
        wait_for_line(self._stream)  # so a Ctrl-C is never lost before the read (see above)
        try:
            line = self._console.input(stream=self._stream)
        except EOFError:
            return None
        if self._stream is not None and line == "":
            return None  # a stream at its end gives "" (an empty line is "\n")
        return line.rstrip("\r\n")


class ScriptedSource:
    """Lines from a file or a pipe, one answer each, for lessons and quizzes alike; blank
    lines are skipped.

    Each line taken is echoed after the prompt so the rendered run reads like a session.
    """

    def __init__(self, stream: TextIO, console: Console | None = None) -> None:
        self._lines: Iterator[str] = iter(stream)
        self._console = console

    @property
    def interactive(self) -> bool:
        return False

    def pending(self) -> bool:
        return False

    def read(self, prompt: str = PROMPT, deadline: float | None = None,
             tick: object = None) -> str | None:
        """The next line; a script does not wait, so ``deadline`` and ``tick`` (a timed
        quiz's) are not needed: the quiz checks its clock after each line."""
        for raw in self._lines:
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            if self._console is not None:
                self._console.print(Text(prompt, style=PROMPT_STYLE) + Text(visible(line)))
            return line
        return None


def confirm(console: Console, question: str, stream: TextIO | None = None) -> bool | None:
    """Ask ``question [y/N]`` at the terminal: True for y/yes, False for n/no or Enter,
    None at the end of input; anything else asks again. Ctrl-C raises KeyboardInterrupt."""
    from bntutor.messages import message

    source = TerminalSource(console, stream)
    while True:
        line = source.read(f"{question} [y/N] ")
        if line is None:
            return None
        answer = line.strip().lower()
        if answer in ("y", "yes"):
            return True
        if answer in ("", "n", "no"):
            return False
        console.print(message("confirm.again"))
