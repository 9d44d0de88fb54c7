"""`bntutor validate [PATH...]`: check lessons and question banks (for authors and CI)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from bntutor.cli.context import get_context
from bntutor.errors import ContentError

app = typer.Typer()


def _shown(path: Path) -> Path:
    """``path`` relative to the working directory when it is inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if relative.startswith("..") else Path(relative)


@app.command("validate")
def validate_cmd(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Lesson or bank files, lesson dirs, bank dirs or a content root "
            "(default: the shipped lessons and question banks).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check lessons and question banks: schema, computations, and every question's answers."""
    from bntutor.content.validate import default_paths, validate_paths
    from bntutor.live.registry import default_registry

    app_ctx = get_context(ctx)
    targets = list(paths) if paths else [p for p in default_paths() if p.exists()]
    report = validate_paths([_shown(p) for p in targets], default_registry())
    for problem in report.problems:
        app_ctx.err_console.print(problem.line(), markup=False, highlight=False, soft_wrap=True)
    summary = (
        f"{report.lessons} lesson{'s' * (report.lessons != 1)}, "
        f"{report.banks} bank{'s' * (report.banks != 1)}, "
        f"{report.questions} question{'s' * (report.questions != 1)}"
    )
    if report.problems:
        count = len(report.problems)
        app_ctx.console.print(f"{summary}: {count} problem{'s' * (count != 1)}", markup=False)
        raise ContentError(
            f"{count} problem{'s' * (count != 1)} in the content",
            hint="each is listed above as file:line",
        )
    app_ctx.console.print(f"{summary}: OK", markup=False)
