"""`bntutor progress`: lessons, quiz history, mastery, cards; `--reset` asks first."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bntutor.store.store import Store

from .scripted import answers_file, bntutor, right_answers, use_home
from .test_quiz import DAY1, LESSONS


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_home(tmp_path / "home", monkeypatch, BNTUTOR_LESSONS=str(LESSONS),
                    BNTUTOR_NOW=DAY1.isoformat())


def test_fresh_home_shows_empty_progress_and_creates_nothing(home: Path) -> None:
    ran = bntutor("progress")
    assert ran.code == 0, ran.err
    assert "lessons finished: 0 of 1" in ran.out and "no quizzes yet" in ran.out
    assert "No review cards yet" in ran.out
    assert not home.exists()
    document = json.loads(bntutor("progress", "--json").out)
    assert document["lessons"][0]["slug"] == "mini-dropout"
    assert document["quizzes"] == [] and document["cards"]["total"] == 0
    assert all(m["answers"] == 0 and m["mastery"] == 0 for m in document["mastery"])


def test_after_a_quiz(home: Path, tmp_path: Path) -> None:
    answers = right_answers(seed=5, n=4, topics=("dropout",))
    lines = [answers[0], answers[1], answers[2], "999999"]
    quiz = json.loads(bntutor("quiz", "--topic", "dropout", "--seed", "5", "-n", "4",
                              "--answers", answers_file(tmp_path, *lines), "--json").out)
    correct = quiz["correct"]
    document = json.loads(bntutor("progress", "--json").out)
    (record,) = document["quizzes"]
    assert (record["questions"], record["correct"], record["topics"]) == (4, correct, ["dropout"])
    dropout = next(m for m in document["mastery"] if m["topic"] == "dropout")
    # mastery: right answers among the latest ones, over at least 5
    assert dropout == {"topic": "dropout", "answers": 4, "correct": correct,
                       "mastery": round(correct / 5, 4), "counted": 4, "needed": 5}
    assert document["cards"]["total"] == 4
    ran = bntutor("progress")
    assert "recent quizzes" in ran.out and f"{correct}/4" in ran.out
    assert "mastery per topic" in ran.out


def test_cards_due_are_counted(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bntutor.quiz.scheduler import record_answer

    with Store.open(home) as store:
        record_answer(store, "bank:bn-eps-purpose", "bn-mechanics", False, 0, 3.0, DAY1)
    monkeypatch.setenv("BNTUTOR_NOW", (DAY1 + timedelta(hours=2)).isoformat())
    document = json.loads(bntutor("progress", "--json").out)
    assert document["cards"]["due_now"] == 1
    assert datetime.fromisoformat(document["cards"]["next_due"]) < DAY1 + timedelta(hours=2)
    assert "1 of 1 review cards due now" in bntutor("progress").out


def _started(home: Path) -> None:
    with Store.open(home, lambda: DAY1) as store:
        store.save_step("mini-dropout", "intro", "seen", "q-scale", 0, 2.0)


def test_reset_refuses_without_a_terminal_or_yes(home: Path) -> None:
    _started(home)
    ran = bntutor("progress", "--reset", "1")
    assert ran.code == 2
    assert ran.err.strip() == (
        "bntutor: error: not deleting the progress of lesson 1 (mini-dropout) without "
        "confirmation (--reset); add --yes to confirm"
    )
    with Store.open(home) as store:
        assert store.get_progress("mini-dropout") is not None


def test_reset_with_yes(home: Path) -> None:
    _started(home)
    ran = bntutor("progress", "--reset", "mini-dropout", "--yes")
    assert ran.code == 0 and "progress of lesson 1 (mini-dropout) deleted" in ran.out
    with Store.open(home) as store:
        assert store.get_progress("mini-dropout") is None
    assert "had no progress" in bntutor("progress", "--reset", "1", "--yes").out


def test_reset_unknown_lesson(home: Path) -> None:
    ran = bntutor("progress", "--reset", "nope", "--yes")
    assert ran.code == 5 and "unknown lesson 'nope'" in ran.err




def test_a_lesson_never_opened_reports_its_real_step_count(home: Path) -> None:
    import yaml

    document = json.loads(bntutor("progress", "--json").out)
    (lesson,) = document["lessons"]
    (path,) = LESSONS.glob("01-*.yaml")
    written = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert lesson["steps"] == len(written["steps"]) > 0
    assert (lesson["steps_done"], lesson["started"]) == (0, False)
