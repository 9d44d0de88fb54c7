"""The root typer app: global options, and each command group joined in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bntutor import __version__
from bntutor.cli import compute, demo, exercise, lessons, progress, quiz, validate
from bntutor.cli.context import AppContext, make_consoles
from bntutor.store.home import resolve_home

app = typer.Typer(
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
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
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


for group in (lessons, demo, quiz, progress, compute, exercise, validate):
    app.add_typer(group.app)
