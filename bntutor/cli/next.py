"""`bntutor next`: continue whatever is unfinished.

In this order: the first lesson started and not finished (resumed where it was left,
its data shown first); else the review cards that are due; else the first lesson not
started yet; else, with the course done and nothing due, a suggestion to practise with a
quiz. Answers are read as the command it continues reads them (``--answers`` works).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bntutor.cli.context import get_context

app = typer.Typer()


@app.command("next")
def next_cmd(
    ctx: typer.Context,
    answers: Annotated[Path | None, typer.Option("--answers", metavar="FILE")] = None,
) -> None:
    """Continue whatever is unfinished: a lesson, else due review, else a quiz to try."""
    from rich.text import Text

    from bntutor.cli._overview import load_overview
    from bntutor.messages import message

    app = get_context(ctx)
    overview = load_overview(app)
    started = next((s for s in overview.rows if s.resume_step is not None), None)
    fresh = next((s for s in overview.rows if not s.row.started), None)
    if started is None and overview.due:
        from bntutor.cli._quiz_run import run_review

        raise typer.Exit(run_review(app, 20, answers, as_json=False))
    lesson = started or fresh
    if lesson is not None:
        from bntutor.cli._lesson_run import run_lesson

        raise typer.Exit(run_lesson(app, str(lesson.entry.number), restart=False,
                                    answers=answers, as_json=False))
    app.console.print(Text(message("next.quiz", app.lang)))
