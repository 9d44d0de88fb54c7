"""Long output one screenful at a time, when a person is reading at a terminal.

A demo pauses after each of its sections; a lesson step pauses only when its next part
would push the start of the step off the screen. The pause reads one line ("press Enter
for more"); without a reader (output piped, answers scripted, ``--json``) everything is
printed straight through.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console, RenderableType

from bntutor.messages import message

#: Reads one line after showing a prompt; None at the end of input.
Reader = Callable[[str], "str | None"]
#: Lines kept free at the bottom of the screen for the prompt.
MARGIN = 2


class Pager:
    """Prints parts on ``console``, pausing with ``read`` (None: never pausing)."""

    def __init__(self, console: Console, read: Reader | None, lang: str = "en") -> None:
        self._console = console
        self._read = read
        self._lang = lang

    def sections(self, sections: Sequence[Sequence[RenderableType]]) -> None:
        """Each section's parts a screenful at a time, with a pause before every section
        after the first."""
        for i, parts in enumerate(sections):
            if i and not self._pause():
                self._read = None  # input ended: the rest straight through
            self.screenful(parts)

    def screenful(self, parts: Sequence[RenderableType]) -> None:
        """The parts, pausing before one that would not fit on what is left of the screen."""
        room = self._console.size.height - MARGIN
        used = 0
        for part in parts:
            lines = self._height(part)
            if used and used + lines > room and self._read is not None:
                if not self._pause():
                    self._read = None
                used = 0
            self._console.print(part)
            used += lines

    def _height(self, part: RenderableType) -> int:
        return len(self._console.render_lines(part, self._console.options, pad=False))

    def _pause(self) -> bool:
        """Wait for Enter; False when input has ended."""
        if self._read is None:
            return True
        return self._read(message("page.more", self._lang)) is not None
