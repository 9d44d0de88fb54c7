"""The ``:`` commands a learner types in a lesson, quiz or review: one parser for all.

:func:`parse_command` turns a line into a command event (or None for an answer). The
lesson state machine and the quiz loop both read these events, so every command and
every short form works the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hint:
    pass


@dataclass(frozen=True)
class Skip:
    pass


@dataclass(frozen=True)
class Quit:
    pass


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class Show:
    """Show again the data the current step or question works with."""


@dataclass(frozen=True)
class Back:
    """Look at the previous step or question again, without changing anything."""


@dataclass(frozen=True)
class Unknown:
    """A ``:word`` that is not a command."""

    command: str


Command = Hint | Skip | Quit | Help | Show | Back | Unknown

COMMANDS: dict[str, type[Hint | Skip | Quit | Help | Show | Back]] = {
    ":hint": Hint,
    ":skip": Skip,
    ":show": Show,
    ":s": Show,
    ":back": Back,
    ":b": Back,
    ":quit": Quit,
    ":q": Quit,
    ":help": Help,
    ":h": Help,
    ":?": Help,
}
#: The full names, in the order help lists them.
NAMES = (":hint", ":skip", ":show", ":back", ":quit", ":help")


def parse_command(line: str) -> Command | None:
    """The command ``line`` stands for; None when it is an answer (or empty).

    A line is a command when it starts with ``:`` and holds a single word (``:hint``,
    ``:Q``); ``:x + 1`` is an answer that happens to start with a colon.
    """
    text = line.strip()
    if not text.startswith(":"):
        return None
    words = text.split()
    word = words[0].lower()
    if word in COMMANDS:
        return COMMANDS[word]()
    if len(words) > 1:
        return None
    return Unknown(word)


def command_word(line: str) -> str:
    """The command as typed, lower-cased (for transcripts)."""
    return line.strip().split()[0].lower()
