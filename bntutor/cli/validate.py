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
    paths: Annotated[list[Path] | None, typer.Argument(show_default=False)] = None,
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
    from bntutor.messages import error_words, message

    lang = app_ctx.lang

    def counted(noun: str, n: int) -> str:
        return message(f"validate.{noun}{'s' * (n != 1)}", lang, n=n)

    counts = [("lesson", report.lessons), ("bank", report.banks),
              ("question", report.questions)]
    if report.demos:
        counts.append(("demo", report.demos))
    if exercise_dirs:
        counts.append(("exercise", n_exercises))
    summary = message("list.sep", lang).join(counted(noun, n) for noun, n in counts)
    if report.problems:
        count = len(report.problems)
        verdict = message(f"validate.problem{'s' * (count != 1)}", lang, summary=summary, n=count)
        app_ctx.console.print(verdict, markup=False)
        what, hint, zh = error_words(f"validate.failed{'s' * (count != 1)}",
                                     "validate.failed.hint", n=count)
        raise ContentError(what, hint=hint, zh=zh)
    app_ctx.console.print(message("validate.ok", lang, summary=summary), markup=False)
