"""`bntutor validate [PATH...]`."""

from __future__ import annotations

import typer

app = typer.Typer()


@app.command("validate")
def validate_cmd(ctx: typer.Context) -> None:
    """Check lessons and question banks (for authors and CI)."""
    typer.echo("nothing to validate yet")
