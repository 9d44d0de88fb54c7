"""Explain questions, graded by the learner against a rubric.

The learner types an answer; then the model answer and its 3-5 key points are shown and
the learner marks each point they covered (one line such as ``y n y``). A follow-up, when
the question has one, is asked after the first part and marked the same way. The score
is the number of points covered; review turns it into an FSRS rating (see
:func:`bntutor.quiz.scheduler.rating_for`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bntutor.content.models import LText, Question
from bntutor.messages import message

_YES = {"y", "yes", "1", "✓", "是", "对", "有"}
_NO = {"n", "no", "0", "✗", "否", "错", "无", "没有"}


class MarksSyntaxError(ValueError):
    """The line does not mark each point once; :meth:`text` says why, in a language."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        return message(self.key, lang, **self.values)


@dataclass(frozen=True)
class ExplainPart:
    """One part to answer and mark: the question, then its first follow-up."""

    prompt: LText
    model_answer: LText
    rubric: tuple[LText, ...]


def explain_parts(question: Question) -> list[ExplainPart]:
    """The parts of an explain question, in the order they are asked."""
    if question.kind != "explain" or question.model_answer is None or not question.rubric:
        raise ValueError("not an explain question")
    parts = [ExplainPart(question.prompt, question.model_answer, tuple(question.rubric))]
    if question.follow_up is not None:
        f = question.follow_up
        parts.append(ExplainPart(f.prompt, f.model_answer, tuple(f.rubric)))
    return parts


def parse_marks(text: str, count: int) -> tuple[bool, ...]:
    """``y n y`` (or ``yny``, ``1 0 1``, ``是 否 是``) -> one bool per rubric point."""
    s = text.strip().lower()
    tokens = [t for t in re.split(r"[\s,;/]+", s) if t]
    if len(tokens) == 1 and len(tokens[0]) == count and all(
        ch in _YES | _NO for ch in tokens[0]
    ):
        tokens = list(tokens[0])  # "yny"
    bad = [t for t in tokens if t not in _YES | _NO]
    if bad:
        raise MarksSyntaxError("explain.marks_bad", token=repr(bad[0][:20]))
    if len(tokens) != count:
        raise MarksSyntaxError("explain.marks_count", count=count, got=len(tokens))
    return tuple(t in _YES for t in tokens)

