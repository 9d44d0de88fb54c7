"""A lesson on screen: the rich :class:`bntutor.player.io.LessonIO` the CLI hands the
player. Lines come from an :class:`~bntutor.ui.prompt.AnswerSource`; a long step is paged
at a terminal; computations are run and rendered by ``compute``."""

from __future__ import annotations

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from bntutor.checking.verdict import Verdict
from bntutor.content.i18n import localize
from bntutor.content.models import QuestionStep, Step
from bntutor.messages import message
from bntutor.player.io import Reply
from bntutor.ui import player_views as view
from bntutor.ui.pager import Pager
from bntutor.ui.prompt import AnswerSource
from bntutor.ui.prose import markdown
from bntutor.ui.screen import Screen
from bntutor.ui.step_view import Compute, context_content, step_content, step_parts
from bntutor.ui.verdict_view import reveal_view, verdict_view


class LessonScreen(Screen):
    def __init__(self, console: Console, source: AnswerSource, compute: Compute,
                 lang: str = "en", kind: str = "lesson") -> None:
        super().__init__(console, lang)
        self._source = source
        self._compute = compute
        self._kind = kind  # "demo": the header says so

    @property
    def interactive(self) -> bool:
        return self._source.interactive

    def read(self, deadline: float | None) -> Reply:
        return self._source.read()

    def proceed(self) -> str | None:
        return self._source.read(message("prompt.continue", self._lang))

    def show_header(self, number: int | None, title: str, minutes: int | None,
                    note: str) -> None:
        self._console.print(view.header(number, title, minutes, self._lang, self._kind))
        if note:
            self._console.print(Text(note, style="dim"))

    def show_resumed(self, context: list[Step]) -> None:
        self._console.print(Text(message("lesson.resume_context", self._lang), style="dim"))
        self._console.print(context_content(context, self._lang, self._compute))

    def show_step(self, step: Step, k: int, n: int) -> None:
        out = self._console
        out.print()
        out.print(view.progress_line(k, n, self._lang))
        reader = self._source.read if self._source.interactive else None
        Pager(out, reader, self._lang).screenful(step_parts(step, self._lang, self._compute))

    def show_verdict(self, verdict: Verdict, tries_left: int | None,
                     hints_left: int | None) -> None:
        self._console.print(verdict_view(verdict, tries_left, hints_left, self._lang))

    def show_closed(self, step: QuestionStep, answer: str | None, skipped: bool) -> None:
        out = self._console
        if answer is not None:
            out.print(reveal_view(answer, None, skipped=skipped, lang=self._lang))
        if step.reveal is not None:  # run once the learner has committed (or skipped)
            out.print()
            out.print(self._compute(step.reveal.computation, step.reveal.args))
        if step.explanation:
            out.print(markdown(localize(step.explanation, self._lang)))

    def show_context(self, step: Step, context: list[Step]) -> None:
        out = self._console
        if not context:
            out.print(Text(message("show.nothing", self._lang), style="dim"))
            return
        out.print(context_content(context, self._lang, self._compute))
        if isinstance(step, QuestionStep):
            out.print(Rule(Text(message("show.question_again", self._lang), style="dim"),
                           style="dim"))
            out.print(step_content(step, self._lang, self._compute, title=False))

    def show_back(self, step: Step, here: int, earlier: Step | None, k: int, n: int,
                  revealed: bool) -> None:
        out = self._console
        if earlier is None:
            out.print(Text(message("back.first_step", self._lang), style="dim"))
            return
        out.print()
        out.print(Rule(Text(message("back.rule", self._lang, k=k, n=n), style="dim"),
                       style="dim"))
        out.print(step_content(earlier, self._lang, self._compute, commands=False))
        if revealed and isinstance(earlier, QuestionStep) and earlier.reveal is not None:
            out.print(self._compute(earlier.reveal.computation, earlier.reveal.args))
        what = "question" if isinstance(step, QuestionStep) else "reading"
        out.print(Rule(style="dim"))
        out.print(Text(message("back.return", self._lang, k=here,
                               what=message(f"back.what.{what}", self._lang)), style="dim"))
