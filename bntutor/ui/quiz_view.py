"""A quiz on screen: each question with its countdown, hints, notes and verdicts.

:class:`QuizView` is the :class:`bntutor.quiz.runner.QuizIO` the CLI hands the runner.
With a time limit the remaining time is shown on a status line above every prompt and,
at a terminal, redrawn each second while the learner types.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from rich.console import Console, Group, RenderableType
from rich.text import Text

from bntutor.checking.verdict import Verdict
from bntutor.content.i18n import localize
from bntutor.content.models import Option
from bntutor.quiz.durations import format_duration
from bntutor.quiz.items import QuizItem
from bntutor.quiz.results import QuestionResult
from bntutor.quiz.runner import Reply
from bntutor.ui.player import hint_view, markdown, question_view
from bntutor.ui.prose import title_rule
from bntutor.ui.timed_input import Tick, status_redraw
from bntutor.ui.verdict_view import answer_line, verdict_view

HELP = (
    (":hint", "show the next hint (hints lower the review rating)"),
    (":skip", "skip this question and see its answer"),
    (":quit", "stop here and see the report"),
    (":help", "this list"),
)
STARS = {1: "★☆☆", 2: "★★☆", 3: "★★★"}
LOW_TIME = 60.0  # seconds: the countdown turns red


class Reader(Protocol):
    @property
    def interactive(self) -> bool: ...

    def read(self, deadline: float | None, tick: Tick | None = None) -> Reply: ...

    def pending(self) -> bool: ...


def countdown(remaining: float) -> Text:
    style = "bold red" if remaining <= LOW_TIME else "bold yellow"
    return Text(f"⏱ {format_duration(remaining)} left", style=style)


def question_header(number: int, total: int, item: QuizItem) -> RenderableType:
    title = Text.assemble((f"Question {number} of {total}", "bold"),
                          (f"  {item.topic}  {STARS.get(item.difficulty, '')}", "dim"))
    return title_rule(title)


def result_view(result: QuestionResult, verdict: Verdict | None,
                revealed: RenderableType | None = None) -> RenderableType:
    """The verdict (or the skip), the expected answer when missed, a prediction's
    computation (``revealed``, as the lesson shows it), and the explanation."""
    parts: list[RenderableType] = []
    if verdict is not None:
        parts.append(verdict_view(verdict))
    else:
        parts.append(Text(f"skipped after {result.seconds:.0f} s", style="yellow"))
    if not result.correct and result.expected:
        parts.append(answer_line("answer: ", result.expected, 2, "dim", "bold"))
    if revealed is not None:
        parts += [Text(), revealed]
    if result.explanation:
        parts.append(markdown(result.explanation))
    return Group(*parts)


class QuizView:
    """Renders to ``console`` and reads with ``reader``; ``timer`` gives monotonic seconds."""

    def __init__(self, console: Console, reader: Reader, timer: Callable[[], float],
                 lang: str = "en", on_wait: Callable[[], object] | None = None,
                 compute: Callable[[str, dict[str, Any]], RenderableType] | None = None
                 ) -> None:
        """``on_wait`` runs each time the view starts waiting for the learner (the CLI
        starts the background torch import there, once the first question is drawn).
        ``compute`` runs and renders a named computation: a prediction's ``reveal`` is
        run once the learner has answered or skipped, as in the lesson."""
        self._console = console
        self._compute = compute
        self._item: QuizItem | None = None
        self._reader = reader
        self._timer = timer
        self._lang = lang
        self._on_wait = on_wait
        self._timed = False

    @property
    def interactive(self) -> bool:
        return self._reader.interactive

    def show_question(self, number: int, total: int, item: QuizItem,
                      remaining: float | None) -> None:
        q = item.question
        options = [
            localize(o.text if isinstance(o, Option) else o, self._lang) for o in q.options or []
        ]
        self._item = item
        self._console.print()
        self._console.print(question_header(number, total, item))
        self._console.print(
            question_view(localize(q.prompt, self._lang), options, q.kind == "multi", q.unit)
        )
        self._timed = remaining is not None

    def read(self, deadline: float | None) -> Reply:
        if self._on_wait is not None:
            self._on_wait()
        tick: Tick | None = None
        if deadline is not None:
            self._console.print(countdown(deadline - self._timer()))
            tick = self._tick
        return self._reader.read(deadline, tick)

    def _tick(self, remaining: float) -> None:
        status_redraw(self._console, countdown(remaining), self._reader.pending)

    def show_hint(self, hint: str, number: int, total: int) -> None:
        self._console.print(hint_view(hint, number, total))

    def show_note(self, text: str) -> None:
        self._console.print(Text(text, style="yellow"))

    def show_help(self) -> None:
        for command, what in HELP:
            self._console.print(Text.assemble((f"  {command:<7}", "bold"), what))
        self._console.print(Text("  Ctrl-C stops the quiz; answers so far are kept.", style="dim"))

    def show_result(self, result: QuestionResult, verdict: Verdict | None) -> None:
        self._console.print(result_view(result, verdict, self._revealed(result)))

    def _revealed(self, result: QuestionResult) -> RenderableType | None:
        """The asked question's ``reveal`` computation, run and rendered (not when nothing
        is shown, as with ``--json``)."""
        item = self._item
        if self._compute is None or item is None or item.item_id != result.item_id:
            return None
        reveal = item.question.reveal
        if reveal is None or self._console.quiet:
            return None
        return self._compute(reveal.computation, reveal.args)

    def show_time_up(self) -> None:
        self._console.print(Text("⏰ time is up", style="bold red"))
