"""`bntutor` (home), `bntutor lessons`, `bntutor lesson N|SLUG`."""

from __future__ import annotations

import typer

from bntutor.cli._unbuilt import unbuilt
from bntutor.cli.context import get_context

app = typer.Typer()


def home(ctx: typer.Context) -> None:
    """The home screen: lessons with progress and what to do next."""
    get_context(ctx).console.print("bntutor — try `bntutor --help`.")


@app.command("lessons")
def lessons_cmd(ctx: typer.Context) -> None:
    """Table of lessons (id, title, minutes, progress)."""
    raise unbuilt("lessons")


@app.command("lesson")
def lesson_cmd(ctx: typer.Context, lesson: str = typer.Argument(..., help="Number or slug.")) -> None:
    """Play a lesson; resumes where you left off."""
    raise unbuilt("lesson")
