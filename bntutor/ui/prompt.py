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

A timed quiz reads with a ``deadline``: on POSIX the wait gives up when time runs out
while the learner is still thinking (the read returns
:data:`bntutor.player.io.TIME_UP`), and calls ``tick(remaining)`` each second to redraw
a live countdown. Where ``select`` cannot wait on the stream (a script, an answers file)
a whole line is read and the quiz checks the clock afterwards.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Protocol, TextIO, overload

from rich.console import Console
from rich.text import Text

from bntutor.control_chars import visible

if TYPE_CHECKING:  # imported when time is up: confirm() needs none of the player
    from bntutor.player.io import Reply

PROMPT = "› "
PROMPT_STYLE = "bold cyan"
#: The longest a wait for a line goes without giving Python a chance to act on Ctrl-C.
POLL_SECONDS = 0.2
#: How often a timed wait redraws its countdown.
TICK_SECONDS = 1.0

Tick = Callable[[float], None]


def _fd(stream: TextIO | None, terminal_only: bool) -> int | None:
    """The file descriptor ``select()`` can wait on for ``stream`` (default: stdin), or
    None. Untimed waits take terminals only: in their line mode each read returns one
    whole line, so nothing is left buffered that ``select()`` could not see."""
    target = sys.stdin if stream is None else stream
    if os.name != "posix" or target is None:
        return None
    try:
        fd = target.fileno()
        return fd if not terminal_only or os.isatty(fd) else None
    except (AttributeError, OSError, ValueError):
        return None


def wait_for_line(stream: TextIO | None = None, deadline: float | None = None,
                  tick: Tick | None = None, timer: Callable[[], float] = time.monotonic) -> bool:
    """Return once ``stream`` (default: stdin) has a line, or its end, to read: True; or
    False once ``deadline`` (``timer`` seconds) passes first.

    Without a deadline only terminals are waited on; other streams (files, pipes, test
    doubles) return at once and are read directly.
    """
    fd = _fd(stream, terminal_only=deadline is None)
    if fd is None:
        return True
    import select

    while True:  # back in Python between slices: a pending Ctrl-C is raised here
        remaining = POLL_SECONDS if deadline is None else deadline - timer()
        if remaining <= 0:
            return False
        if select.select([fd], [], [], min(TICK_SECONDS, remaining))[0]:
            return True
        if tick is not None and deadline is not None:
            tick(deadline - timer())


class AnswerSource(Protocol):
    """A stream of the learner's lines. ``interactive``: a person waits at each prompt."""

    @property
    def interactive(self) -> bool: ...

    def read(self, prompt: str = PROMPT) -> str | None: ...


class TerminalSource:
    """Asks at the terminal with ``console.input``; ``timer`` gives monotonic seconds."""

    interactive = True

    def __init__(self, console: Console, stream: TextIO | None = None,
                 timer: Callable[[], float] = time.monotonic) -> None:
        self._console = console
        self._stream = stream  # None: the builtin input(), i.e. the real terminal
        self._timer = timer

    @overload
    def read(self, prompt: str = PROMPT, deadline: None = None) -> str | None: ...

    @overload
    def read(self, prompt: str = PROMPT, deadline: float | None = None,
             tick: Tick | None = None) -> Reply: ...

    def read(self, prompt: str = PROMPT, deadline: float | None = None,
             tick: Tick | None = None) -> Reply:
        self._console.print(Text(prompt, style=PROMPT_STYLE), end="")
        self._console.file.flush()
        # so a Ctrl-C is never lost before the read (see above)
        if not wait_for_line(self._stream, deadline, tick, self._timer):
            from bntutor.player.io import TIME_UP

            self._console.print()
            return TIME_UP
        try:
            line = self._console.input(stream=self._stream)
        except EOFError:
            return None
        if self._stream is not None and line == "":
            return None  # a stream at its end gives "" (an empty line is "\n")
        return line.rstrip("\r\n")

    def pending(self) -> bool:
        """True once a whole line is waiting to be read (Enter was pressed)."""
        fd = _fd(self._stream, terminal_only=False)
        if fd is None:
            return False
        import select

        return bool(select.select([fd], [], [], 0)[0])


class ScriptedSource:
    """Lines from a file or a pipe, one answer each, for lessons and quizzes alike; blank
    lines are skipped.

    Each line taken is echoed after the prompt so the rendered run reads like a session.
    """

    interactive = False

    def __init__(self, stream: TextIO, console: Console | None = None) -> None:
        self._lines: Iterator[str] = iter(stream)
        self._console = console

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
