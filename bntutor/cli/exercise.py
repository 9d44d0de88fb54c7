"""`bntutor exercises` and `bntutor exercise NAME [--dir D] [--framework F] [--once] [--reset]`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bntutor.cli.context import get_context

app = typer.Typer()


@app.command("exercises")
def exercises_cmd(ctx: typer.Context) -> None:
    """Coding exercises with their status: new, failing, passed, hints used."""
    from rich.text import Text

    from bntutor.cli._exercise_summary import exercise_rows
    from bntutor.cli._store import existing_store
    from bntutor.messages import message
    from bntutor.ui.exercise_table import exercise_table

    app_ctx = get_context(ctx)
    with existing_store(app_ctx) as store:
        saved = store.all_exercise_progress() if store else []
    app_ctx.console.print(exercise_table(exercise_rows(saved, app_ctx.lang), app_ctx.lang))
    app_ctx.console.print(Text(message("exercise.start_one", app_ctx.lang), style="dim"))


@app.command("exercise")
def exercise_cmd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument()],
    directory: Annotated[Path | None, typer.Option("--dir", metavar="D")] = None,
    framework: Annotated[str, typer.Option("--framework")] = "numpy",
    once: Annotated[bool, typer.Option("--once")] = False,
    reset: Annotated[bool, typer.Option("--reset")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y")] = False,
) -> None:
    """Write a starter file, then check it at every save."""
    from bntutor.cli._exercise_run import ExerciseOptions, run_exercise

    options = ExerciseOptions(name, directory, framework, once, reset, yes)
    raise typer.Exit(run_exercise(get_context(ctx), options))
