"""Review's part of the exercises: a due exercise card asks to write it again, blank."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bntutor.cli.context import AppContext
from bntutor.errors import ExitStatus
from bntutor.exercises.starter import DEFAULT_DIR
from bntutor.messages import message
from bntutor.store.cards import CardRecord

PREFIX = "exercise:"
REVIEW_DIR = "review"  # under the workspace: a scratch copy, so the learner's own file stays


def card_id(name: str) -> str:
    return PREFIX + name


def is_exercise_card(qid: str) -> bool:
    return qid.startswith(PREFIX)


def due_exercises(cards: Sequence[CardRecord]) -> list[str]:
    return [c.qid.removeprefix(PREFIX) for c in cards if is_exercise_card(c.qid)]


def offer_exercises(app: AppContext, names: Sequence[str]) -> int:
    """Offer each due exercise, from a blank starter in the review workspace."""
    from bntutor.cli._exercise_run import ExerciseOptions, run_exercise
    from bntutor.ui.prompt import confirm

    directory = Path.cwd() / DEFAULT_DIR / REVIEW_DIR
    for name in names:
        app.console.print(message("exercise.due", app.lang, name=name))
        if not app.interactive:
            app.console.print(f"  bntutor exercise {name} --dir {directory} --reset --yes",
                              markup=False)
            continue
        answer = confirm(app.console, message("exercise.again_now", app.lang, name=name),
                         app.stdin)
        if answer is None:
            raise EOFError  # the error boundary says "end of input"
        if not answer:
            continue
        status = run_exercise(app, ExerciseOptions(name, directory, "numpy", once=False,
                                                   reset=True, yes=True))
        if status != ExitStatus.OK:
            return status
    return int(ExitStatus.OK)
