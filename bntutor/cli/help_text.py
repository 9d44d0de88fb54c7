"""``--help`` in the learner's language.

Every command's and parameter's help is the catalog message ``cli.<command path>``
(``cli.bntutor`` for the root) and ``cli.<command path>.<parameter>`` in
``data/messages.json``, in English and Chinese (a command's docstring is only its first
line, for the reader of the code); :func:`localize` puts them in place once typer has
built the click commands, and has click's own words (``Usage:``, the section
titles, the help option's line, ``[required]``) written from the catalog too. The
language is read from the arguments, the environment and the settings before help is
built (``bntutor.cli.language.early_language``): no command runs first.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import typer
from typer._click.formatting import HelpFormatter

from bntutor.messages import MESSAGES, message

#: click's own words, as the catalog names them.
_WORDS = {"Options": "cli.options", "Arguments": "cli.arguments"}


def help_key(path: Sequence[str], param: str | None = None) -> str:
    return ".".join(["cli", *(path or ["bntutor"]), *([param] if param else [])])


def command_help(path: Sequence[str], lang: str) -> str:
    key = help_key(path)
    return message(key, lang, **_values(key)) if key in MESSAGES else ""


def localize(command: Any, lang: str, path: tuple[str, ...] = ()) -> None:
    """Give ``command`` (a click command built by typer) and everything under it their
    help in ``lang``."""
    command.help = command_help(path, lang)
    command.help_lang = lang
    if lang != "en":
        command.context_class = _context_class(lang)
    for param in command.params:
        key = help_key(path, param.name)
        if key in MESSAGES:
            param.help = message(key, lang, **_values(key))
    for name, sub in getattr(command, "commands", {}).items():
        localize(sub, lang, (*path, name))


def _values(key: str) -> dict[str, str]:
    """The values a help message names (the quiz's topics, kept where they are defined)."""
    if "{topics}" in MESSAGES[key]["en"]:
        from bntutor.quiz.topics import TOPICS

        return {"topics": ", ".join(TOPICS)}
    return {}


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` as click wraps help (paragraphs rewrapped, a ``\\b`` paragraph kept as it
    is), measured in terminal cells and broken around Chinese characters as the screens
    are (``bntutor.ui.cjk``): click counts characters and breaks only at spaces."""
    from bntutor.ui.cjk import divide_line

    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append("")
        if paragraph.startswith("\b\n"):
            lines += [indent + line for line in paragraph[2:].splitlines()]
            continue
        flat = " ".join(paragraph.split())
        breaks = divide_line(flat, max(width - len(indent), 10))
        lines += [indent + flat[a:b].strip()
                  for a, b in zip([0, *breaks], [*breaks, len(flat)], strict=True)]
    return lines


def _said(text: str, lang: str) -> str:
    """``text`` with typer's ``[default: ...; required]`` note in ``lang``."""
    head, bracket, note = text.rpartition("  [")
    if not bracket:
        return text
    for word in ("default", "required"):
        note = note.replace(message(f"cli.{word}", "en"), message(f"cli.{word}", lang))
    return f"{head}  [{note}"


@cache
def _context_class(lang: str) -> type[typer.Context]:
    """A context whose help formatter writes click's words in ``lang`` and wraps by cells."""

    class Formatter(HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, message("cli.usage", lang) if prefix is None
                                else prefix)

        def write_heading(self, heading: str) -> None:
            heading = message(_WORDS[heading], lang) if heading in _WORDS else heading
            self.write(f"{'':>{self.current_indent}}{heading}：\n")

        def write_text(self, text: str) -> None:
            self.write("\n".join(wrap(text, self.width, " " * self.current_indent)) + "\n")

        def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                     col_spacing: int = 2) -> None:
            said = message("cli.help_option", "en")
            first_col = min(max(len(term) for term, _ in rows), col_max) + col_spacing
            for term, text in rows:
                text = message("cli.help_option", lang) if text == said else _said(text, lang)
                self.write(f"{'':>{self.current_indent}}{term}")
                if len(term) <= first_col - col_spacing:
                    self.write(" " * (first_col - len(term)))
                else:
                    self.write("\n" + " " * (first_col + self.current_indent))
                lines = wrap(text, max(self.width - first_col - 2, 10)) or [""]
                self.write(lines[0] + "\n")
                for line in lines[1:]:
                    self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    class Context(typer.Context):
        formatter_class = Formatter

    return Context
