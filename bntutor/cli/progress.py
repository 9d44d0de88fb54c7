"""`bntutor progress`."""

from __future__ import annotations

import typer

from bntutor.cli._unbuilt import unbuilt

app = typer.Typer()


@app.command("progress")
def progress_cmd(ctx: typer.Context) -> None:
    """Lessons done, quiz history, mastery per topic, cards due."""
    raise unbuilt("progress")
