"""Reading one answer line with a deadline, for timed quizzes.

At a terminal on POSIX the reader waits with ``select()`` in steps of at most a second,
so it can give up when time runs out while the learner is still thinking, and call
``tick(remaining)`` each second to redraw a live countdown. Elsewhere (a script, a
pipe, an answers file, or no ``select`` for the stream) it reads a whole line and the
quiz checks the clock afterwards.

``read`` returns the line without its newline, None at the end of input, or
:data:`bntutor.player.io.TIME_UP`. Ctrl-C propagates as KeyboardInterrupt.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TextIO

from rich.console import Console
from rich.text import Text

from bntutor.player.io import TIME_UP, Reply
from bntutor.ui.prompt import PROMPT, PROMPT_STYLE, wait_for_line

Tick = Callable[[float], None]


def _selectable(stream: TextIO) -> bool:
    if os.name != "posix":
        return False
    try:
        stream.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return True


class TerminalReader:
    """A person at a terminal: waits for a line until ``deadline`` (``timer`` seconds)."""

    interactive = True

    def __init__(self, console: Console, stream: TextIO, timer: Callable[[], float]) -> None:
        self._console = console
        self._stream = stream
        self._timer = timer

    def read(self, prompt: str = PROMPT, deadline: float | None = None,
             tick: Tick | None = None) -> Reply:
        self._console.print(Text(prompt, style=PROMPT_STYLE), end="")
        self._console.file.flush()
        if deadline is None or not _selectable(self._stream):
            return self._line()
        import select

        fd = self._stream.fileno()
        while True:
            remaining = deadline - self._timer()
            if remaining <= 0:
                self._console.print()
                return TIME_UP
            ready, _, _ = select.select([fd], [], [], min(1.0, remaining))
            if ready:
                return self._line()
            if tick is not None:
                tick(deadline - self._timer())

    def pending(self) -> bool:
        """True once a whole line is waiting to be read (Enter was pressed)."""
        if not _selectable(self._stream):
            return False
        import select

        ready, _, _ = select.select([self._stream.fileno()], [], [], 0)
        return bool(ready)

    def _line(self) -> str | None:
        wait_for_line(self._stream)  # a Ctrl-C just before the read still ends it
        line = self._stream.readline()
        if line == "":
            self._console.print()
            return None
        return line.rstrip("\r\n")


def status_redraw(console: Console, text: Text, pending: Callable[[], bool] | None = None) -> None:
    """Rewrite the line just above the prompt line, leaving the cursor (and whatever the
    learner is typing) where it is. Terminals only; a no-op otherwise.

    ``pending`` says whether the learner has just pressed Enter: the terminal has then
    moved the cursor below the prompt, and "the line above" would be the answer itself,
    so nothing is drawn (the answer is about to be read anyway)."""
    if not console.is_terminal:
        return
    with console.capture() as capture:
        console.print(text, end="")
    if pending is not None and pending():
        return
    out = console.file if console.file is not None else sys.stdout
    out.write("\0337\033[1A\r\033[2K" + capture.get() + "\0338")
    out.flush()
