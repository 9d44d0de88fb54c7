"""The installed `bntutor lesson` in a real pseudo-terminal, as a learner uses it.

Each test starts the console script with its own home dir and the fixture course
(BNTUTOR_LESSONS). Timeouts are generous: the first compute step waits for torch.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .installed import finish, spawn, terminal_env

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "player"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return terminal_env(tmp_path / "home", BNTUTOR_LESSONS=str(FIXTURES / "lessons"))


class Session:
    """A running `bntutor` in a pty."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.child = spawn(args, env)

    def expect(self, text: str) -> str:
        self.child.expect_exact(text)
        return str(self.child.before)

    def send(self, line: str) -> None:
        self.child.sendline(line)

    def finish(self) -> tuple[int, str]:
        """Wait for the end; the exit status and the output not yet read."""
        return finish(self.child)


@pytest.fixture
def session(env: dict[str, str]) -> Iterator[list[Session]]:
    started: list[Session] = []
    yield started
    for s in started:
        if s.child.isalive():
            s.child.terminate(force=True)


def play(started: list[Session], env: dict[str, str], *args: str) -> Session:
    s = Session(["lesson", *args], env)
    started.append(s)
    return s


def test_wrong_hint_right_then_ctrl_c_and_resume(
    session: list[Session], env: dict[str, str]
) -> None:
    s = play(session, env, "1")
    s.expect("Welcome to the fixture lesson")
    s.expect("press Enter")
    s.send("")
    s.expect("What is the mean of 2, 4 and 9?")
    s.expect("› ")
    s.send("15")
    s.expect("✗")
    s.expect("That is the sum")  # the diagnosed mistake
    s.expect("› ")
    s.send(":hint")
    s.expect("hint 1/2")
    s.expect("› ")
    s.send("5")
    s.expect("✓")
    s.expect("15 / 3 = 5")  # the explanation
    s.expect("A batch, live")
    s.expect("sample 4")  # the live computation's table
    s.expect("press Enter")
    s.send("")
    s.expect("What is the batch mean")
    s.expect("› ")
    s.child.sendintr()  # Ctrl-C in the middle of the lesson
    status, rest = s.finish()
    assert status == 130
    assert "progress saved; resume with `bntutor lesson 1`" in rest
    assert "Traceback" not in rest

    again = play(session, env, "1")
    again.expect("resuming at step 4 of 6")
    before = again.expect("What is the batch mean")
    assert "Welcome" not in before and "What is the mean of 2, 4 and 9?" not in before
    again.expect("› ")
    again.send(":quit")
    status, rest = again.finish()
    assert status == 0
    assert "progress saved" in rest


def test_ctrl_c_on_the_first_screen_while_torch_loads(
    session: list[Session], env: dict[str, str]
) -> None:
    s = play(session, env, "1")
    s.expect("Welcome to the fixture lesson")
    s.expect("press Enter")
    s.child.sendintr()  # torch is still importing in the background
    status, rest = s.finish()
    assert status == 130
    assert "progress saved; resume with `bntutor lesson 1`" in rest
    assert "Traceback" not in rest and "Fatal" not in rest


def test_help_empty_answer_and_end_of_input(session: list[Session], env: dict[str, str]) -> None:
    s = play(session, env, "2")
    s.expect("press Enter")
    s.send("")
    s.expect("› ")
    s.send("")
    s.expect("type an answer, or :hint / :skip / :quit")
    s.send(":help")
    s.expect("save your progress and leave")
    s.send("two")  # unreadable: asked again, not counted
    s.expect("could not read")
    s.expect("› ")
    s.child.sendeof()
    status, rest = s.finish()
    assert status == 130
    assert "progress saved; resume with `bntutor lesson 2`" in rest


def test_corrupt_database_warns_and_the_lesson_plays(
    session: list[Session], env: dict[str, str]
) -> None:
    home = Path(env["BNTUTOR_HOME"])
    home.mkdir(parents=True)
    (home / "bntutor.sqlite3").write_bytes(os.urandom(4096))
    s = play(session, env, "2")
    before = s.expect("The second fixture lesson.")
    assert before.count("warning") == 1 and "moved aside" in before
    s.expect("press Enter")
    s.send("")
    s.expect("› ")
    s.send("2")
    s.expect("Lesson 2 complete")
    status, _ = s.finish()
    assert status == 0


def test_malformed_lesson_is_one_located_error(session: list[Session], env: dict[str, str]) -> None:
    env["BNTUTOR_LESSONS"] = str(FIXTURES / "broken")
    s = play(session, env, "1")
    status, out = s.finish()
    assert status == 3
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("bntutor: error: unknown field 'colour'")
    assert "01-broken-lesson.yaml:13" in lines[0]
