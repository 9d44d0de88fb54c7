"""A scripted lesson killed (SIGKILL) at random moments, again and again: nothing the
learner was shown as done is lost, and every resume lands on the right step.

"Shown as done": a step is saved before anything after it is drawn, so once the screen
shows step k (or the verdict of question k), steps before k (or k itself) are saved.
The kill lands sometimes during start-up, mostly a random moment after a random step
appeared. Each run gets the answers of the questions still open, so a resumed run that
asked an answered question again would fall out of step and be caught.
"""

from __future__ import annotations

import io
import random
import re
import signal
import time
from pathlib import Path

import pexpect
import pytest

from bntutor.store.store import Store

from .installed import spawn, terminal_env

pytestmark = pytest.mark.slow

LESSONS = Path(__file__).resolve().parent.parent / "fixtures" / "crash" / "lessons"
SLUG = "crash-course"
STEPS = ["s1", "q1", "s2", "q2", "q3", "s3", "q4", "q5", "q6", "s4"]
ANSWERS = {"q1": "2", "q2": "2", "q3": "6", "q4": "10", "q5": "5", "q6": "0"}
KILLS = 20
SHOWN = re.compile(r"(?<!resuming at )step (\d+) of 10")


def _acknowledged(output: str) -> int:
    """How many steps, from the first, the screen showed as done."""
    shown = [(m.start(), int(m.group(1))) for m in SHOWN.finditer(output)]
    if not shown:
        return 0
    at, last = shown[-1]
    verdict = "✓" in output[at:]  # the last question's verdict is drawn after it is saved
    return last if verdict else last - 1


def _first_shown(output: str) -> int | None:
    match = SHOWN.search(output)
    return int(match.group(1)) if match else None


def _saved(home: Path) -> tuple[str, ...]:
    if not (home / "bntutor.sqlite3").exists():
        return ()
    with Store.open(home) as store:
        assert store.warnings == (), store.warnings  # never a damaged file
        progress = store.get_progress(SLUG)
        attempted = {a.item_id.split("/")[-1] for a in store.recent_attempts(None)}
    done = progress.completed_step_ids if progress is not None else ()
    assert done == tuple(STEPS[: len(done)]), done  # saved in lesson order, no gaps
    assert {s for s in done if s in ANSWERS} <= attempted  # each saved answer is kept
    if progress is not None:  # every step done is the lesson finished, never in between
        assert progress.finished == (done == tuple(STEPS)), progress
    return done


def _fresh(home: Path) -> None:
    for leftover in home.iterdir():
        leftover.unlink()


def test_a_lesson_killed_at_random_moments_loses_nothing_shown(tmp_path: Path) -> None:
    rng = random.Random(14)
    env = terminal_env(tmp_path / "home", BNTUTOR_LESSONS=str(LESSONS))
    home = tmp_path / "home"
    kills = resumes_checked = 0
    saved: tuple[str, ...] = ()
    while kills < KILLS:
        answers = tmp_path / "answers.txt"
        answers.write_text("".join(f"{ANSWERS[s]}\n" for s in STEPS[len(saved):]
                                   if s in ANSWERS), encoding="utf-8")
        child = spawn(["lesson", "1", "--answers", str(answers)], env)
        screen = io.StringIO()
        child.logfile_read = screen
        if rng.random() < 0.25:  # somewhere in start-up, or anywhere
            time.sleep(rng.uniform(0.0, 2.5))
            ended = not child.isalive()
        else:  # a moment after a random step of those still to come appeared
            target = rng.randint(len(saved) + 1, len(STEPS))
            ended = child.expect([f"step {target} of 10", pexpect.EOF]) == 1
            time.sleep(rng.uniform(0.0, 0.05))
        if not ended:
            child.kill(signal.SIGKILL)
        child.expect(pexpect.EOF)
        child.close()
        output = screen.getvalue()
        killed = child.signalstatus == signal.SIGKILL
        first = _first_shown(output)
        if first is not None:  # the resume landed on the first step not saved
            assert first == len(saved) + 1, (saved, output)
            resumes_checked += 1
        now_saved = _saved(home)
        acknowledged = _acknowledged(output)
        assert len(now_saved) >= max(acknowledged, len(saved)), (now_saved, output)
        if killed:
            kills += 1
            saved = now_saved
        else:
            assert child.exitstatus == 0 and "Lesson 1 complete" in output, output
        if now_saved == tuple(STEPS):  # finished (or killed at its very end): start over
            _fresh(home)
            saved = ()
    assert resumes_checked >= KILLS // 2
