"""Prove a question works: its own answer passes its checker, every listed wrong answer
fails with its own diagnosis. Runs the live computations (torch is imported here).
"""

from __future__ import annotations

from bntutor.checking.answering import Answering, typed_text
from bntutor.checking.check import check
from bntutor.checking.numeric import read_expected
from bntutor.checking.resolve import ResolvedQuestion
from bntutor.checking.verdict import Verdict
from bntutor.content.i18n import localize
from bntutor.content.models import ComputeCall, Question
from bntutor.content.yaml_lines import Where
from bntutor.errors import BntutorError, ContentError
from bntutor.notation.tensor import shape_of


def run_call(call: ComputeCall, answering: Answering, site: Where) -> list[ContentError]:
    """Run a computation once to prove it works (the result is cached for the questions)."""
    try:
        answering.run(call.computation, call.args)
    except BntutorError as exc:
        return [site.error(exc.what, (), exc.hint)]
    except Exception as exc:  # a computation that crashes is a bug to report, not to die of
        return [site.error(f"computation {call.computation!r} failed: {type(exc).__name__}: {exc}")]
    return []


def selfcheck(question: Question, answering: Answering, site: Where) -> list[ContentError]:
    """Every way ``question`` fails to accept its answer or to recognize its wrong answers."""
    if question.kind == "explain":
        return []  # graded by the learner against its rubric: nothing to run
    try:
        resolved = answering.resolve(question)
    except BntutorError as exc:
        return [site.error(exc.what, ("answer",), exc.hint)]
    except Exception as exc:  # see run_call
        return [site.error(f"resolving the answer failed: {type(exc).__name__}: {exc}",
                           ("answer",))]
    errors: list[ContentError] = []
    if question.reveal is not None:
        errors += run_call(question.reveal, answering, site)
    problem = _value_problem(question, resolved.expected)
    if problem:
        return [*errors, site.error(f"the expected answer {problem}", ("answer",))]
    text = typed_text(question, resolved.expected)
    verdict = _run_check(question, text, resolved)
    if isinstance(verdict, str):
        return [*errors, site.error(verdict, ("answer",))]
    if not verdict.correct:
        detail = verdict.diagnosis or verdict.message
        errors.append(
            site.error(
                f"its own answer {text!r} is not accepted by its checker: {detail}", ("answer",)
            )
        )
    for i, (value, message) in enumerate(resolved.feedback):
        errors += _check_rule(question, resolved, i, value, localize(message), site)
    return errors


def _check_rule(
    question: Question, resolved: ResolvedQuestion, i: int, value: object, message: str, site: Where
) -> list[ContentError]:
    at = ("feedback", i, "answer")
    problem = _value_problem(question, value)
    if problem:
        return [site.error(f"feedback answer {problem}", at)]
    text = typed_text(question, value)
    verdict = _run_check(question, text, resolved)
    if isinstance(verdict, str):
        return [site.error(verdict, at)]
    if verdict.correct:
        return [site.error(f"feedback answer {text!r} is accepted as correct", at)]
    if verdict.diagnosis != message:
        got = verdict.diagnosis or verdict.message
        return [
            site.error(
                f"feedback answer {text!r} is not recognized by its rule (got: {got})",
                at,
                "an earlier rule or the tolerance may shadow it",
            )
        ]
    return []


def _run_check(question: Question, text: str, resolved: ResolvedQuestion) -> Verdict | str:
    """The verdict, or what went wrong when the expected values break the checker."""
    try:
        return check(question, text, resolved)
    except Exception as exc:  # bad expected values from content: report, do not die
        return f"checking {text!r} failed: {type(exc).__name__}: {exc}"


def _value_problem(question: Question, value: object) -> str | None:
    kind = question.kind
    if kind in ("numeric", "predict"):
        try:
            read_expected(value)
        except TypeError:
            return f"is not a number: {value!r}"
    if kind == "tensor":
        try:
            shape_of(value)
        except ValueError as exc:
            return f"is not a rectangular list of numbers: {exc}"
    return None
