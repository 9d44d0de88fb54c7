"""``check(question, answer_text, resolved)``: the one entry point, dispatching on kind.

Whatever the learner types, a :class:`Verdict` comes back: an unreadable answer gives
``Verdict.unreadable(...)`` so the caller asks again without counting an attempt.
"""

from __future__ import annotations

from bntutor.checking.choice import check_choice, check_multi
from bntutor.checking.expression import check_expression
from bntutor.checking.numeric import check_numeric
from bntutor.checking.predict import check_predict
from bntutor.checking.resolve import ResolvedQuestion
from bntutor.checking.tensor import check_tensor
from bntutor.checking.text import check_text
from bntutor.checking.verdict import Verdict
from bntutor.content.models import Question

MAX_ANSWER = 10_000


def check(
    question: Question, answer_text: str, resolved: ResolvedQuestion, lang: str = "en"
) -> Verdict:
    """Check ``answer_text`` against ``question`` whose expected values are ``resolved``."""
    if len(answer_text) > MAX_ANSWER:
        return Verdict.too_long(MAX_ANSWER, lang)
    if "\x00" in answer_text:
        answer_text = answer_text.replace("\x00", "")
    expected, feedback = resolved.expected, resolved.feedback
    kind = question.kind
    if kind == "explain":
        raise ValueError("an explain question is graded against its rubric, not checked")
    if kind == "choice":
        return check_choice(answer_text, expected, question.options or [], feedback, lang)
    if kind == "multi":
        return check_multi(answer_text, expected, question.options or [], feedback, lang)
    if kind == "numeric":
        return check_numeric(
            answer_text, expected, question.tolerance, feedback, resolved.count, question.unit,
            lang, question.allow_nonfinite,
        )
    if kind == "predict":
        return check_predict(
            answer_text, expected, question.tolerance, feedback, question.unit, lang
        )
    if kind == "text":
        return check_text(answer_text, expected, question.accept, feedback, lang)
    if kind == "expression":
        return check_expression(answer_text, expected, question.variables, feedback, lang)
    return check_tensor(answer_text, expected, question.tolerance, feedback, lang)
