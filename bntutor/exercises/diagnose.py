"""Name the mistake: does the learner's output match a known wrong implementation?

A mistake is named only when the learner's outputs agree with that wrong implementation
on every case the learner's code answered (shapes included), and the wrong
implementation itself fails at least one of them: then no right answer can be called
wrong, and a partly right answer is not blamed on a mistake it does not make.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bntutor.exercises.child import Returned
from bntutor.exercises.compare import as_float_array, close
from bntutor.exercises.problem import Case, Outputs, Problem


def _matches(returned: Sequence[Returned], answers: Sequence[Outputs], atol: float,
             rtol: float) -> bool:
    for got, want in zip(returned, answers, strict=False):
        if not got.count_ok or len(got.values) != len(want):
            return False
        for value, w in zip(got.values, want, strict=True):
            v = as_float_array(value)
            if v is None or not close(v, w, atol, rtol):
                return False
    return True


def _differs(answers: Sequence[Outputs], expected: Sequence[Outputs], atol: float,
             rtol: float) -> bool:
    return any(not close(a, e, atol, rtol)
               for ans, exp in zip(answers, expected, strict=False)
               for a, e in zip(ans, exp, strict=True))


def diagnose(problem: Problem, returned: Sequence[Returned],
             wrong_answers: dict[str, list[Outputs]],
             expected: Sequence[Outputs]) -> str | None:
    """The id of the first known mistake the learner's outputs reproduce, or None."""
    if not returned:
        return None
    seen = expected[:len(returned)]
    for name, answers in wrong_answers.items():
        if (_matches(returned, answers, problem.atol, problem.rtol)
                and _differs(answers[:len(returned)], seen, problem.atol, problem.rtol)):
            return name
    return None


def wrong_answers(problem: Problem, cases: Sequence[Case]) -> dict[str, list[Outputs]]:
    """Every known wrong implementation's outputs on ``cases`` (computed once per exercise)."""
    with np.errstate(all="ignore"):
        return {name: [wrong(c.inputs) for c in cases] for name, wrong in problem.wrongs.items()}
