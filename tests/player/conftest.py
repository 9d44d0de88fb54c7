"""Fakes for the quiz player's tests: a scripted QuizIO and a clock that moves on demand."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from bntutor.checking.verdict import Verdict
from bntutor.player.io import TIME_UP, Reply
from bntutor.quiz.items import QuizItem
from bntutor.quiz.results import QuestionResult


class FakeTimer:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class FakeIO:
    """Replies from a list; each reply first advances the timer by its delay.

    A reply ``("late", seconds)`` makes read() wait: past the deadline it returns TIME_UP.
    """

    def __init__(self, timer: FakeTimer, replies: Iterable[str | tuple[str, float] | None],
                 interactive: bool = False) -> None:
        self.timer = timer
        self.replies = list(replies)
        self._interactive = interactive
        self.shown: list[str] = []
        self.notes: list[str] = []
        self.hints: list[str] = []
        self.results: list[QuestionResult] = []
        self.time_up = False

    @property
    def interactive(self) -> bool:
        return self._interactive

    def show_question(self, number: int, total: int, item: QuizItem,
                      remaining: float | None) -> None:
        self.shown.append(item.item_id)

    def read(self, deadline: float | None) -> Reply:
        if not self.replies:
            return None
        reply = self.replies.pop(0)
        if reply is None:
            return None
        if isinstance(reply, tuple):
            text, delay = reply
            if reply[0] == "^C":
                raise KeyboardInterrupt
            if deadline is not None and self.timer.now + delay >= deadline:
                self.timer.now = deadline
                return TIME_UP
            self.timer.now += delay
            return text
        self.timer.now += 1.0
        return reply

    def show_hint(self, hint: str, number: int, total: int) -> None:
        self.hints.append(hint)

    def show_no_hint(self, total: int, explained: bool) -> None:
        self.notes.append(f"no more hints (of {total}; explained: {explained})")

    def show_note(self, text: str) -> None:
        self.notes.append(text)

    def show_help(self) -> None:
        self.notes.append("help")

    def show_result(self, result: QuestionResult, verdict: Verdict | None) -> None:
        self.results.append(result)

    def show_unknown(self, command: str) -> None:
        self.notes.append(f"unknown command {command}")

    def show_context(self, item: QuizItem) -> None:
        self.notes.append(f"show {item.item_id}")

    def show_back(self, number: int, item: QuizItem, result: QuestionResult | None) -> None:
        status = None if result is None else result.status
        self.notes.append(f"back {number} {item.item_id} {status}")

    def show_time_up(self) -> None:
        self.time_up = True

    def show_follow_up(self, prompt: str) -> None:
        self.notes.append(f"follow-up {prompt}")

    def show_rubric(self, model_answer: str, rubric: list[str]) -> None:
        self.notes.append(f"rubric {len(rubric)}: {model_answer}")


@pytest.fixture
def timer() -> FakeTimer:
    return FakeTimer()
