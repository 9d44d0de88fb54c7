"""What every loop of the player shows the same way: hints, notes, help, unknown commands.

:class:`Screen` is the rich half of :class:`bntutor.player.io.PlayerIO`; the lesson and
quiz screens build on it.
"""

from __future__ import annotations

from rich.console import Console

from bntutor.ui.player_views import (
    help_view,
    hint_view,
    no_hint_view,
    reason_view,
    unknown_command_view,
)


class Screen:
    """Prints to ``console`` in ``lang``; ``where`` (lesson or quiz) picks the help text."""

    where = "lesson"

    def __init__(self, console: Console, lang: str = "en") -> None:
        self._console = console
        self._lang = lang

    def show_hint(self, hint: str, number: int, total: int) -> None:
        self._console.print(hint_view(hint, number, total, self._lang))

    def show_no_hint(self, total: int, explained: bool) -> None:
        self._console.print(no_hint_view(total, explained, self._lang))

    def show_note(self, text: str) -> None:
        self._console.print(reason_view(text))

    def show_help(self) -> None:
        self._console.print(help_view(self._lang, self.where))

    def show_unknown(self, command: str) -> None:
        self._console.print(unknown_command_view(command, self._lang))
