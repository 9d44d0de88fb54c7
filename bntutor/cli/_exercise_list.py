"""`bntutor exercises`: the list with each one's status."""

from __future__ import annotations

from rich.text import Text

from bntutor.cli._exercise_summary import exercise_rows
from bntutor.cli._overview import existing_store
from bntutor.cli.context import AppContext
from bntutor.messages import message
from bntutor.ui.exercise_table import exercise_table


def show_exercises(app: AppContext) -> None:
    with existing_store(app) as store:
        saved = store.all_exercise_progress() if store else []
    app.console.print(exercise_table(exercise_rows(saved, app.lang), app.lang))
    app.console.print(Text(message("exercise.start_one", app.lang), style="dim"))
