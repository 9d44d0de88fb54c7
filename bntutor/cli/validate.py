"""`bntutor validate [PATH...]`: check lessons, question banks and demos (authors, CI)."""

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
        typer.Argument(show_default=False,
        ),
    ] = None,
) -> None:
    """Check lessons, question banks and exercises: schema, computations, every question's
    answers, and each exercise against its registered problem."""
    from bntutor.checking.validate import Problem, default_paths, validate_paths
    from bntutor.content.exercise_order import exercises_dir
    from bntutor.exercises.validate import check_exercises, is_exercises_dir
    from bntutor.live.catalog import default_registry

    app_ctx = get_context(ctx)
    targets = list(paths) if paths else [p for p in default_paths() if p.exists()]
    exercise_dirs = [p for p in targets if is_exercises_dir(p)]
    if not paths and is_exercises_dir(exercises_dir()):
        exercise_dirs.append(exercises_dir())
    targets = [p for p in targets if p not in exercise_dirs]
    report = validate_paths([_shown(p) for p in targets], default_registry())
    n_exercises = 0
    for directory in exercise_dirs:
        count, found = check_exercises(_shown(directory))
        n_exercises += count
        report.problems.extend(Problem(e) for e in found)
    if not paths:  # the shipped content: and the interface messages around it
        from bntutor import messages
        from bntutor.quiz.generators import words_problems

        report.problems.extend(Problem(ContentError(what, messages.__file__))
                               for what in messages.catalog_problems())
        report.problems.extend(Problem(e) for e in words_problems())
    for problem in report.problems:
        app_ctx.err_console.print(problem.line(), markup=False, highlight=False, soft_wrap=True)
    summary = (
        f"{report.lessons} lesson{'s' * (report.lessons != 1)}, "
        f"{report.banks} bank{'s' * (report.banks != 1)}, "
        f"{report.questions} question{'s' * (report.questions != 1)}"
    )
    if report.demos:
        summary += f", {report.demos} demo{'s' * (report.demos != 1)}"
    if exercise_dirs:
        summary += f", {n_exercises} exercise{'s' * (n_exercises != 1)}"
    if report.problems:
        count = len(report.problems)
        app_ctx.console.print(f"{summary}: {count} problem{'s' * (count != 1)}", markup=False)
        raise ContentError(
            f"{count} problem{'s' * (count != 1)} in the content",
            hint="each is listed above as file:line",
        )
    app_ctx.console.print(f"{summary}: OK", markup=False)
