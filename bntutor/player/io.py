"""What the player asks of a screen: show things and read the learner's lines.

The loops (:mod:`~bntutor.player.lesson`, :mod:`~bntutor.player.quiz`) never render:
``bntutor.ui`` implements these protocols with rich, and tests with fakes. The part every
loop shares is :class:`PlayerIO`: reading a line, and what the ``:`` commands show.
"""

from __future__ import annotations

from typing import Protocol

from bntutor.checking.verdict import Verdict
from bntutor.content.models import QuestionStep, Step
from bntutor.quiz.items import QuizItem
from bntutor.quiz.results import QuestionResult


class TimeUp:
    """What :meth:`PlayerIO.read` returns when the deadline passes before a line comes."""

    def __repr__(self) -> str:
        return "TIME_UP"


TIME_UP = TimeUp()
Reply = str | None | TimeUp  # a line, None at the end of input, or TIME_UP


class PlayerIO(Protocol):
    """What lessons, quizzes and review all show and read."""

    @property
    def interactive(self) -> bool:
        """A person waits at each prompt (not an answers file, a pipe or ``--json``)."""

    def read(self, deadline: float | None) -> Reply:
        """The next answer line; TIME_UP once ``deadline`` (monotonic seconds) passes."""

    def show_hint(self, hint: str, number: int, total: int) -> None: ...

    def show_no_hint(self, total: int, explained: bool) -> None:
        """``:hint`` with nothing (more) to show; ``explained``: the answer comes with why."""

    def show_note(self, text: str) -> None:
        """One line to answer again by (an unreadable or empty answer)."""

    def show_help(self) -> None: ...

    def show_unknown(self, command: str) -> None: ...


class LessonIO(PlayerIO, Protocol):
    """A lesson (or a demo) on screen."""

    def proceed(self) -> str | None:
        """After a reading step: the line typed to go on (Enter, or a command)."""

    def show_header(self, number: int | None, title: str, minutes: int | None,
                    note: str) -> None: ...

    def show_resumed(self, context: list[Step]) -> None:
        """Play starts mid-lesson: the data the first step works with, shown again."""

    def show_step(self, step: Step, k: int, n: int) -> None: ...

    def show_verdict(self, verdict: Verdict, tries_left: int | None,
                     hints_left: int | None) -> None: ...

    def show_closed(self, step: QuestionStep, answer: str | None, skipped: bool) -> None:
        """A question is done: its answer (when revealed), its reveal computation, then
        its explanation."""

    def show_context(self, step: Step, context: list[Step]) -> None:
        """``:show``: ``context`` (empty: the step needs none), then a question again."""

    def show_back(self, step: Step, here: int, earlier: Step | None, k: int, n: int,
                  revealed: bool) -> None:
        """``:back`` at ``step`` (number ``here``): step ``k`` of ``n`` again (None: there
        is none before), with its reveal computation when ``revealed``."""


class QuizIO(PlayerIO, Protocol):
    """A quiz or a review on screen (``bntutor.ui.quiz_view`` draws it)."""

    def show_question(self, number: int, total: int, item: QuizItem,
                      remaining: float | None) -> None: ...

    def show_context(self, item: QuizItem) -> None:
        """``:show``: the item's context (or a note that it needs none), then the question."""

    def show_back(self, number: int, item: QuizItem, result: QuestionResult | None) -> None:
        """``:back``: question ``number`` again with its result (None: not asked), view only;
        ``number`` 0 means there is nothing before."""

    def show_result(self, result: QuestionResult, verdict: Verdict | None) -> None: ...

    def show_time_up(self) -> None: ...

    def show_follow_up(self, prompt: str) -> None:
        """explain: the follow-up question, asked once the first part is marked."""

    def show_rubric(self, model_answer: str, rubric: list[str]) -> None:
        """explain: the model answer and its key points, then how to mark them."""
