"""`bntutor progress` on screen: lessons, quiz history, mastery per topic, review cards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from bntutor.messages import message
from bntutor.quiz.durations import format_duration
from bntutor.quiz.mastery import MIN_ANSWERS, RECENT, TopicMastery
from bntutor.store.quizzes import QuizRecord
from bntutor.ui.exercise_table import ExerciseRow, exercise_table
from bntutor.ui.lesson_table import LessonRow, lesson_table
from bntutor.ui.report_view import bar

CHART_WIDTH = 30
MIN_CHART_WIDTH = 10


def when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def until(now: datetime, moment: datetime, lang: str = "en") -> str:
    """``in 3 h``, ``in 2 days``, ``now``."""
    seconds = (moment - now).total_seconds()
    if seconds <= 0:
        return message("until.now", lang)
    if seconds < 3600:
        return message("until.min", lang, n=max(1, round(seconds / 60)))
    if seconds < 2 * 86400:
        return message("until.h", lang, n=round(seconds / 3600))
    return message("until.days", lang, n=round(seconds / 86400))


def nothing_due_line(now: datetime, next_due: datetime | None, cards: int,
                     after: bool = False, lang: str = "en") -> str:
    """What to say when no card is due (or after a review): when the next one is."""
    if cards == 0 or next_due is None:
        return message("review.no_cards", lang)
    lead = message("review.done" if after else "review.nothing_due", lang)
    if next_due <= now:
        return message("review.more_due", lang, lead=lead)
    return message("review.next_due", lang, lead=lead, until=until(now, next_due, lang),
                   when=when(next_due))


class MasteryChart:
    """One bar per topic: mastery, with the answers it is based on. The bars are as long
    as the screen allows, up to :data:`CHART_WIDTH`."""

    def __init__(self, rows: Sequence[TopicMastery], lang: str = "en") -> None:
        self.rows = rows
        self.lang = lang

    def table(self, chart_width: int = CHART_WIDTH) -> Table:
        table = Table(title=message("mastery.title", self.lang), title_justify="left",
                      box=None, pad_edge=False)
        table.add_column(message("report.topic", self.lang), overflow="fold")
        table.add_column("", no_wrap=True)
        table.add_column("", justify="right", no_wrap=True)
        table.add_column(message("mastery.based_on", self.lang), style="dim", no_wrap=True)
        for row in self.rows:
            shown = (bar(row.mastery, chart_width) if row.answers
                     else Text("·" * chart_width, style="dim"))
            percent = f"{round(100 * row.mastery)}%" if row.answers else "—"
            table.add_row(row.topic, shown, percent, based_on(row, self.lang))
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        topic = max((len(row.topic) for row in self.rows), default=5)
        basis = max((len(based_on(row, self.lang)) for row in self.rows), default=7)
        room = options.max_width - topic - len("  ") * 3 - len("100%") - basis
        yield self.table(max(MIN_CHART_WIDTH, min(CHART_WIDTH, room)))
        if any(row.answers for row in self.rows):
            yield Text(message("mastery.note", self.lang, recent=RECENT, need=MIN_ANSWERS),
                       style="dim")


def based_on(row: TopicMastery, lang: str = "en") -> str:
    """What a topic's mastery is computed from: ``1 of 5`` (of the answers it needs) while
    it has fewer than :data:`MIN_ANSWERS`, else the number of latest answers counted."""
    if not row.answers:
        return ""
    if row.recent < MIN_ANSWERS:
        return message("mastery.needs", lang, n=row.recent, need=MIN_ANSWERS)
    return str(row.recent)


def quiz_table(records: Sequence[QuizRecord], lang: str = "en") -> Table:
    table = Table(title=message("quizzes.title", lang), title_justify="left", box=None,
                  pad_edge=False)
    for key, justify in (("quizzes.when", "left"), ("quizzes.score", "right"), ("", "left"),
                         ("quizzes.time", "right"), ("quizzes.topics", "left")):
        table.add_column(message(key, lang) if key else "", justify=justify,  # type: ignore[arg-type]
                         no_wrap=key != "quizzes.topics", overflow="fold")
    for r in records:
        share = r.n_correct / r.n_questions if r.n_questions else 0.0
        table.add_row(r.started_at.strftime("%Y-%m-%d %H:%M"), f"{r.n_correct}/{r.n_questions}",
                      bar(share, 10), format_duration(r.seconds), ", ".join(r.topics))
    return table


def cards_line(now: datetime, due_now: int, cards: int, next_due: datetime | None,
               lang: str = "en") -> Text:
    if due_now:
        return Text.assemble((message("cards.due_now", lang, due=due_now, cards=cards), "bold"),
                             ("bntutor review", "bold cyan"))
    return Text(nothing_due_line(now, next_due, cards, lang=lang))


def progress_view(
    lessons: Sequence[LessonRow],
    quizzes: Sequence[QuizRecord],
    mastery: Sequence[TopicMastery],
    now: datetime,
    due_now: int,
    cards: int,
    next_due: datetime | None,
    exercises: Sequence[ExerciseRow] = (),
    lang: str = "en",
) -> RenderableType:
    parts: list[RenderableType] = [Rule(Text(message("progress.title", lang), style="bold"),
                                        align="left")]
    done = sum(row.finished for row in lessons)
    parts.append(Text(message("progress.finished", lang, done=done, total=len(lessons)),
                      style="bold"))
    if lessons:
        parts.append(lesson_table(list(lessons), lang=lang))
    parts.append(Text())
    if quizzes:
        parts.append(quiz_table(quizzes, lang))
    else:
        parts.append(Text(message("progress.no_quizzes", lang), style="dim"))
    if exercises:
        passed = sum(r.status == "passed" for r in exercises)
        parts += [Text(), Text(message("exercise.progress", lang, passed=passed,
                                       total=len(exercises)), style="bold")]
        touched = [r for r in exercises if r.status != "new"]
        if touched:
            parts.append(exercise_table(touched, lang))
        else:
            parts.append(Text(message("exercise.none_started", lang), style="dim"))
    parts += [Text(), MasteryChart(mastery, lang), Text(),
              cards_line(now, due_now, cards, next_due, lang)]
    return Group(*parts)
