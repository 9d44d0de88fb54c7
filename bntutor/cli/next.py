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

from bntutor.cli.context import AppContext, get_context

app = typer.Typer()


@app.command("next")
def next_cmd(
    ctx: typer.Context,
    answers: Annotated[Path | None, typer.Option("--answers", metavar="FILE")] = None,
) -> None:
    """Continue whatever is unfinished: a lesson, else due review, else a quiz to try."""
    raise typer.Exit(run_next(get_context(ctx), answers))


def run_next(app: AppContext, answers: Path | None) -> int:
    from rich.text import Text

    from bntutor.cli._overview import load_overview
    from bntutor.messages import message

    overview = load_overview(app)
    rows, due = overview.rows, overview.due
    started = next((s for s in rows if s.resume_step is not None), None)
    if started is not None:
        return _lesson(app, started.entry.number, answers)
    if due:
        from bntutor.cli._quiz_run import run_review

        return run_review(app, 20, answers, as_json=False)
    fresh = next((s for s in rows if not s.row.started), None)
    if fresh is not None:
        return _lesson(app, fresh.entry.number, answers)
    app.console.print(Text(message("next.quiz", app.lang)))
    return 0


def _lesson(app: AppContext, number: int, answers: Path | None) -> int:
    from bntutor.cli._lesson_run import run_lesson

    return run_lesson(app, str(number), restart=False, answers=answers, as_json=False)
