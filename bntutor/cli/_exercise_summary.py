"""Exercises in the listings (home, progress, `bntutor exercises`): cheap to import, no
numpy or torch, so the home screen stays fast."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bntutor.content.exercise_order import exercise_order
from bntutor.messages import message
from bntutor.store.exercises import ExerciseRecord

if TYPE_CHECKING:
    from bntutor.ui.exercise_table import ExerciseRow


def exercise_rows(saved: Sequence[ExerciseRecord], lang: str) -> list[ExerciseRow]:
    """Every exercise in course order with the learner's standing (new when untouched)."""
    from bntutor.content.exercises import load_exercise
    from bntutor.ui.exercise_table import ExerciseRow

    by_name = {p.name: p for p in saved}
    rows = []
    for i, name in enumerate(exercise_order(), 1):
        ex = load_exercise(name)
        p = by_name.get(name)
        rows.append(ExerciseRow(i, name, ex.title.get(lang), ex.lesson,
                                p.status if p else "new", p.hints_used if p else 0,
                                p.solution_shown if p else False))
    return rows


def exercise_line(saved: Sequence[ExerciseRecord], order: list[str] | None = None,
                  lang: str = "en") -> str:
    """``exercises: 3 of 16 passed; next: bntutor exercise bn-eval`` for the home screen;
    ``order`` is the exercises' course order when the caller has it (the lesson index)."""
    names = exercise_order() if order is None else order
    passed = {p.name for p in saved if p.passed_at is not None}
    done = sum(n in passed for n in names)
    started = [p.name for p in sorted(saved, key=lambda p: p.updated_at, reverse=True)
               if p.passed_at is None and p.name in names]
    todo = started[0] if started else next((n for n in names if n not in passed), None)
    head = message("home.exercises_passed", lang, done=done, total=len(names))
    if todo:
        return message("home.exercise_next", lang, head=head, name=todo)
    return message("home.exercises_done", lang, head=head)
