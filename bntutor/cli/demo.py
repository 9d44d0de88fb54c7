"""`bntutor demo [NAME]`: list the demos or run one."""

from __future__ import annotations

import typer

from bntutor.cli._unbuilt import unbuilt

app = typer.Typer()


@app.command("demo")
def demo_cmd(ctx: typer.Context, name: str = typer.Argument(None, help="Demo to run.")) -> None:
    """List demos, or run one: cnn-bn, fc-bn, similar-batch, ..."""
    raise unbuilt("demo")
