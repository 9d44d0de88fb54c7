"""The exercise loop (checks on saves and Enter, :hint, :solution, :quit) and its events."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bntutor.exercises.session import SessionState, review_rating, run_session
from bntutor.exercises.verdict import ExerciseVerdict
from bntutor.exercises.watch import Event, Events


class Log:
    """The session's IO: every call noted in order (with the recorder's, in one list)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def verdict(self, verdict: ExerciseVerdict, first_pass: bool) -> None:
        self.calls.append(f"verdict {verdict.passed} {first_pass}")

    def hint(self, index: int | None) -> None:
        self.calls.append(f"hint {index}")

    def solution(self) -> None:
        self.calls.append("solution")

    def help(self) -> None:
        self.calls.append("help")

    def unknown(self, line: str) -> None:
        self.calls.append(f"unknown {line}")

    def checking(self) -> None:
        pass



class Recorder:
    def __init__(self, calls: list[str]) -> None:
        self.calls = calls

    def check(self, verdict: ExerciseVerdict) -> None:
        self.calls.append("saved")

    def hint(self) -> None:
        self.calls.append("hint saved")

    def solution(self) -> None:
        self.calls.append("solution saved")

    def finished(self, state: SessionState) -> None:
        self.calls.append(f"finished {review_rating(state)}")


def _run(events: list[Event], results: list[bool], n_hints: int = 2) -> tuple[SessionState, Log]:
    log = Log()
    queue, outcomes = iter(events), iter(results)

    def check() -> ExerciseVerdict:
        return ExerciseVerdict("bn-forward", next(outcomes))

    state = run_session(lambda: next(queue), check, log, Recorder(log.calls), n_hints)
    return state, log


def test_checks_on_save_and_enter_hints_run_out_pass_rates_hard() -> None:
    state, log = _run([Event("line", ":hint"), Event("changed"), Event("line", ":hint"),
                       Event("line", ":hint"), Event("line", ""), Event("line", ":nope"),
                       Event("line", ":quit")], [False, False, True])
    assert log.calls == ["saved", "verdict False False", "hint saved", "hint 0", "saved",
                         "verdict False False", "hint saved", "hint 1", "hint None", "saved",
                         "verdict True True", "unknown :nope", "finished 2"]
    assert state.ended == "quit" and state.checks == 3 and state.hints_used == 2


def test_solution_rates_again_and_end_of_input_ends() -> None:
    state, log = _run([Event("line", ":solution"), Event("changed"), Event("eof")],
                      [False, True])
    assert state.ended == "end-of-input" and state.solution_shown
    assert log.calls[-1] == "finished 1"


def test_a_pass_without_hints_rates_good_and_only_the_first_pass_is_first() -> None:
    _, log = _run([Event("changed"), Event("line", ":quit")], [True, True])
    assert log.calls == ["saved", "verdict True True", "saved", "verdict True False",
                         "finished 3"]


@pytest.mark.parametrize("poll", [False, True])
def test_a_save_is_an_event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, poll: bool) -> None:
    if poll:
        monkeypatch.setenv("WATCHFILES_FORCE_POLLING", "1")
    path = tmp_path / "mine.py"
    path.write_text("a = 1\n")
    events = Events(path, io.StringIO())
    try:
        seen = set()
        for i in range(20):  # save until the watcher (starting in its thread) reports one
            tmp = tmp_path / "mine.tmp"
            tmp.write_text(f"a = {i}\n")
            tmp.replace(path)  # an editor's save: write aside, rename over
            event = events.get(timeout=0.5)
            if event is not None:
                seen.add(event.kind)
            if "changed" in seen:
                break
        assert "changed" in seen
    finally:
        events.close()
