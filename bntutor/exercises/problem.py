"""What an exercise is to the checker: inputs, a reference, and known wrong answers.

A :class:`Problem` is code registered under the exercise's name; its texts (task, hints,
diagnosis messages) are content in ``data/exercises/NAME.yaml``. Every array is float64:
the reference is the engine or torch in double precision, so a right answer agrees with
it to far below the stated tolerance.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: A case's arguments by name, in the order the function takes them: float64 arrays, or
#: Python floats, ints and bools.
Inputs = dict[str, Any]
#: The outputs of one call, in the order the exercise names them.
Outputs = tuple[np.ndarray, ...]
Solve = Callable[[Inputs], Outputs]

RANDOM_CASES = 20


@dataclass(frozen=True)
class Case:
    """One call of the learner's function: a name for the verdict and its arguments
    (``function(*inputs.values())``)."""

    name: str
    inputs: Inputs


@dataclass(frozen=True)
class GradCheck:
    """A centred finite-difference check of a backward exercise.

    ``forward(inputs, params)`` returns the forward output for the case's inputs with the
    arrays in ``params`` substituted; the loss is ``sum(forward * inputs[upstream])``.
    ``wrt`` maps each output of the exercise (``dx``) to the parameter it differentiates.
    """

    forward: Callable[[Inputs, dict[str, np.ndarray]], np.ndarray]
    params: Callable[[Inputs], dict[str, np.ndarray]]
    wrt: Mapping[str, str]
    upstream: str = "dout"


@dataclass(frozen=True)
class Problem:
    """One coding exercise's maths: ``function(*case.inputs.values()) -> outputs`` (one,
    ``out``, unless named otherwise)."""

    name: str
    function: str
    reference: Solve
    edge_cases: Callable[[], list[Case]]
    random_inputs: Callable[[np.random.Generator], Inputs]
    outputs: tuple[str, ...] = ("out",)
    wrongs: Mapping[str, Solve] = field(default_factory=dict)
    gradcheck: GradCheck | None = None
    timed_against: Solve | None = None  # an implementation the learner's speed is shown beside
    atol: float = 1e-7
    rtol: float = 1e-6

    def cases(self, seed: int = 0) -> list[Case]:
        """The named edge cases, then :data:`RANDOM_CASES` seeded random ones."""
        rng = np.random.default_rng(seed)
        randoms = [Case(f"random {i + 1}", self.random_inputs(rng)) for i in range(RANDOM_CASES)]
        return [*self.edge_cases(), *randoms]
