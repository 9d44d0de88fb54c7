"""The exercise loop: check at every save and on Enter; :hint, :solution, :help, :quit.

Pure control flow: events come from :class:`~bntutor.exercises.watch.Events` (or any
source of events), checks from the worker, and everything shown or saved goes through
the :class:`SessionIO` the command passes in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bntutor.exercises.verdict import ExerciseVerdict
from bntutor.exercises.watch import Event


@dataclass
class SessionState:
    """What happened in this sitting: it decides the review rating."""

    hints_used: int = 0
    solution_shown: bool = False
    checks: int = 0
    passed: bool = False
    ended: str = ""  # "quit" or "end-of-input"


class SessionIO(Protocol):
    def verdict(self, verdict: ExerciseVerdict, first_pass: bool) -> None: ...

    def hint(self, index: int | None) -> None: ...  # None: no hints left

    def solution(self) -> None: ...

    def help(self) -> None: ...

    def unknown(self, line: str) -> None: ...

    def checking(self) -> None: ...


class Recorder(Protocol):
    def check(self, verdict: ExerciseVerdict) -> None: ...

    def hint(self) -> None: ...

    def solution(self) -> None: ...

    def finished(self, state: SessionState) -> None: ...  # the sitting's review rating


def run_session(next_event: Callable[[], Event | None], check: Callable[[], ExerciseVerdict],
                io: SessionIO, record: Recorder, n_hints: int,
                state: SessionState | None = None) -> SessionState:
    """Check once, then on every event until :quit or end of input."""
    state = state or SessionState()

    def run_check() -> None:
        io.checking()
        verdict = check()
        state.checks += 1
        first = verdict.passed and not state.passed
        state.passed = state.passed or verdict.passed
        record.check(verdict)
        io.verdict(verdict, first)

    try:
        run_check()
        while True:
            event = next_event()
            if event is None:
                continue
            if event.kind == "eof":
                state.ended = "end-of-input"
                break
            if event.kind == "changed":
                run_check()
                continue
            line = event.text.strip()
            if line == "":
                run_check()
            elif line == ":quit":
                state.ended = "quit"
                break
            elif line == ":hint":
                if state.hints_used < n_hints:
                    state.hints_used += 1
                    record.hint()
                    io.hint(state.hints_used - 1)
                else:
                    io.hint(None)
            elif line == ":solution":
                if not state.solution_shown:
                    state.solution_shown = True
                    record.solution()
                io.solution()
            elif line == ":help":
                io.help()
            else:
                io.unknown(line)
    finally:
        record.finished(state)
    return state


def review_rating(state: SessionState) -> int | None:
    """The FSRS rating of a sitting: solution shown -> Again (1), passed after hints ->
    Hard (2), passed -> Good (3); None when nothing was settled (no pass, no solution)."""
    if state.solution_shown:
        return 1
    if not state.passed:
        return None
    return 2 if state.hints_used else 3
