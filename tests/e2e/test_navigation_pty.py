"""Looking back in the installed `bntutor`: a resumed lesson, review and a quiz show the
data a question works with, and `:show` / `:back` work in all three (real pty, real
course: lesson 3 computes with the batch of its step `batch`)."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pexpect
import pytest

from .installed import TIMEOUT, bntutor_script, finish, spawn, terminal_env

pytestmark = pytest.mark.slow

DAY1 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
BATCH_ROW = "sample 8         [9]"  # the last row of lesson 3's batch (feature 1 highlighted)
Q_VAR = "Now the variance σ_B² that BN normalizes feature 1 with."


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = terminal_env(tmp_path / "home", BNTUTOR_NOW=DAY1.isoformat())
    env.pop("BNTUTOR_LESSONS", None)  # the shipped course
    return env


def test_resume_lesson_3_at_q_var_shows_the_batch_then_show_and_back(
    env: dict[str, str],
) -> None:
    child = spawn(["lesson", "3", "--step", "q-var"], env)
    child.expect_exact("starting at step 5 of")
    child.expect_exact(Q_VAR)
    assert BATCH_ROW in str(child.before)  # the data came first
    child.expect_exact("› ")
    child.sendline(":q")
    status, _ = finish(child)
    assert status == 0

    child = spawn(["lesson", "3"], env)  # resumes at the step it was left on
    child.expect_exact("resuming at step 5 of")
    child.expect_exact(Q_VAR)
    assert BATCH_ROW in str(child.before)
    child.expect_exact("› ")
    child.sendline(":show")
    child.expect_exact("the question again")
    assert BATCH_ROW in str(child.before)
    child.expect_exact("› ")
    child.sendline(":back")
    child.expect_exact("looking back: step 4 of")
    child.expect_exact("Compute μ_B for feature 1 of the batch above.")
    child.expect_exact("you are still at step 5")
    child.sendline(":back")
    child.expect_exact("looking back: step 3 of")
    child.sendline(":hint")  # still at q-var: its hint, not the one of an earlier step
    child.expect_exact("hint 1/")
    child.expect_exact("square")
    child.sendline(":q")
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest


def test_review_of_a_lesson_question_shows_its_data_first(
    env: dict[str, str], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text(":skip\n:quit\n", encoding="utf-8")
    lesson = subprocess.run(
        [bntutor_script(), "lesson", "3", "--step", "q-var", "--answers", str(answers)],
        env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert lesson.returncode == 0, lesson.stderr

    env["BNTUTOR_NOW"] = (DAY1 + timedelta(days=1)).isoformat()
    child = spawn(["review"], env)
    child.expect_exact("1 question due for review")
    child.expect_exact("the data this question works with")
    child.expect_exact(Q_VAR)
    assert BATCH_ROW in str(child.before)  # the batch, before the question
    child.expect_exact("› ")
    child.sendline(":show")
    child.expect_exact("the question again")
    assert BATCH_ROW in str(child.before)
    child.expect_exact("› ")
    child.sendline(":back")
    child.expect_exact("this is the first question")
    child.sendline("3.5")
    child.expect_exact("Review done")
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest


def test_show_and_back_in_a_quiz(env: dict[str, str]) -> None:
    child = spawn(["quiz", "-n", "2", "--seed", "4", "--topic", "dropout"], env)
    child.expect_exact("Question 1 of 2")
    child.expect_exact("› ")
    child.sendline(":s")  # a bank question stands alone: nothing earlier, the question again
    child.expect_exact("this question stands alone")
    child.expect_exact("the question again")
    child.sendline(":skip")
    child.expect_exact("Question 2 of 2")
    child.expect_exact("› ")
    child.sendline(":back")
    child.expect_exact("looking back: question 1 (view only)")
    child.expect_exact("skipped")
    child.expect_exact("you are still at question 2")
    child.sendline(":q")  # :q quits a quiz as it quits a lesson
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest


def _to_step(child: pexpect.spawn, marker: str) -> None:
    """Press Enter at each pause until ``marker`` (a step's progress line) is on screen."""
    while child.expect_exact([marker, "press Enter"]) == 1:
        child.sendline("")


def test_a_demo_is_played_a_step_at_a_time_at_a_terminal(env: dict[str, str]) -> None:
    child = spawn(["demo", "cnn-bn", "--quick"], env)  # four steps
    child.expect_exact("Demo: BN on a conv feature map")
    child.expect_exact("step 1 of 4")
    child.expect_exact("press Enter")  # the player waits before the next step
    assert "step 2 of 4" not in str(child.before)
    child.sendline("")
    _to_step(child, "step 2 of 4")
    child.expect_exact("press Enter")
    child.sendeof()  # input ends: the rest straight through, no more pauses
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest
    assert "step 4 of 4" in rest and "press Enter" not in rest
    assert "After BN channel 0 has mean" in rest  # the last step's text, filled in


def test_a_demo_in_chinese_at_a_terminal_and_quit(env: dict[str, str]) -> None:
    child = spawn(["demo", "fc-bn", "--quick"], {**env, "LANG": "zh_CN.UTF-8"})
    child.expect_exact("演示：全连接层中的 BN")
    child.expect_exact("第 1 步，共 2 步")
    child.expect_exact("所以一个样本归一化后的值取决于同批的其他样本")
    child.expect_exact("›")
    child.sendline(":q")  # :quit ends a demo as it ends a lesson
    status, rest = finish(child)
    assert status == 0 and "Traceback" not in rest and "第 2 步" not in rest


def test_a_piped_demo_prints_straight_through(env: dict[str, str]) -> None:
    done = subprocess.run([bntutor_script(), "demo", "fc-bn", "--quick"], env=env,
                          capture_output=True, text=True, timeout=TIMEOUT, input="")
    assert done.returncode == 0, done.stderr
    assert "press Enter" not in done.stdout
