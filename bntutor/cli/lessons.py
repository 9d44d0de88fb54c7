"""`bntutor` (home), `bntutor lessons`, `bntutor lesson N|SLUG`.

The listing commands never import torch. Playing a lesson starts importing torch in the
background and draws the first screen at once (see ``_lesson_run``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bntutor.cli.context import get_context

app = typer.Typer()


def home(ctx: typer.Context) -> None:
    """The home screen: lessons with progress and what to do next."""
    from bntutor.cli._overview import show_home

    show_home(get_context(ctx))


@app.command("lessons")
def lessons_cmd(ctx: typer.Context) -> None:
    """Table of lessons (number, slug, title, minutes, progress)."""
    from bntutor.cli._overview import show_lessons

    show_lessons(get_context(ctx))


@app.command("lesson")
def lesson_cmd(
    ctx: typer.Context,
    lesson: Annotated[str, typer.Argument()],
    restart: Annotated[bool, typer.Option("--restart")] = False,
    answers: Annotated[Path | None, typer.Option("--answers", metavar="FILE")] = None,
    json_out: Annotated[bool, typer.Option("--json")] = False,
    step: Annotated[str | None, typer.Option("--step", metavar="ID")] = None,
) -> None:
    """Play a lesson; resumes where you left off."""
    from bntutor.cli._lesson_run import run_lesson

    raise typer.Exit(run_lesson(get_context(ctx), lesson, restart=restart, answers=answers,
                                as_json=json_out, step=step))
