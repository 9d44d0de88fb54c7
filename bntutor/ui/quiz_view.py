"""A quiz on screen: each question with its countdown, hints, notes and verdicts.

:class:`QuizView` is the :class:`bntutor.player.io.QuizIO` the CLI hands the quiz loop.
With a time limit the remaining time is shown on a status line above every prompt and,
at a terminal, redrawn each second while the learner types.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from bntutor.checking.verdict import Verdict
from bntutor.control_chars import visible
from bntutor.messages import message
from bntutor.player.io import Reply
from bntutor.quiz.durations import format_duration
from bntutor.quiz.items import QuizItem
from bntutor.quiz.results import QuestionResult
from bntutor.ui.player_views import options_view
from bntutor.ui.prompt import ScriptedSource, TerminalSource, Tick
from bntutor.ui.prose import TitleRule, markdown
from bntutor.ui.screen import Screen
from bntutor.ui.step_view import context_content, question_content
from bntutor.ui.verdict_view import answer_line, verdict_view

STARS = {1: "★☆☆", 2: "★★☆", 3: "★★★"}
LOW_TIME = 60.0  # seconds: the countdown turns red


#: Where a quiz's answers come from: a person at the terminal, or a script.
Reader = TerminalSource | ScriptedSource


def countdown(remaining: float, lang: str = "en") -> Text:
    style = "bold red" if remaining <= LOW_TIME else "bold yellow"
    return Text("⏱ " + message("quiz.time_left", lang, time=format_duration(remaining)),
                style=style)


def question_header(number: int, total: int, item: QuizItem, lang: str = "en") -> RenderableType:
    title = Text.assemble((message("quiz.question_of", lang, k=number, n=total), "bold"),
                          (f"  {item.topic}  {STARS.get(item.difficulty, '')}", "dim"))
    return TitleRule(title)


def result_view(result: QuestionResult, verdict: Verdict | None,
                revealed: RenderableType | None = None, lang: str = "en") -> RenderableType:
    """The verdict (or the skip), the expected answer when missed, a prediction's
    computation (``revealed``, as the lesson shows it), and the explanation."""
    parts: list[RenderableType] = []
    if verdict is not None:
        parts.append(verdict_view(verdict, lang=lang))
    else:
        parts.append(Text(message("quiz.skipped_after", lang, s=f"{result.seconds:.0f}"),
                          style="yellow"))
    if not result.correct and result.expected:
        parts.append(answer_line(message("reveal.answer", lang), result.expected, 2, "dim",
                                 "bold"))
    if revealed is not None:
        parts += [Text(), revealed]
    if result.explanation:
        parts.append(markdown(result.explanation))
    return Group(*parts)


def status_redraw(console: Console, text: Text, pending: Callable[[], bool] | None = None) -> None:
    """Rewrite the line just above the prompt line, leaving the cursor (and whatever the
    learner is typing) where it is. Terminals only; a no-op otherwise.

    ``pending`` says whether the learner has just pressed Enter: the terminal has then
    moved the cursor below the prompt, and "the line above" would be the answer itself,
    so nothing is drawn (the answer is about to be read anyway)."""
    if not console.is_terminal:
        return
    with console.capture() as capture:
        console.print(text, end="")
    if pending is not None and pending():
        return
    out = console.file if console.file is not None else sys.stdout
    out.write("\0337\033[1A\r\033[2K" + capture.get() + "\0338")
    out.flush()


def rubric_view(model_answer: str, rubric: list[str], lang: str) -> RenderableType:
    """An explain question's model answer, its numbered key points, and how to mark them."""
    points = options_view(rubric, [f"{i}." for i in range(1, len(rubric) + 1)])
    example = " ".join("yn"[i % 2] for i in range(len(rubric)))
    return Group(
        Rule(Text(message("explain.model_answer", lang), style="dim"), style="dim"),
        markdown(model_answer),
        Text(message("explain.key_points", lang), style="bold"),
        points,
        Text(message("explain.how_to_mark", lang, example=example), style="dim"),
    )


class QuizView(Screen):
    """Renders to ``console`` and reads with ``reader``; ``timer`` gives monotonic seconds."""

    where = "quiz"

    def __init__(self, console: Console, reader: Reader, timer: Callable[[], float],
                 lang: str = "en", on_wait: Callable[[], object] | None = None,
                 compute: Callable[[str, dict[str, Any]], RenderableType] | None = None
                 ) -> None:
        """``on_wait`` runs each time the view starts waiting for the learner (the CLI
        starts the background torch import there, once the first question is drawn).
        ``compute`` runs and renders a named computation: a prediction's ``reveal`` is
        run once the learner has answered or skipped, as in the lesson."""
        super().__init__(console, lang)
        self._compute = compute
        self._item: QuizItem | None = None
        self._number = 0
        self._reader = reader
        self._timer = timer
        self._on_wait = on_wait

    @property
    def interactive(self) -> bool:
        return self._reader.interactive

    def show_question(self, number: int, total: int, item: QuizItem,
                      remaining: float | None) -> None:
        self._item = item
        self._number = number
        self._console.print()
        self._console.print(question_header(number, total, item, self._lang))
        if item.context:
            self._print_context(item)
            self._console.print(Rule(style="dim"))
        self._console.print(question_content(item.question, self._lang))

    def _print_context(self, item: QuizItem) -> None:
        if self._console.quiet:  # --json: nothing is shown, so nothing is computed
            return
        self._console.print(context_content(item.context, self._lang, self._run))

    def _run(self, name: str, args: dict[str, Any]) -> RenderableType:
        return self._compute(name, args) if self._compute is not None else Text()

    def show_context(self, item: QuizItem) -> None:
        out = self._console
        if not item.context:
            out.print(Text(message("show.nothing_question", self._lang), style="dim"))
        else:
            self._print_context(item)
        out.print(Rule(Text(message("show.question_again", self._lang), style="dim"),
                       style="dim"))
        out.print(question_content(item.question, self._lang, False))

    def show_back(self, number: int, item: QuizItem, result: QuestionResult | None) -> None:
        out = self._console
        if number == 0:
            out.print(Text(message("back.first_question", self._lang), style="dim"))
            return
        out.print()
        out.print(Rule(Text(message("back.rule_question", self._lang, k=number), style="dim"),
                       style="dim"))
        out.print(question_content(item.question, self._lang, False))
        if result is None or not result.answered:
            out.print(Text(message("back.not_answered", self._lang), style="dim"))
        else:
            if result.answer is not None:
                said = visible(result.answer)
                out.print(Text(message("back.your_answer", self._lang, answer=said), style="dim"))
            out.print(Text(message(f"back.status.{result.status}", self._lang),
                           style="green" if result.correct else "yellow"))
            if not result.correct and result.expected:
                out.print(answer_line(message("reveal.answer", self._lang), result.expected, 2,
                                      "dim", "bold"))
            if result.explanation:
                out.print(markdown(result.explanation))
        out.print(Rule(style="dim"))
        out.print(Text(message("back.return_question", self._lang, k=self._number),
                       style="dim"))

    def read(self, deadline: float | None) -> Reply:
        if self._on_wait is not None:
            self._on_wait()
        tick: Tick | None = None
        if deadline is not None:
            self._console.print(countdown(deadline - self._timer(), self._lang))
            tick = self._tick
        reply = self._reader.read(deadline=deadline, tick=tick)
        if reply is None and self._reader.interactive:
            self._console.print()  # past the ^D: the lines after start on their own
        return reply

    def _tick(self, remaining: float) -> None:
        status_redraw(self._console, countdown(remaining, self._lang), self._reader.pending)

    def show_result(self, result: QuestionResult, verdict: Verdict | None) -> None:
        self._console.print(result_view(result, verdict, self._revealed(result), self._lang))

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

    def show_follow_up(self, prompt: str) -> None:
        self._console.print()
        self._console.print(TitleRule(Text(message("explain.follow_up", self._lang),
                                            style="bold")))
        self._console.print(markdown(prompt))

    def show_rubric(self, model_answer: str, rubric: list[str]) -> None:
        self._console.print(rubric_view(model_answer, rubric, self._lang))

    def show_time_up(self) -> None:
        self._console.print(Text("⏰ " + message("quiz.time_up", self._lang), style="bold red"))
