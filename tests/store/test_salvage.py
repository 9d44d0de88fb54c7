"""Repair: every readable row of a damaged database goes into a fresh one; the rest stays
behind in the file set aside."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bntutor.errors import StoreError
from bntutor.store.recovery import repair
from bntutor.store.store import FILE_NAME, Store

from .conftest import START, FakeClock


def _filled(home: Path, clock: FakeClock) -> Path:
    with Store.open(home, clock) as store:
        for i in range(5):
            store.record_attempt("quiz", f"q{i}", str(i), i % 2 == 0, topic="bn")
        store.save_step("les", "a", "seen", "b")
        store.save_step("les", "b", "correct", "c")
        store.put_card("bank:x", '{"state": 1}', START, "bn")
        store.put_card("bank:y", '{"state": 2}', START, "bn")
        return store.path


def stale_index(path: Path, index: str, delete: str) -> None:
    """Change a table behind its index's back: the index keeps entries for deleted rows.
    ``PRAGMA quick_check`` does not compare indexes with their tables, so it passes."""
    with closing(sqlite3.connect(path)) as raw:
        entry = raw.execute(
            "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master WHERE name = ?",
            (index,),
        ).fetchone()
        raw.execute("PRAGMA writable_schema = ON")
        raw.execute("DELETE FROM sqlite_master WHERE name = ?", (index,))
        raw.commit()
    with closing(sqlite3.connect(path)) as raw:
        raw.execute(delete)
        raw.commit()
        raw.execute("PRAGMA writable_schema = ON")
        raw.execute("INSERT INTO sqlite_master VALUES (?, ?, ?, ?, ?)", entry)
        raw.commit()
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("PRAGMA quick_check").fetchall() == [("ok",)]


def test_a_stale_index_fails_reads_that_use_it_and_repair_rebuilds_it(
    home: Path, clock: FakeClock
) -> None:
    path = _filled(home, clock)
    stale_index(path, "attempts_by_topic", "DELETE FROM attempts WHERE item_id = 'q1'")
    with Store.open(home, clock) as store, pytest.raises(StoreError) as caught:
        store.attempts_for_topic("bn")
    assert caught.value.hint is not None and "bntutor repair" in caught.value.hint
    assert "bntutor repair" in caught.value.one_line("zh") and "损坏" in caught.value.one_line("zh")

    done = repair(path, clock())
    assert done is not None
    aside, carried = done
    assert aside.name == f"{FILE_NAME}.corrupt-20240501T093000Z" and aside.exists()
    assert carried.kept == {"attempts": 4, "cards": 2, "lesson_progress": 1, "step_progress": 2}
    assert carried.lost == {}
    with Store.open(home, clock) as store:
        assert store.warnings == ()
        assert sorted(a.item_id for a in store.attempts_for_topic("bn")) == [
            "q0", "q2", "q3", "q4"
        ]
        progress = store.get_progress("les")
        assert progress is not None and progress.completed_step_ids == ("a", "b")
        assert progress.current_step_id == "c"


def test_rows_with_bad_values_stay_behind(home: Path, clock: FakeClock) -> None:
    path = _filled(home, clock)
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("UPDATE step_progress SET first_at = 'yesterday' WHERE step_id = 'a'")
        raw.execute("UPDATE cards SET card_json = '{not json' WHERE qid = 'bank:x'")
        raw.execute("UPDATE attempts SET hints = 'many' WHERE item_id = 'q3'")
        raw.commit()
    with Store.open(home, clock) as store:  # reading skips them and says so
        assert store.get_progress("les").completed_step_ids == ("b",)  # type: ignore[union-attr]
        assert [c.qid for c in store.due_cards()] == ["bank:y"]
        assert len(store.recent_attempts(None)) == 4
        assert store.unreadable_rows() == {"step_progress": 1, "cards": 1, "attempts": 1}
    done = repair(path, clock())
    assert done is not None
    _aside, carried = done
    assert carried.lost == {"step_progress": 1, "cards": 1, "attempts": 1}
    assert carried.rows_kept == 4 + 1 + 1 + 1
    with Store.open(home, clock) as store:
        assert store.get_card("bank:x") is None and store.get_card("bank:y") is not None
        assert store.attempt_count() == 4
        assert store.get_progress("les").completed_step_ids == ("b",)  # type: ignore[union-attr]
        assert store.unreadable_rows() == {}


def test_repair_without_a_database_does_nothing(home: Path, clock: FakeClock) -> None:
    home.mkdir()
    assert repair(home / FILE_NAME, clock()) is None
    assert list(home.iterdir()) == []


def test_a_file_found_damaged_on_opening_keeps_its_readable_rows(
    home: Path, clock: FakeClock
) -> None:
    path = _filled(home, clock)
    with Store.open(home, clock) as store:
        for i in range(200):
            store.record_quiz(START, 1.0, 1, 1, ["bn"], '{"padding": "' + "x" * 500 + f'{i}"}}')
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("DELETE FROM quizzes")  # frees pages onto the freelist
        raw.commit()
    data = bytearray(path.read_bytes())
    data[32:40] = bytes(8)  # forget the freelist: its pages become orphans quick_check sees
    path.write_bytes(bytes(data))
    with Store.open(home, clock) as store:
        (warning,) = store.warnings
        assert "moved aside" in warning and "with the 10 readable rows carried over" in warning
        assert store.attempt_count() == 5 and store.card_count() == 2
        assert store.get_progress("les").completed_step_ids == ("a", "b")  # type: ignore[union-attr]
