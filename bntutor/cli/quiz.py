"""`bntutor quiz` and `bntutor review`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bntutor.cli.context import get_context
from bntutor.errors import BadInputError

app = typer.Typer()

MAX_QUESTIONS = 100


@app.command("quiz")
def quiz_cmd(
    ctx: typer.Context,
    topic: Annotated[list[str] | None, typer.Option("--topic", "-t", metavar="TOPIC")] = None,
    difficulty: Annotated[int | None, typer.Option("--difficulty", "-d", metavar="1|2|3")] = None,
    n: Annotated[int, typer.Option("-n", metavar="N")] = 10,
    seed: Annotated[int | None, typer.Option("--seed", metavar="S")] = None,
    time_limit: Annotated[str | None, typer.Option("--time-limit", metavar="TIME")] = None,
    answers: Annotated[Path | None, typer.Option("--answers", metavar="FILE")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Interview practice: a (timed) quiz with a report; every answer feeds review."""
    import secrets  # here, not at the top: start-up stays light

    from bntutor.cli._quiz_run import QuizOptions, run_quiz
    from bntutor.messages import message
    from bntutor.quiz.durations import parse_duration
    from bntutor.quiz.topics import check_topics

    if difficulty is not None and difficulty not in (1, 2, 3):
        raise BadInputError(f"unknown difficulty {difficulty}", "--difficulty", "use 1, 2 or 3",
                            zh=message("error.difficulty", "zh", value=difficulty))
    if not 1 <= n <= MAX_QUESTIONS:
        raise BadInputError(f"cannot ask {n} questions", "-n", f"use 1 to {MAX_QUESTIONS}",
                            zh=message("error.questions", "zh", n=n, most=MAX_QUESTIONS))
    if seed is not None and seed < 0:
        raise BadInputError(f"bad seed {seed}", "--seed", "use a whole number >= 0",
                            zh=message("error.seed", "zh", seed=seed))
    options = QuizOptions(
        topics=check_topics(topic or []),
        difficulty=difficulty,
        n=n,
        seed=secrets.randbelow(1_000_000) if seed is None else seed,  # a new quiz each time
        time_limit=(None if time_limit is None
                    else parse_duration(time_limit, lang=get_context(ctx).lang)),
    )
    raise typer.Exit(run_quiz(get_context(ctx), options, answers, as_json))


@app.command("review")
def review_cmd(
    ctx: typer.Context,
    n: Annotated[int, typer.Option("-n", metavar="N")] = 20,
    answers: Annotated[Path | None, typer.Option("--answers", metavar="FILE")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Spaced-repetition review of the questions that are due, oldest first."""
    from bntutor.cli._quiz_run import run_review

    if not 1 <= n <= MAX_QUESTIONS:
        raise BadInputError(f"cannot review {n} questions", "-n", f"use 1 to {MAX_QUESTIONS}")
    raise typer.Exit(run_review(get_context(ctx), n, answers, as_json))
