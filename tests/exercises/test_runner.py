"""The learner's code cannot hurt the tool: each failure is caught and explained."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bntutor.exercises.check import Prepared, judge
from bntutor.exercises.registry import PROBLEMS
from bntutor.exercises.runner import Limits, run_in_child
from bntutor.exercises.worker import Checker
from bntutor.messages import MESSAGES

HEAD = "import numpy as np\n\ndef batchnorm_forward(x, gamma, beta, eps):\n"


def _verdict(checker: Checker, tmp_path: Path, body: str, head: str = HEAD):
    path = tmp_path / "bn_forward.py"
    path.write_text(head + body, encoding="utf-8")
    return checker.check("bn-forward", path, "numpy", 5.0)


@pytest.mark.parametrize(("body", "failure", "problem_id"), [
    ("    return x +\n", "syntax", None),
    ("    raise NotImplementedError\n", "not-implemented", None),
    ("    import scipy_not_here\n", "exception", None),
    ("    return (x - x.mean(0)).tolist()\n", None, "returned-list"),
    ("    return x.mean(axis=0)\n", None, "wrong-shape"),
    ("    return np.zeros(x.shape, dtype=int)\n", None, "wrong-dtype"),
    ("    return x / 0.0\n", None, "not-finite"),
    ("    return x.astype(np.float32)\n", None, "low-precision"),
    ("    pass\n", None, "returned-none"),
])
def test_failures_get_their_one_line_explanation(checker: Checker, tmp_path: Path, body: str,
                                                 failure: str | None,
                                                 problem_id: str | None) -> None:
    verdict = _verdict(checker, tmp_path, body)
    assert not verdict.passed
    assert (verdict.failure.id if verdict.failure else None) == failure
    assert (verdict.problem.id if verdict.problem else None) == problem_id
    used = verdict.failure or verdict.problem
    assert used is not None and f"checker.{used.id}" in MESSAGES


def test_syntax_error_names_its_line(checker: Checker, tmp_path: Path) -> None:
    verdict = _verdict(checker, tmp_path, "    y = (x\n    return y\n")
    assert verdict.failure is not None and verdict.failure.id == "syntax"
    assert verdict.failure.params["line"] in (4, 5)


def test_traceback_is_trimmed_to_the_learners_file(checker: Checker, tmp_path: Path) -> None:
    verdict = _verdict(checker, tmp_path, "    return np.dot(x, np.ones(99))\n")
    assert verdict.failure is not None and verdict.failure.id == "exception"
    assert "bn_forward.py" in verdict.trace and "bntutor" not in verdict.trace.replace(
        str(tmp_path), "")
    assert verdict.failure.params["line"] == 4
    assert "ValueError" in verdict.failure.params["detail"]


def test_an_endless_loop_times_out(tmp_path: Path) -> None:
    prep = Prepared(PROBLEMS.get("bn-forward"))
    path = tmp_path / "loop.py"
    path.write_text(HEAD + "    while True:\n        pass\n", encoding="utf-8")
    start = time.monotonic()
    run = run_in_child(path, "batchnorm_forward", 1, prep.cases, "numpy",
                       Limits(timeout=1.0))
    assert time.monotonic() - start < 3
    verdict = judge(prep, run)
    assert verdict.failure is not None and verdict.failure.id == "timeout"
    assert verdict.failure.params["detail"] == "1"


def test_eating_memory_is_stopped(tmp_path: Path) -> None:
    prep = Prepared(PROBLEMS.get("bn-forward"))
    path = tmp_path / "hog.py"
    path.write_text(HEAD + "    big = np.ones((1 << 31,))\n    return big\n", encoding="utf-8")
    run = run_in_child(path, "batchnorm_forward", 1, prep.cases, "numpy",
                       Limits(timeout=5.0, memory_mb=256))
    assert run.failure is not None and run.failure.kind == "memory"


def test_a_crash_is_reported_not_raised(tmp_path: Path) -> None:
    prep = Prepared(PROBLEMS.get("bn-forward"))
    path = tmp_path / "crash.py"
    path.write_text(HEAD + "    import os\n    os._exit(3)\n", encoding="utf-8")
    run = run_in_child(path, "batchnorm_forward", 1, prep.cases, "numpy")
    assert run.failure is not None and run.failure.kind in ("crashed", "memory")


def test_prints_are_kept_and_capped(checker: Checker, tmp_path: Path) -> None:
    verdict = _verdict(checker, tmp_path, "    print('x' * 100000)\n    return x\n")
    assert 0 < len(verdict.stdout) <= 4000


def test_processes_the_code_starts_are_stopped_with_it(tmp_path: Path) -> None:
    prep = Prepared(PROBLEMS.get("bn-forward"))
    path = tmp_path / "spawner.py"
    marker = tmp_path / "still-running"
    path.write_text(HEAD + "    import os, time\n    if os.fork() == 0:\n"
                    f"        time.sleep(2)\n        open({str(marker)!r}, 'w').close()\n"
                    "        os._exit(0)\n    return x\n", encoding="utf-8")
    run = run_in_child(path, "batchnorm_forward", 1, prep.cases[:1],
                       "numpy", Limits(timeout=1.0))
    assert run.failure is not None and run.failure.kind == "timeout"  # the pipe stayed open
    time.sleep(2.5)
    assert not marker.exists()  # the background process was stopped with the child
