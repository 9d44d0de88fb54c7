"""Judge one run of the learner's code: every case, the first mismatch, the diagnosis."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from bntutor.exercises.child import RunOutput
from bntutor.exercises.compare import as_float_array, close, errors, problem_with
from bntutor.exercises.diagnose import diagnose, wrong_answers
from bntutor.exercises.gradcheck import numeric_gradient, rel_error
from bntutor.exercises.problem import Case, Outputs, Problem
from bntutor.exercises.verdict import (
    CaseResult,
    ExerciseVerdict,
    GradRow,
    Message,
    Mismatch,
    Timing,
)

GRADCHECK_MAX_SIZE = 40  # entries of the largest parameter in the gradient-check case


@dataclass
class Prepared:
    """An exercise's cases with everything computed once per worker: the reference's
    answers, each known mistake's answers, the numerical gradients, the baseline's time."""

    problem: Problem
    seed: int = 0
    cases: list[Case] = field(init=False)
    expected: list[Outputs] = field(init=False)

    def __post_init__(self) -> None:
        self.cases = self.problem.cases(self.seed)
        self.expected = [self.problem.reference(c.inputs) for c in self.cases]

    @cached_property
    def wrongs(self) -> dict[str, list[Outputs]]:
        return wrong_answers(self.problem, self.cases)

    @cached_property
    def grad_case(self) -> int | None:
        check = self.problem.gradcheck
        if check is None:
            return None
        for i, case in enumerate(self.cases):
            if case.name.startswith("random") and all(
                    v.size <= GRADCHECK_MAX_SIZE for v in check.params(case.inputs).values()):
                return i
        return None

    @cached_property
    def numeric(self) -> dict[str, np.ndarray]:
        check, index = self.problem.gradcheck, self.grad_case
        if check is None or index is None:
            return {}
        inputs = self.cases[index].inputs
        return {out: numeric_gradient(check, inputs, param) for out, param in check.wrt.items()}

    @cached_property
    def baseline_ms(self) -> float | None:
        solve = self.problem.timed_against
        if solve is None:
            return None
        inputs = self.cases[self.largest].inputs
        times = []
        for _ in range(3):
            start = time.perf_counter()
            solve(inputs)
            times.append(time.perf_counter() - start)
        return min(times) * 1000

    @cached_property
    def largest(self) -> int:
        sizes = [sum(np.size(v) for v in c.inputs.values()) for c in self.cases]
        return int(np.argmax(sizes))


def _case_result(prep: Prepared, i: int, run: RunOutput) -> tuple[CaseResult, Mismatch | None]:
    case, expected, p = prep.cases[i], prep.expected[i], prep.problem
    returned = run.returned[i]
    problem = problem_with(returned, p.outputs, expected)
    if problem is not None:
        return CaseResult(case.name, False, problem), None
    for name, value, exp in zip(p.outputs, returned.values, expected, strict=True):
        got = as_float_array(value)
        assert got is not None
        if not close(got, exp, p.atol, p.rtol):
            max_abs, max_rel = errors(got, exp)
            return CaseResult(case.name, False), Mismatch(
                case.name, case.inputs, name, exp, got, max_abs, max_rel, p.atol, p.rtol)
    return CaseResult(case.name, True), None


def _gradcheck(prep: Prepared, run: RunOutput) -> list[GradRow]:
    index = prep.grad_case
    if index is None or index >= len(run.returned) or not run.returned[index].count_ok:
        return []
    returned = run.returned[index]
    rows = []
    for name, value in zip(prep.problem.outputs, returned.values, strict=True):
        got = as_float_array(value)
        if name in prep.numeric and got is not None:
            rows.append(GradRow(name, rel_error(got, prep.numeric[name])))
    return rows


def judge(prep: Prepared, run: RunOutput, started: float | None = None) -> ExerciseVerdict:
    """The verdict on ``run``: pass only when every case's every output is close."""
    results: list[CaseResult] = []
    mismatch: Mismatch | None = None
    problem: Message | None = None
    for i in range(len(run.returned)):
        result, miss = _case_result(prep, i, run)
        results.append(result)
        if not result.passed and mismatch is None and problem is None:
            mismatch, problem = miss, result.problem
    for case in prep.cases[len(run.returned):]:
        results.append(CaseResult(case.name, False, Message("not-run")))
    failure = trace = None
    if run.failure is not None:
        f = run.failure
        failure = Message(f.kind, {"detail": f.detail, "line": f.line, "case": f.case})
        trace = f.trace
    passed = run.failure is None and all(r.passed for r in results)
    diagnosis = None if passed else diagnose(prep.problem, run.returned, prep.wrongs, prep.expected)
    timing = None
    if prep.baseline_ms is not None and prep.largest < len(run.returned):
        timing = Timing(run.returned[prep.largest].seconds * 1000, prep.baseline_ms)
    return ExerciseVerdict(
        exercise=prep.problem.name, passed=passed, cases=results, failure=failure,
        trace=trace or "", mismatch=mismatch, problem=problem, diagnosis=diagnosis,
        gradcheck=_gradcheck(prep, run), timing=timing, stdout=run.stdout,
        seconds=0.0 if started is None else time.monotonic() - started,
    )
