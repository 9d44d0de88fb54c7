"""`bntutor quiz` and `bntutor review`."""

from __future__ import annotations

import typer

from bntutor.cli._unbuilt import unbuilt

app = typer.Typer()


@app.command("quiz")
def quiz_cmd(ctx: typer.Context) -> None:
    """Interview practice: a timed quiz with a report."""
    raise unbuilt("quiz")


@app.command("review")
def review_cmd(ctx: typer.Context) -> None:
    """Spaced-repetition review of the questions that are due."""
    raise unbuilt("review")
