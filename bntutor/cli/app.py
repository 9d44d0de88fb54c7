"""The root typer app: global options, and each command group joined in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from bntutor import __version__
from bntutor.cli import compute, demo, exercise, lessons, next, progress, quiz, validate
from bntutor.cli.context import AppContext, make_consoles
from bntutor.store.home import resolve_home


class _Commands(TyperGroup):
    """The root command list: each description whole, wrapped under itself (click cuts
    them at about 45 characters with "...")."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:  # click's Context, HelpFormatter
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


app = typer.Typer(
    cls=_Commands,
    name="bntutor",
    help="Learn Batch Normalization and regularization by computing in front of you.",
    add_completion=False,
    no_args_is_help=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    # Plain help: typer's rich help imports rich.markdown, markdown-it and pygments, which
    # alone put `bntutor --help` over its start-up budget (see benchmarks/startup.py).
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bntutor {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home", help="Data directory (default: $BNTUTOR_HOME or the user data dir)."
        ),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of lesson texts: en or zh.")] = "en",
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colours (also when NO_COLOR is set).")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True,
                     help="Print the version."),
    ] = False,
) -> None:
    """Learn Batch Normalization and regularization by computing in front of you.

    Start with [bold]bntutor lesson 1[/bold], try [bold]bntutor demo similar-batch[/bold],
    drill with [bold]bntutor quiz[/bold].
    """
    from bntutor.errors import BadInputError

    if lang not in ("en", "zh"):
        raise BadInputError(f"unknown language {lang!r}", "--lang", "use en or zh")
    console, err_console = make_consoles(no_color)
    ctx.obj = AppContext(
        console=console,
        err_console=err_console,
        home_dir=resolve_home(home),
        lang=lang,
        debug=debug,
    )
    if ctx.invoked_subcommand is None:
        lessons.home(ctx)


for group in (lessons, next, demo, quiz, progress, compute, exercise, validate):
    app.add_typer(group.app)


@app.command("help")
def help_cmd(
    ctx: typer.Context,
    command: Annotated[str | None, typer.Argument(help="A command to describe.")] = None,
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
    with typer.Context(sub, info_name=command, parent=root) as sub_ctx:
        typer.echo(sub.get_help(sub_ctx))
