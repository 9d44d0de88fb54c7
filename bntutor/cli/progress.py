"""The `bntutor progress [--json] [--reset LESSON]` and `bntutor repair` commands."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from bntutor.cli.context import AppContext, get_context
from bntutor.cli.json_out import print_json

app = typer.Typer()

#: A lesson's fields in ``progress --json``, in its order (its minutes are not said).
_LESSON_KEYS = ("number", "slug", "title", "steps", "steps_done", "started", "finished")


@app.command("progress")
def progress_cmd(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    reset: Annotated[str | None, typer.Option("--reset", metavar="LESSON")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y")] = False,
) -> None:
    """Lessons done, quiz history, mastery per topic, cards due."""
    app_ctx = get_context(ctx)
    if reset is not None:
        _reset(app_ctx, reset, yes)
        return
    _show(app_ctx, as_json)


def _reset(app: AppContext, ref: str, yes: bool) -> None:
    from bntutor.cli._store import open_store
    from bntutor.content.course import load_course

    entry = load_course().find_lesson(ref)
    name = f"lesson {entry.number} ({entry.slug})"
    if not app.confirmed(yes, f"not deleting the progress of {name} without confirmation",
                         f"Delete your progress in {name}?"):
        app.console.print("nothing deleted")
        return
    with open_store(app) as store:
        deleted = store.reset_lesson(entry.slug)
    app.console.print(f"progress of {name} deleted" if deleted else f"{name} had no progress")


def _show(app: AppContext, as_json: bool) -> None:
    from bntutor.cli._exercise_summary import exercise_rows
    from bntutor.cli._overview import standings
    from bntutor.cli._store import existing_store
    from bntutor.content.course import load_course
    from bntutor.quiz.mastery import RECENT, topic_mastery
    from bntutor.ui.progress_view import progress_view

    now = app.clock()
    course = load_course()
    with existing_store(app) as store:
        if store is None:
            saved, quizzes, totals, recent, cards, due_now, next_due = {}, [], {}, {}, 0, 0, None
            exercises = []
        else:
            saved = {p.slug: p for p in store.all_progress()}
            quizzes = store.quiz_history(limit=10)
            stats = store.topic_stats()
            totals = {s.topic: (s.attempts, s.correct) for s in stats}
            recent = {
                s.topic: [a.correct for a in store.attempts_for_topic(s.topic, RECENT)]
                for s in stats
            }
            cards, due_now = store.card_count(), len(store.due_cards(now))
            next_due = store.next_due()
            exercises = store.all_exercise_progress()
    rows = [s.row for s in standings(course, saved, app.lang)]
    exercise_table_rows = exercise_rows(exercises, app.lang)
    mastery = topic_mastery(totals, recent)
    if as_json:
        document = {
            "lessons": [{key: getattr(r, key) for key in _LESSON_KEYS} for r in rows],
            "quizzes": [
                {"started_at": q.started_at.isoformat(), "seconds": round(q.seconds, 2),
                 "questions": q.n_questions, "correct": q.n_correct, "topics": list(q.topics)}
                for q in quizzes
            ],
            "mastery": [m.to_dict() for m in mastery],
            "exercises": [asdict(r) for r in exercise_table_rows],
            "cards": {"total": cards, "due_now": due_now,
                      "next_due": next_due.isoformat() if next_due else None},
        }
        print_json(document)
        return
    app.console.print(progress_view(rows, quizzes, mastery, now, due_now, cards, next_due,
                                    exercise_table_rows, app.lang))


@app.command("repair")
def repair_cmd(ctx: typer.Context) -> None:
    """Rebuild the progress database from every row that can still be read."""
    from bntutor.messages import message
    from bntutor.store.recovery import repair
    from bntutor.store.store import FILE_NAME

    app_ctx = get_context(ctx)
    path = app_ctx.home() / FILE_NAME
    done = repair(path, app_ctx.clock())
    if done is None:
        app_ctx.console.print(message("repair.nothing", app_ctx.lang, path=path), soft_wrap=True,
                              markup=False)
        return
    aside, carried = done
    tables = ""
    if carried.unreadable_tables:
        names = ", ".join(carried.unreadable_tables)
        tables = message("repair.damaged_tables", app_ctx.lang, tables=names)
    app_ctx.console.print(
        message("repair.done", app_ctx.lang, kept=carried.rows_kept, lost=carried.rows_lost,
                tables=tables, aside=aside),
        soft_wrap=True,
        markup=False,
    )
