"""The installed `bntutor quiz` and `bntutor review` in a real pseudo-terminal.

A timed quiz runs out while the learner is still thinking; a quiz is stopped with
Ctrl-C midway; yesterday's misses come back in `review` the next "day" (BNTUTOR_NOW).
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bntutor.store.store import Store

from ..cli.scripted import right_answers
from .installed import TIMEOUT, bntutor_script, finish, spawn, terminal_env

pytestmark = pytest.mark.slow

LESSONS = Path(__file__).resolve().parent.parent / "fixtures" / "quiz" / "lessons"
DAY1 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("BNTUTOR_LESSONS", str(LESSONS))  # for right_answers in this process
    return terminal_env(tmp_path / "home", BNTUTOR_LESSONS=str(LESSONS),
                        BNTUTOR_NOW=DAY1.isoformat())


def test_timed_quiz_runs_out_while_waiting(env: dict[str, str]) -> None:
    answers = right_answers(seed=1, n=3)
    # 15 s: on a loaded machine answering question 1 alone can take several seconds, and
    # the countdown must still have whole seconds left to redraw at question 2
    child = spawn(["quiz", "-n", "3", "--seed", "1", "--time-limit", "15s"], env)
    child.expect_exact("Question 1 of 3")
    child.expect_exact("left")  # the countdown shown at the prompt
    child.sendline(answers[0])
    child.expect_exact("Question 2 of 3")
    child.expect_exact("left")
    # no answer now: the quiz must end by itself while it waits for one
    child.expect_exact("time is up")
    waited = str(child.before)
    assert "\x1b7" in waited  # the countdown was redrawn live (save/restore cursor)
    status, report = finish(child)
    assert status == 0
    assert "Quiz report" in report and "1/3 correct" in report
    assert "time ran out; unanswered questions count as missed" in report
    assert report.count("⏰") >= 2  # the question on screen and the one never reached


def test_ctrl_c_midway_saves_the_answers(env: dict[str, str], tmp_path: Path) -> None:
    answers = right_answers(seed=2, n=3)
    child = spawn(["quiz", "-n", "3", "--seed", "2"], env)
    child.expect_exact("Question 1 of 3")
    child.sendline(answers[0])
    child.expect_exact("Question 2 of 3")
    child.expect_exact("› ")
    child.sendintr()
    status, rest = finish(child)
    assert status == 130
    assert "quiz stopped: 1 of 3 answered and saved" in rest
    assert "Traceback" not in rest
    with Store.open(tmp_path / "home") as store:
        assert store.attempt_count() == 1 and store.card_count() == 1
        assert store.quiz_history()[0].n_questions == 1  # asked, as in the report


def test_review_the_next_day(env: dict[str, str], tmp_path: Path) -> None:
    answers = right_answers(seed=6, n=3)
    lines = [answers[0], ":skip", answers[2]]  # right and fast -> Easy; a skip -> Again
    path = tmp_path / "answers.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    quiz = subprocess.run([bntutor_script(), "quiz", "-n", "3", "--seed", "6",
                           "--answers", str(path)], env=env, capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert quiz.returncode == 0, quiz.stderr

    same_day = subprocess.run([bntutor_script(), "review"], env=env, capture_output=True,
                              text=True, timeout=TIMEOUT)
    assert "Nothing is due for review" in same_day.stdout

    env["BNTUTOR_NOW"] = (DAY1 + timedelta(days=1)).isoformat()
    child = spawn(["review"], env)
    child.expect_exact("1 question due for review")
    child.expect_exact("Question 1 of 1")
    child.expect_exact("› ")
    child.sendline(answers[1])
    child.expect_exact("Review done")
    status, rest = finish(child)
    assert status == 0
    assert "Next card due in" in rest


def test_progress_reset_asks_first(env: dict[str, str], tmp_path: Path) -> None:
    with Store.open(tmp_path / "home", lambda: DAY1) as store:
        store.save_step("mini-dropout", "intro", "seen", "q-scale", 0, 2.0)
    child = spawn(["progress", "--reset", "1"], env)
    child.expect_exact("Delete your progress in lesson 1 (mini-dropout)?")
    child.sendline("n")
    status, rest = finish(child)
    assert status == 0 and "nothing deleted" in rest
    child = spawn(["progress", "--reset", "mini-dropout"], env)
    child.expect_exact("Delete your progress")
    child.sendline("y")
    status, rest = finish(child)
    assert status == 0 and "progress of lesson 1 (mini-dropout) deleted" in rest
    with Store.open(tmp_path / "home") as store:
        assert store.get_progress("mini-dropout") is None


def test_an_explain_question_in_a_terminal(env: dict[str, str], tmp_path: Path) -> None:
    from ..cli.test_quiz import explain_quiz_seed

    seed, question = explain_quiz_seed()
    first, follow = len(question.rubric), len(question.follow_up.rubric)
    child = spawn(["quiz", "-n", "1", "--seed", str(seed)], env)
    child.expect_exact("Question 1 of 1")
    child.expect_exact("type your answer in your own words")
    child.expect_exact("› ")
    child.sendline("Batch statistics in training, running ones in eval.")
    child.expect_exact("model answer")
    child.expect_exact("Mark each point your answer covered")
    child.expect_exact("› ")
    child.sendline("y n")  # too few marks: asked again
    child.expect_exact(f"mark all {first} points")
    child.sendline(" ".join("y" * first))
    child.expect_exact("follow-up")
    child.expect_exact("› ")
    child.sendline("GroupNorm does not depend on the batch.")
    child.expect_exact("Mark each point your answer covered")
    child.expect_exact("› ")
    child.sendline(" ".join("n" * follow))
    child.expect_exact(f"{first} of {first + follow} key points covered")
    status, report = finish(child)
    assert status == 0 and "Quiz report" in report
    with Store.open(tmp_path / "home") as store:
        assert store.card_count() == 1 and store.attempt_count() == 1
        # some points covered: Hard, due again within the day
        assert store.due_cards(DAY1 + timedelta(hours=12))
