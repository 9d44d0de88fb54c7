"""The root typer app: global options, and each command group joined in.

``app`` is the whole CLI. A run only needs the group of the command it was given, so
:func:`app_for` joins just that one: typer reads the signature of every command it is
given, and the groups import their own helpers, which is a good part of the start-up of
``bntutor lessons``. The root's ``--help`` needs no group: its command list is read from
the message catalog, as all help is (see ``bntutor.cli.help_text``). ``bntutor help``, no
recognised command, or anything unusual gets the whole app.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from bntutor import __version__
from bntutor.cli.context import open_app

#: Which group (module of ``bntutor.cli``) defines each command, in the order help lists
#: them; ``tests/cli/test_app.py`` checks it against the groups. A command missing here
#: still works: its run loads every group. ``help`` lists them all.
COMMAND_GROUPS = {
    "lessons": "lessons", "lesson": "lessons", "next": "next", "demo": "demo",
    "quiz": "quiz", "review": "quiz", "progress": "progress", "repair": "progress",
    "compute": "compute",
    "exercises": "exercise", "exercise": "exercise", "validate": "validate",
    "config": "config",
}
#: The command groups, in the order help lists them.
GROUPS = tuple(dict.fromkeys(COMMAND_GROUPS.values()))
#: The root's options that take a value (the next argument is not a command).
_VALUED = ("--home", "--lang")


class _Commands(TyperGroup):
    """The root command list: every command, joined in or not, its description whole from
    the catalog and wrapped under itself (click cuts them at about 45 characters)."""

    help_lang = "en"  # set by bntutor.cli.help_text.localize

    def format_commands(self, ctx: Any, formatter: Any) -> None:  # click's Context, HelpFormatter
        from typer._click.utils import make_default_short_help

        from bntutor.cli.help_text import command_help
        from bntutor.messages import message

        rows = [(name, make_default_short_help(command_help([name], self.help_lang), 10_000))
                for name in ("help", *COMMAND_GROUPS)]
        with formatter.section(message("cli.commands", self.help_lang)):
            formatter.write_dl(rows)


def _root_app() -> typer.Typer:
    root_app = typer.Typer(
        cls=_Commands,
        name="bntutor",
        add_completion=False,
        no_args_is_help=False,
        invoke_without_command=True,
        pretty_exceptions_enable=False,
        # Plain help: typer's rich help imports rich.markdown, markdown-it and pygments, which
        # alone put `bntutor --help` over its start-up budget (see benchmarks/startup.py).
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    root_app.callback()(root)
    root_app.command("help")(help_cmd)
    return root_app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bntutor {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    home: Annotated[Path | None, typer.Option("--home")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
    no_color: Annotated[bool, typer.Option("--no-color")] = False,
    debug: Annotated[bool, typer.Option("--debug")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """Learn Batch Normalization and regularization by computing in front of you."""
    ctx.obj = open_app(home, lang, no_color, debug)
    if ctx.invoked_subcommand is None:
        from bntutor.cli.lessons import home as show_home

        show_home(ctx)


def help_cmd(
    ctx: typer.Context,
    command: Annotated[str | None, typer.Argument()] = None,
) -> None:
    """Show this help, or the help of one command (bntutor help quiz)."""
    from bntutor.errors import BadInputError

    root = ctx.parent if ctx.parent is not None else ctx
    if command is None:
        typer.echo(root.get_help())
        return
    group = root.command
    assert isinstance(group, TyperGroup)
    sub = group.get_command(root, command)
    if sub is None:
        raise BadInputError(f"no command {command!r}", "bntutor help",
                            "bntutor --help lists every command")
    with sub.context_class(sub, info_name=command, parent=root) as sub_ctx:
        typer.echo(sub.get_help(sub_ctx))


def build_app(groups: Iterable[str] = GROUPS) -> typer.Typer:
    """The root app with the command groups ``groups`` joined in."""
    built = _root_app()
    for name in groups:
        built.add_typer(import_module(f"bntutor.cli.{name}").app)
    return built


def command_name(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names (its first argument that is not a root option), or None
    when there is none; ``"--help"`` when help is asked for before any command."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            return "--help"
        if arg in _VALUED:
            i += 2
        elif arg.startswith("-"):
            i += 1
        else:
            return arg
    return None


def app_for(argv: Sequence[str]) -> typer.Typer:
    """An app that runs ``argv`` exactly as :data:`app` does, with as few groups as it takes:
    the home screen (no command) needs only ``lessons``; a known command only its group."""
    name = command_name(argv)
    if name is None:
        return build_app(["lessons"])
    if name == "--help":
        return build_app([])
    if name in COMMAND_GROUPS:
        return build_app([COMMAND_GROUPS[name]])
    return build_app()


def __getattr__(name: str) -> Any:
    if name == "app":  # the whole CLI, built on first use
        full = build_app()
        globals()["app"] = full
        return full
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
