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


def _floats(returned: Returned) -> Outputs | None:
    """The outputs of one call as float arrays; None when they are not all arrays."""
    values = [as_float_array(v) for v in returned.values]
    if not returned.count_ok or any(v is None for v in values):
        return None
    return tuple(v for v in values if v is not None)


def _agree(got: Sequence[Outputs | None], want: Sequence[Outputs], atol: float,
           rtol: float) -> bool:
    """Every case of ``got`` has as many outputs as ``want``'s and each is close to it."""
    return all(g is not None and len(g) == len(w)
               and all(close(a, b, atol, rtol) for a, b in zip(g, w, strict=True))
               for g, w in zip(got, want, strict=False))


def diagnose(problem: Problem, returned: Sequence[Returned],
             wrong_answers: dict[str, list[Outputs]],
             expected: Sequence[Outputs]) -> str | None:
    """The id of the first known mistake the learner's outputs reproduce, or None."""
    got = [_floats(r) for r in returned]
    seen = expected[:len(got)]
    for name, answers in wrong_answers.items():
        if (_agree(got, answers, problem.atol, problem.rtol)
                and not _agree(answers[:len(got)], seen, problem.atol, problem.rtol)):
            return name
    return None


def wrong_answers(problem: Problem, cases: Sequence[Case]) -> dict[str, list[Outputs]]:
    """Every known wrong implementation's outputs on ``cases`` (computed once per exercise)."""
    with np.errstate(all="ignore"):
        return {name: [wrong(c.inputs) for c in cases] for name, wrong in problem.wrongs.items()}
