"""The quiz loop: ask each item, read answers and commands, keep time, collect results.

No rendering and no reading happen here: a :class:`~bntutor.player.io.QuizIO` shows
things and reads lines,
``check`` and ``reveal`` judge answers, ``record`` stores each answered question, and
``timer`` (monotonic seconds) keeps the time limit. All are passed in, so the loop is
tested with fakes and a fake clock.

One answer per question, as in an interview: right or wrong, then the next question.
Commands are those of the lessons (:mod:`bntutor.commands`): ``:hint`` (next hint,
counted), ``:skip``, ``:show`` (the question's context, then the question again),
``:back`` (an earlier question and its result, view only), ``:quit`` (ends with a
report), ``:help``. Ctrl-C or the end of input stop the quiz; what was answered is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from bntutor import tutor
from bntutor.checking.verdict import Verdict
from bntutor.commands import (
    Back,
    Help,
    Hint,
    Quit,
    Show,
    Skip,
    Unknown,
    command_word,
    parse_command,
)
from bntutor.content.i18n import localize
from bntutor.content.models import Question, option_ids
from bntutor.content.shuffle import OptionOrder
from bntutor.errors import BntutorError
from bntutor.messages import message
from bntutor.player.io import QuizIO, TimeUp
from bntutor.quiz.explain import MarksSyntaxError, explain_parts, parse_marks
from bntutor.quiz.items import QuizItem
from bntutor.quiz.results import QuestionResult, Status
from bntutor.quiz.source import ItemSource

Ended = Literal["finished", "time-up", "quit", "end-of-input", "interrupted"]


@dataclass(frozen=True)
class QuizResult:
    results: list[QuestionResult]
    ended: Ended
    seconds: float


@dataclass
class QuizRunner:
    """Runs ``item_ids`` through ``io``. ``time_limit`` in seconds, None for no limit."""

    item_ids: Sequence[str]
    source: ItemSource
    check: Callable[[Question, str], Verdict]
    reveal: Callable[[Question], str]
    io: QuizIO
    timer: Callable[[], float]
    record: Callable[[QuestionResult], None]
    time_limit: float | None = None
    lang: str = "en"
    #: options are shown in the order this seed draws for each item (None: file order)
    shuffle_seed: int | str | None = None
    #: review: generated questions are asked with new numbers, drawn from shuffle_seed
    fresh_numbers: bool = False

    def __post_init__(self) -> None:
        seed = self.shuffle_seed
        self._order = OptionOrder(seed) if seed is not None else None
        self._shown: dict[str, QuizItem] = {}

    def _get(self, item_id: str) -> QuizItem:
        """The item as it is shown: its options in this quiz's order (drawn once)."""
        if item_id not in self._shown:
            if self.fresh_numbers:
                item = self.source.fresh(item_id, str(self.shuffle_seed))
            else:
                item = self.source.get(item_id)
            if self._order is not None:
                item = replace(item, question=self._order.show(item_id, item.question))
            self._shown[item_id] = item
        return self._shown[item_id]
    #: Each question asked so far and its result (None: left before answering), for :back.
    _asked: list[tuple[QuizItem, QuestionResult | None]] = field(
        default_factory=list, init=False, repr=False)

    def run(self) -> QuizResult:
        start = self.timer()
        deadline = None if self.time_limit is None else start + self.time_limit
        results: list[QuestionResult] = []
        self._asked.clear()
        left_out: set[str] = set()
        ended: Ended = "finished"
        try:
            for index, item_id in enumerate(self.item_ids):
                if deadline is not None and self.timer() >= deadline:
                    ended = "time-up"
                    break
                try:
                    item = self._get(item_id)
                except BntutorError as exc:  # a card whose question is gone
                    self.io.show_note(message("quiz.left_out", self.lang, item=item_id,
                                              why=exc.one_line(self.lang)))
                    left_out.add(item_id)
                    continue
                result, stop = self._ask(index, item, deadline)
                self._asked.append((item, result))
                if result is not None:
                    results.append(result)
                    if result.answered:
                        self.record(result)
                if stop is not None:
                    ended = stop
                    break
        except KeyboardInterrupt:
            ended = "interrupted"
        if ended == "time-up":
            self.io.show_time_up()
        done = {r.item_id for r in results} | left_out
        rest: Status = "missed" if ended == "time-up" else "unanswered"
        detailed = ended in ("time-up", "quit")
        results += [self._unasked(i, rest, detailed) for i in self.item_ids if i not in done]
        return QuizResult(results, ended, self.timer() - start)

    def _ask(
        self, index: int, item: QuizItem, deadline: float | None
    ) -> tuple[QuestionResult | None, Ended | None]:
        """Ask one item: its result (None if quit before answering) and why to stop, if so."""
        q = item.question
        remaining = None if deadline is None else deadline - self.timer()
        self.io.show_question(index + 1, len(self.item_ids), item, remaining)
        asked_at = self.timer()
        hints = 0
        back = len(self._asked)  # how far back :back has looked from this question
        while True:
            reply = self.io.read(deadline)
            if isinstance(reply, TimeUp) or (deadline is not None and self.timer() >= deadline):
                return self._result(item, "missed", None, asked_at, hints), "time-up"
            if reply is None:
                return None, "end-of-input"
            text = reply.strip()
            command = parse_command(text)
            if not text:
                self.io.show_note(message("answer.empty", self.lang))
            elif isinstance(command, Hint):
                hint = tutor.next_hint(len(q.hints), hints)
                if isinstance(hint, tutor.HintShown):
                    hints = hint.number
                    self.io.show_hint(localize(q.hints[hint.index], self.lang), hints, hint.total)
                else:
                    self.io.show_no_hint(hint.total, bool(q.explanation))
            elif isinstance(command, Skip):
                result = self._result(item, "skipped", None, asked_at, hints)
                if q.kind == "explain":  # skipped, it still shows what a full answer holds
                    for part in explain_parts(q):
                        self.io.show_rubric(localize(part.model_answer, self.lang),
                                            [localize(p, self.lang) for p in part.rubric])
                    self.io.show_result(replace(result, expected=""), None)
                else:
                    self.io.show_result(result, None)
                return result, None
            elif isinstance(command, Quit):
                return None, "quit"
            elif isinstance(command, Help):
                self.io.show_help()
            elif isinstance(command, Show):
                self.io.show_context(item)
            elif isinstance(command, Back):
                back = max(back - 1, -1)
                if back < 0:
                    self.io.show_back(0, item, None)
                else:
                    earlier, earlier_result = self._asked[back]
                    self.io.show_back(back + 1, earlier, earlier_result)
            elif isinstance(command, Unknown):
                self.io.show_unknown(command.command)
            elif q.kind == "explain":
                return self._explain(item, text, asked_at, hints, deadline)
            else:
                verdict = self.check(q, text)
                if not verdict.readable and (self.io.interactive or verdict.retry):
                    self.io.show_note(verdict.message)
                    continue
                status: Status = "correct" if verdict.correct else "wrong"
                result = self._result(item, status, text, asked_at, hints, verdict)
                self.io.show_result(result, verdict)
                return result, None

    def _explain(
        self, item: QuizItem, answer: str, asked_at: float, hints: int, deadline: float | None
    ) -> tuple[QuestionResult | None, Ended | None]:
        """An explain question once its first answer is in: show each part's model answer
        and rubric, read the learner's marks, ask the follow-up; one result for it all."""
        answers: list[str] = [answer]
        marks: list[tuple[bool, ...]] = []
        line: str | None = answer
        for k, part in enumerate(explain_parts(item.question)):
            if k > 0:
                self.io.show_follow_up(localize(part.prompt, self.lang))
                line, stop = self._line(deadline, commands=True)
                if stop is not None:
                    return self._stopped(item, stop, asked_at, hints)
                answers.append(line or ":skip")
            rubric = [localize(point, self.lang) for point in part.rubric]
            self.io.show_rubric(localize(part.model_answer, self.lang), rubric)
            if k > 0 and line is None:  # the follow-up was skipped: nothing to mark
                marks.append((False,) * len(rubric))
                continue
            got, stop = self._marks(len(rubric), deadline)
            if stop is not None:
                return self._stopped(item, stop, asked_at, hints)
            marks.append(got)
        covered = sum(sum(m) for m in marks)
        total = sum(len(m) for m in marks)
        status: Status = "correct" if covered == total else "wrong"
        verdict = Verdict(covered == total, message("explain.points", self.lang,
                                                    covered=covered, total=total))
        result = replace(self._result(item, status, " / ".join(answers), asked_at, hints),
                         marks=tuple(marks))
        self.io.show_result(replace(result, expected=""), verdict)  # shown with the rubric
        return result, None

    def _stopped(self, item: QuizItem, stop: Ended, asked_at: float, hints: int
                 ) -> tuple[QuestionResult | None, Ended]:
        if stop == "time-up":
            return self._result(item, "missed", None, asked_at, hints), stop
        return None, stop

    def _line(self, deadline: float | None, commands: bool) -> tuple[str | None, Ended | None]:
        """One answer line (None: ``:skip``), or why to stop; other commands are handled."""
        while True:
            reply = self.io.read(deadline)
            if isinstance(reply, TimeUp) or (deadline is not None and self.timer() >= deadline):
                return None, "time-up"
            if reply is None:
                return None, "end-of-input"
            text = reply.strip()
            command = parse_command(text)
            if isinstance(command, Quit):
                return None, "quit"
            if isinstance(command, Skip) and commands:
                return None, None
            what = message("explain.type_answer" if commands else "explain.mark_how", self.lang)
            if isinstance(command, Help):
                self.io.show_help()
            elif isinstance(command, Unknown):
                self.io.show_unknown(command.command)
            elif command is not None:  # :hint, :show, :back (and :skip while marking)
                self.io.show_note(message("command.not_here", self.lang,
                                          command=command_word(text), what=what))
            elif not text:
                self.io.show_note(what)
            else:
                return text, None

    def _marks(self, count: int, deadline: float | None
               ) -> tuple[tuple[bool, ...], Ended | None]:
        """The learner's y/n per rubric point; asked again until readable (a script that
        gives an unreadable line marks nothing as covered)."""
        while True:
            line, stop = self._line(deadline, commands=False)
            if stop is not None or line is None:
                return (), stop
            try:
                return parse_marks(line, count), None
            except MarksSyntaxError as exc:
                self.io.show_note(exc.text(self.lang))
                if not self.io.interactive:
                    return (False,) * count, None

    def _result(
        self,
        item: QuizItem,
        status: Status,
        answer: str | None,
        asked_at: float,
        hints: int,
        verdict: Verdict | None = None,
    ) -> QuestionResult:
        q = item.question
        diagnosis = None
        if verdict is not None and not verdict.correct:
            diagnosis = verdict.diagnosis or (None if verdict.readable else verdict.message)
        return QuestionResult(
            item_id=item.item_id,
            topic=item.topic,
            difficulty=item.difficulty,
            prompt=localize(q.prompt, self.lang),
            status=status,
            answer=answer,
            seconds=max(self.timer() - asked_at, 0.0),
            hints=hints,
            diagnosis=diagnosis,
            expected=self.reveal(q),
            explanation=localize(q.explanation, self.lang),
            lessons=item.lessons,
            options=tuple(option_ids(q.options)),
            chosen=verdict.chosen if verdict is not None else (),
        )

    def _unasked(self, item_id: str, status: Status, detailed: bool) -> QuestionResult:
        """A question the learner never answered; with its answer when a report shows it."""
        if detailed:
            try:
                item = self._get(item_id)
            except BntutorError:
                pass
            else:
                q = item.question
                return QuestionResult(
                    item_id, item.topic, item.difficulty, localize(q.prompt, self.lang), status,
                    expected=self.reveal(q), explanation=localize(q.explanation, self.lang),
                    lessons=item.lessons,
                )
        try:
            topic = self.source.topic_of(item_id) or "?"
        except BntutorError:
            topic = "?"
        return QuestionResult(item_id, topic, 2, "", status)

