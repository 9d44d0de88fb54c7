"""The one error boundary: every exception becomes one line and an exit status."""

from __future__ import annotations

import os
import re
import sys

from bntutor.cli._listing import listing_argv
from bntutor.control_chars import visible
from bntutor.errors import BntutorError, ExitStatus


def _error(text: str) -> None:
    if sys.stderr is None:  # started with stderr closed: the exit status has to say it
        return
    sys.stderr.write(f"bntutor: error: {visible(text)}\n")
    sys.stderr.flush()


def _interrupted(text: str) -> int:
    if sys.stderr is not None and sys.stderr.isatty():
        sys.stderr.write("\n")  # past the ^C the terminal echoed
    _error(text)
    return int(ExitStatus.INTERRUPTED)


_CLICK = (("error.no_command", re.compile(r"No such command (?P<name>'[^']*')\.")),
          ("error.no_option", re.compile(r"No such option: (?P<name>\S+)")))


def _usage(text: str, lang: str) -> str:
    """click's usage error in ``lang`` where the catalog has its words, else as click says it."""
    for key, pattern in _CLICK:
        found = pattern.fullmatch(text)
        if found:
            from bntutor.messages import message  # only on an error: it costs start-up

            return message(key, lang, **found.groupdict())
    return text


def _early_language(argv: list[str]) -> str:
    from bntutor.cli.language import early_language

    return early_language(argv)


def run(args: list[str] | None = None) -> int:
    """Run the app on ``args`` and return the exit status instead of exiting."""
    argv = list(sys.argv[1:] if args is None else args)
    debug = "--debug" in argv or bool(os.environ.get("BNTUTOR_DEBUG"))
    try:
        return _run(argv, debug)
    except KeyboardInterrupt:  # Ctrl-C anywhere, even while the app is still importing
        return _interrupted("interrupted")


def _run(argv: list[str], debug: bool) -> int:
    chosen: list[str] = []  # the language, once the app has read --lang
    try:
        listing = listing_argv(argv)
        if listing is not None:  # home or `lessons`: no typer needed
            from bntutor.cli._listing import run_listing

            run_listing(*listing)
            return int(ExitStatus.OK)
        return _run_app(argv, debug, chosen)
    except BntutorError as exc:
        if debug:
            raise
        _error(exc.one_line(chosen[-1] if chosen else _early_language(argv)))
        return int(exc.status)
    except BrokenPipeError:
        # stdout closed by a pager or `head`: nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return int(ExitStatus.OK)
    except EOFError:
        return _interrupted("end of input")
    except Exception as exc:  # a bug: one line, the traceback only with --debug
        if debug:
            raise
        _error(f"unexpected {type(exc).__name__}: {exc} (rerun with --debug for the traceback)")
        return int(ExitStatus.ERROR)


def _run_app(argv: list[str], debug: bool, chosen: list[str]) -> int:
    """Run ``argv`` through the typer app; its own ways of ending become exit statuses."""
    import typer
    from typer.main import get_command

    from bntutor.cli.app import app_for

    # The command is driven here rather than through `app(...)`: typer's own main turns
    # Ctrl-C into a silent exit 130 and a closed stdout into exit 1 before we see them.
    from bntutor.cli.help_text import localize

    command = get_command(app_for(argv))
    localize(command, _early_language(argv))
    try:
        with command.make_context("bntutor", list(argv)) as ctx:  # click eats its list
            try:
                result = command.invoke(ctx)
            finally:
                lang = getattr(ctx.obj, "lang", None)  # chosen, once the app has read --lang
                if lang is not None:
                    chosen.append(lang)
        return int(result) if isinstance(result, int) else ExitStatus.OK
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:  # Ctrl-C or end of input at a typer prompt
        return _interrupted("interrupted")
    except typer.TyperException as exc:  # usage errors: bad option, missing argument
        if debug:
            raise
        lang = chosen[-1] if chosen else _early_language(argv)
        where = ""
        failed = getattr(exc, "ctx", None)
        if failed is not None:
            from bntutor.messages import message

            where = message("error.see_help", lang, command=failed.command_path)
        if exc.format_message():  # an empty message means help was already shown
            _error(f"{_usage(exc.format_message(), lang)}{where}")
        return int(ExitStatus.BAD_INPUT) if exc.exit_code == 2 else int(exc.exit_code)


def main() -> None:
    sys.exit(run())
