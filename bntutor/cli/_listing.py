"""The home screen and ``bntutor lessons`` run without typer.

They are the runs a learner starts most, and importing typer and building the app was
most of their start-up (see ``benchmarks/startup.py``). Only an argument list that click
could read one way only is taken here: the root's own options, each at most once with a
value that is there, then nothing or ``lessons``. Anything else (help, ``--version``, a
typo, a repeated option) goes to the typer app, which runs it or says what is wrong.
``tests/cli/test_listing.py`` checks both ways agree.
"""

from __future__ import annotations

from pathlib import Path

_FLAGS = {"--no-color": "no_color", "--debug": "debug"}
_VALUED = {"--home": "home", "--lang": "lang"}
_LANGS = ("en", "zh")  # any other --lang goes to the app, whose error names the choices


def listing_argv(argv: list[str]) -> tuple[str | None, dict[str, str | bool]] | None:
    """``(command, root options)`` when ``argv`` is a listing (command None: home), else None."""
    options: dict[str, str | bool] = {}
    command: str | None = None
    args = iter(argv)
    for arg in args:
        name, equals, value = arg.partition("=")
        if command is not None:
            return None
        if arg in _FLAGS and _FLAGS[arg] not in options:
            options[_FLAGS[arg]] = True
        elif name in _VALUED and _VALUED[name] not in options:
            value = value if equals else next(args, "")
            if not value or value.startswith("-"):
                return None
            options[_VALUED[name]] = value
        elif arg == "lessons":
            command = arg
        else:
            return None
    if options.get("lang", "en") not in _LANGS:
        return None
    return command, options


def run_listing(command: str | None, options: dict[str, str | bool]) -> None:
    """Open the app as the root callback does, then show the home screen or the lessons."""
    from bntutor.cli._overview import show_home, show_lessons
    from bntutor.cli.context import open_app

    home, lang = options.get("home"), options.get("lang")
    app = open_app(Path(str(home)) if home else None, str(lang) if lang else None,
                   bool(options.get("no_color")), bool(options.get("debug")))
    (show_lessons if command == "lessons" else show_home)(app)
