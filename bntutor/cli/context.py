"""What every command needs, passed in instead of kept in globals."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

if TYPE_CHECKING:  # rich.console is imported when a console is made: `--help` needs none
    import typer
    from rich.console import Console

    from bntutor.store.clock import Clock

from bntutor.store.home import ensure_home


@dataclass
class AppContext:
    """Streams, consoles, home dir and language chosen by the global options.

    The consoles are made on first use: the listings can be written without rich (see
    ``bntutor.ui.styled_lines``), and importing it is a good part of their start-up."""

    home_dir: Path
    lang: str = "en"
    #: The language was chosen for this run (``--lang``, ``BNTUTOR_LANG``): a resumed
    #: lesson is then played in it, not in the language it was started in.
    lang_explicit: bool = False
    debug: bool = False
    no_color: bool = False  # --no-color (NO_COLOR is read where the consoles are made)
    stdin: TextIO = field(default_factory=lambda: standard_input())

    @cached_property
    def _consoles(self) -> tuple[Console, Console]:
        return make_consoles(self.no_color)

    @property
    def console(self) -> Console:
        return self._consoles[0]

    @property
    def err_console(self) -> Console:
        return self._consoles[1]

    def screen(self, as_json: bool) -> Console:
        """Where a run draws its screens: nowhere under ``--json`` (stdout is the document)."""
        from rich.console import Console

        return Console(quiet=True) if as_json else self.console

    @cached_property
    def clock(self) -> Clock:
        """The wall clock of this run (``BNTUTOR_NOW`` moves it: see ``bntutor.cli._clock``)."""
        from bntutor.cli._clock import app_clock

        return app_clock()

    @property
    def consoles_made(self) -> bool:
        return "_consoles" in self.__dict__

    def home(self) -> Path:
        """The home directory, created on first use (commands that store nothing never touch it)."""
        return ensure_home(self.home_dir, self.lang)

    @property
    def interactive(self) -> bool:
        """True when a person is at a terminal (answers are not scripted)."""
        return self.stdin.isatty() and self.console.is_terminal

    def confirm(self, question: str) -> bool:
        """Ask ``question [y/N]`` at the terminal; end of input is an EOFError (the error
        boundary says "end of input")."""
        from bntutor.ui.prompt import confirm

        answer = confirm(self.console, question, self.stdin)
        if answer is None:
            raise EOFError
        return answer

    def confirmed(self, yes: bool, refusal: str, question: str) -> bool:
        """``--yes``, else the learner's answer to ``question``; without a terminal to ask
        at, ``refusal`` (what is not done) as an error on ``--reset``."""
        if yes:
            return True
        if not self.interactive:
            from bntutor.errors import BadInputError

            raise BadInputError(refusal, "--reset", "add --yes to confirm")
        return self.confirm(question)


def standard_input() -> TextIO:
    """``sys.stdin``, or an empty stream when the process was started with it closed
    (``<&-``): then there is nothing to read, as at the end of a file."""
    return sys.stdin if sys.stdin is not None else io.StringIO("")


def get_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppContext):  # a command invoked without the root callback
        raise RuntimeError("bntutor context missing")
    return obj


def make_consoles(
    no_color: bool, environ: Mapping[str, str] | None = None
) -> tuple[Console, Console]:
    """Consoles for stdout and stderr; ``--no-color`` or ``NO_COLOR`` means plain text.

    Plain means no escape codes at all (rich's own ``no_color`` still sends bold).
    """
    from bntutor.cli._console import PipeConsole

    env = os.environ if environ is None else environ
    plain = no_color or env.get("NO_COLOR", "") != ""
    colors: Literal["auto"] | None = None if plain else "auto"
    console = PipeConsole(
        no_color=plain or None, color_system=colors, highlight=False, soft_wrap=False
    )
    err = PipeConsole(stderr=True, no_color=plain or None, color_system=colors, highlight=False)
    return console, err


def open_app(home: Path | None, lang: str | None, no_color: bool, debug: bool) -> AppContext:
    """The context the root options choose: ``--lang`` checked and remembered, the home dir
    resolved (not created), the language chosen (see ``bntutor.cli.language``)."""
    from bntutor.cli.language import LANGS, choose_language, remember_language
    from bntutor.errors import BadInputError
    from bntutor.store.home import resolve_home

    if lang is not None and lang not in LANGS:
        raise BadInputError(f"unknown language {lang!r}", "--lang", "use en or zh")
    home_dir = resolve_home(home)
    choice = choose_language(lang, home_dir)
    if choice.source == "option":
        remember_language(home_dir, choice.lang)
    return AppContext(home_dir=home_dir, lang=choice.lang, lang_explicit=choice.explicit,
                      debug=debug, no_color=no_color)
