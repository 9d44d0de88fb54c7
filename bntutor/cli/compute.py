"""`bntutor compute bn`: step-by-step BN of the learner's own numbers."""

from __future__ import annotations

import typer

from bntutor.cli._unbuilt import unbuilt

app = typer.Typer()
compute_app = typer.Typer(help="Compute step by step with your own numbers.", no_args_is_help=True)
app.add_typer(compute_app, name="compute")


@compute_app.command("bn")
def bn_cmd(ctx: typer.Context) -> None:
    """Batch-normalize your own numbers, showing every step."""
    raise unbuilt("compute bn")
