"""The checker's findings as plain data; ``bntutor.ui.exercise_view`` renders them.

Messages are ids with parameters: their en and zh texts are content (the ``checker.ID``
messages of ``data/messages.json`` and each exercise's diagnoses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

#: Every message id the checker uses; ``bntutor validate`` checks each has its text.
MessageId = Literal[
    "syntax", "import", "unreadable", "missing-function", "not-implemented", "exception",
    "recursion", "memory", "timeout", "crashed", "checker-stopped", "returned-none",
    "returned-list", "wrong-type", "wrong-count", "wrong-dtype", "low-precision", "wrong-shape",
    "not-finite", "not-run",
]


@dataclass(frozen=True)
class Message:
    """A message id (``wrong-shape``) with the values its text names (``{got}``)."""

    id: MessageId
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseResult:
    name: str
    passed: bool
    problem: Message | None = None  # why it failed when not by its numbers


@dataclass(frozen=True)
class Mismatch:
    """The first failing case in full: what went in, what was expected, what came out."""

    case: str
    inputs: dict[str, Any]
    output: str  # which output differs, e.g. "dgamma"
    expected: np.ndarray
    got: np.ndarray | None
    max_abs: float | None
    max_rel: float | None
    atol: float
    rtol: float


@dataclass(frozen=True)
class GradRow:
    """One row of the gradient check: ``output`` against its numerical gradient."""

    output: str
    rel_error: float


@dataclass(frozen=True)
class Timing:
    """The learner's speed on the largest case beside another implementation's."""

    learner_ms: float
    baseline_ms: float


@dataclass(frozen=True)
class ExerciseVerdict:
    """Everything one check found. ``passed`` only when every case passed."""

    exercise: str
    passed: bool
    cases: list[CaseResult] = field(default_factory=list)
    failure: Message | None = None  # the code did not run: syntax, time-out, crash ...
    trace: str = ""  # the learner's part of the traceback
    mismatch: Mismatch | None = None
    problem: Message | None = None  # the first bad return: a list, a wrong shape, NaN ...
    diagnosis: str | None = None  # the id of the known mistake the output matches
    gradcheck: list[GradRow] = field(default_factory=list)
    timing: Timing | None = None
    stdout: str = ""
    seconds: float = 0.0  # how long the check took

    @property
    def n_passed(self) -> int:
        return sum(c.passed for c in self.cases)
