"""A database that opens but holds bad rows: the learner can go on, is told what was
skipped, and `bntutor repair` keeps every readable row."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bntutor.store.store import FILE_NAME, Store

from ..store.test_salvage import stale_index
from .scripted import answers_file, bntutor, use_home

LESSONS = Path(__file__).resolve().parent.parent / "fixtures" / "player" / "lessons"
SLUG = "fixture-basics"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = use_home(tmp_path / "home", monkeypatch, BNTUTOR_LESSONS=str(LESSONS))
    # intro, q-mean (right), batch, q-live (right); the answers end at q-mode
    ran = bntutor("lesson", "1", "--answers", answers_file(tmp_path, "5", "4"))
    assert ran.code == 130, ran.err
    return home


def _sql(home: Path, *statements: str) -> None:
    with closing(sqlite3.connect(home / FILE_NAME)) as raw:
        for statement in statements:
            raw.execute(statement)
        raw.commit()


def _steps_done(ran_json: dict[str, object]) -> int:
    lessons = ran_json["lessons"]
    assert isinstance(lessons, list) and lessons[0]["slug"] == SLUG
    return int(lessons[0]["steps_done"])


def test_text_in_a_date_column_is_skipped_and_reported(home: Path) -> None:
    _sql(home, "UPDATE step_progress SET first_at = 'yesterday' WHERE step_id = 'q-mean'")
    ran = bntutor("progress", "--json")
    assert ran.code == 0, ran.err
    assert _steps_done(ran.json()) == 3  # q-mean cannot be read; the rest is there
    (line,) = ran.err.strip().splitlines()
    assert "1 rows of the progress database could not be read" in line
    assert "step_progress 1" in line and line.endswith("bntutor repair")
    ran = bntutor()
    assert ran.code == 0 and "continue lesson 1 at step 5 of 6" in ran.out
    ran = bntutor("--lang", "zh", "progress")
    assert ran.code == 0 and "无法读取" in ran.err and "bntutor repair" in ran.err
    ran = bntutor("lesson", "1", input=":skip\n5\n")  # q-mode, then the unreadable q-mean
    assert ran.code == 0, ran.err
    assert "Lesson 1 complete" in ran.out and "What is the mean of 2, 4 and 9?" in ran.out

    ran = bntutor("--lang", "en", "repair")  # --lang zh above was remembered
    assert ran.code == 0, ran.err
    assert "rows carried over, 0 left behind" in ran.out  # answering again mended the row
    ran = bntutor("progress", "--json")
    assert ran.code == 0 and ran.err == ""
    assert _steps_done(ran.json()) == 6
    with Store.open(home) as store:
        assert store.attempt_count() == 3 and store.card_count() == 3  # q-mode was skipped


def test_a_bad_review_card_is_skipped_and_a_new_answer_starts_it_over(home: Path) -> None:
    _sql(home, "UPDATE cards SET card_json = '{not json',"
               " due = '2020-01-01T00:00:00.000000+00:00' WHERE qid LIKE '%q-mean'")
    ran = bntutor("review", input="")
    assert ran.code == 0, ran.err
    assert "cards 1" in ran.err and "bntutor repair" in ran.err
    assert "More cards are due now" not in ran.out
    ran = bntutor("lesson", "1", "--step", "q-mean", input="5\n:quit\n")
    assert ran.code == 0, ran.err
    with Store.open(home) as store:
        card = store.get_card(f"lesson:{SLUG}/q-mean")
        assert card is not None and card.card_json.startswith("{")
        assert store.unreadable_rows() == {}


def test_an_index_that_quick_check_misses_points_to_repair(home: Path) -> None:
    stale_index(home / FILE_NAME, "attempts_by_topic",
                "DELETE FROM attempts WHERE item_id LIKE '%q-mean'")
    ran = bntutor("progress")
    assert ran.code == 4
    (line,) = ran.err.strip().splitlines()
    assert line.startswith("bntutor: error: the database is damaged")
    assert "run `bntutor repair`" in line and "start a fresh one" not in line
    ran = bntutor("--lang", "zh", "progress")
    assert ran.code == 4 and "进度数据库已损坏" in ran.err and "bntutor repair" in ran.err

    ran = bntutor("--lang", "en", "repair")  # --lang zh above was remembered
    assert ran.code == 0, ran.err
    assert "0 left behind" in ran.out and ".corrupt-" in ran.out
    assert len(list(home.glob(f"{FILE_NAME}.corrupt-*"))) == 1
    ran = bntutor("progress", "--json")
    assert ran.code == 0, ran.err
    assert _steps_done(ran.json()) == 4
    with Store.open(home) as store:
        assert store.attempt_count() == 1  # the row deleted behind the index's back
        assert store.card_count() == 2


def test_repair_with_no_database_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_home(tmp_path / "empty", monkeypatch)
    ran = bntutor("--lang", "en", "repair")  # --lang zh above was remembered
    assert ran.code == 0 and "nothing to repair" in ran.out
