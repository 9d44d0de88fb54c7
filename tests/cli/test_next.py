"""`bntutor next`: a started lesson, else due review, else a new lesson, else a quiz."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bntutor.store.store import Store

from .scripted import answers_file, bntutor, use_home

LESSONS = Path(__file__).resolve().parent.parent / "fixtures" / "player" / "lessons"
DAY1 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_home(tmp_path / "home", monkeypatch, BNTUTOR_LESSONS=str(LESSONS),
                    BNTUTOR_NOW=DAY1.isoformat())


def test_next_starts_then_continues_the_unfinished_lesson(home: Path, tmp_path: Path) -> None:
    ran = bntutor("next", input="")
    assert ran.code == 130  # input ended inside lesson 1, which it started
    assert "Lesson 1: Fixture basics" in ran.out
    ran = bntutor("next", "--answers", answers_file(tmp_path, "5"))
    assert "Lesson 1: Fixture basics" in ran.out and "resuming at step 2 of" in ran.out


def test_next_prefers_a_started_lesson_to_due_review(home: Path, tmp_path: Path) -> None:
    with Store.open(home, lambda: DAY1) as store:
        store.save_step("fixture-next", "intro", "seen", "q-two", 0, 1.0)  # lesson 2 started
        from bntutor.quiz.scheduler import record_answer

        record_answer(store, "lesson:fixture-basics/q-mean", "bn-mechanics", False, 0, 5.0,
                      DAY1 - timedelta(days=3))
    ran = bntutor("next", "--answers", answers_file(tmp_path, "2"))
    assert ran.code == 0, ran.err
    assert "Lesson 2: Fixture next" in ran.out and "Lesson 2 complete" in ran.out


def test_next_reviews_due_cards_then_suggests_a_quiz(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bntutor.quiz.scheduler import record_answer

    with Store.open(home, lambda: DAY1) as store:
        for slug in ("fixture-basics", "fixture-next"):
            store.mark_finished(slug)
        record_answer(store, "lesson:fixture-basics/q-mean", "bn-mechanics", False, 0, 5.0,
                      DAY1 - timedelta(days=3))
    ran = bntutor("next", "--answers", answers_file(tmp_path, "5"))
    assert ran.code == 0, ran.err
    assert "1 question due for review" in ran.out and "What is the mean of 2, 4 and 9?" in ran.out
    monkeypatch.setenv("BNTUTOR_NOW", (DAY1 - timedelta(days=3)).isoformat())  # nothing due
    ran = bntutor("next")
    assert ran.code == 0
    assert "every lesson is done and no review card is due" in ran.out
    assert "bntutor quiz" in ran.out
    ran = bntutor("--lang", "zh", "next")
    assert "所有课程都已学完" in ran.out
