"""Playing a finished lesson again is a new run: what was achieved is never lowered."""

from __future__ import annotations

from pathlib import Path

import pytest

from bntutor.store.store import Store

from .scripted import answers_file, bntutor, use_home

LESSONS = Path(__file__).resolve().parent.parent / "fixtures" / "player" / "lessons"
SLUG = "fixture-basics"  # lesson 1: intro, q-mean, batch, q-live, q-mode, outro
ALL_RIGHT = ("5", "4", "the running statistics")  # q-mode by text: options are shuffled


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_home(tmp_path / "home", monkeypatch, BNTUTOR_LESSONS=str(LESSONS))


def _lesson_one(listing: dict[str, object]) -> dict[str, object]:
    lessons = listing["lessons"]
    assert isinstance(lessons, list)
    row = lessons[0]
    assert isinstance(row, dict) and row["slug"] == SLUG
    return row


def _finish_lesson_one(tmp_path: Path) -> None:
    ran = bntutor("lesson", "1", "--answers", answers_file(tmp_path, *ALL_RIGHT))
    assert ran.code == 0, ran.err
    assert "Lesson 1 complete" in ran.out


def test_replaying_and_quitting_keeps_the_finished_lesson(home: Path, tmp_path: Path) -> None:
    _finish_lesson_one(tmp_path)
    ran = bntutor("lesson", "1", input=":quit\n")  # the replay stops at step 2, q-mean
    assert ran.code == 0, ran.err
    assert "you finished this lesson before" in ran.out

    row = _lesson_one(bntutor("progress", "--json").json())
    assert row["finished"] is True
    assert (row["steps_done"], row["steps"]) == (6, 6)
    home_screen = bntutor().out
    assert "continue lesson 1" not in home_screen
    assert "start lesson 2" in home_screen
    with Store.open(home) as store:
        progress = store.get_progress(SLUG)
        assert progress is not None
        assert progress.run == 2 and not progress.finished and progress.ever_finished
        assert progress.current_step_id == "q-mean"
        (first,) = progress.earlier
        assert first.run == 1 and first.finished_at is not None
        assert first.step_ids == ("intro", "q-mean", "batch", "q-live", "q-mode", "outro")


def test_the_replay_resumes_where_it_stopped_and_finishing_it_starts_run_three(
    home: Path, tmp_path: Path
) -> None:
    _finish_lesson_one(tmp_path)
    bntutor("lesson", "1", input=":quit\n")
    ran = bntutor("lesson", "1", "--answers", answers_file(tmp_path, *ALL_RIGHT))
    assert "resuming at step 2 of 6" in ran.out
    assert "Lesson 1 complete" in ran.out
    ran = bntutor("lesson", "1", input="")
    assert "you finished this lesson before" in ran.out
    with Store.open(home) as store:
        progress = store.get_progress(SLUG)
        assert progress is not None and progress.run == 3
        assert [run.run for run in progress.earlier] == [1, 2]
        assert all(run.finished_at is not None for run in progress.earlier)


def test_restart_is_a_new_run_too(home: Path, tmp_path: Path) -> None:
    _finish_lesson_one(tmp_path)
    assert bntutor("lesson", "1", "--restart", input=":quit\n").code == 0
    row = _lesson_one(bntutor("progress", "--json").json())
    assert row["finished"] is True and row["steps_done"] == 6


def test_best_unfinished_run_is_kept_when_a_later_run_does_less(
    home: Path, tmp_path: Path
) -> None:
    ran = bntutor("lesson", "1", "--answers", answers_file(tmp_path, "5", "4"))  # to q-mode
    assert ran.code == 130
    assert _lesson_one(bntutor("progress", "--json").json())["steps_done"] == 4
    bntutor("lesson", "1", "--restart", input=":quit\n")  # run 2: only the intro seen
    row = _lesson_one(bntutor("progress", "--json").json())
    assert row["finished"] is False and row["steps_done"] == 4
    assert "continue lesson 1 at step 2 of 6" in bntutor().out  # the run in progress


def test_progress_reset_forgets_every_run(home: Path, tmp_path: Path) -> None:
    _finish_lesson_one(tmp_path)
    bntutor("lesson", "1", input=":quit\n")
    assert bntutor("progress", "--reset", "1", "--yes").code == 0
    row = _lesson_one(bntutor("progress", "--json").json())
    assert row["started"] is False and row["finished"] is False
    with Store.open(home) as store:
        assert store.get_progress(SLUG) is None


def test_each_run_shows_the_options_in_its_own_reproducible_order(
    home: Path, tmp_path: Path
) -> None:
    from bntutor.content.loader import load_lesson
    from bntutor.content.models import QuestionStep, option_ids
    from bntutor.content.shuffle import lesson_key, shuffle_options

    lesson = load_lesson(LESSONS / "01-fixture-basics.yaml")
    (step,) = [s for s in lesson.steps if isinstance(s, QuestionStep) and s.id == "q-mode"]
    shown = []
    for run in (1, 2):
        ran = bntutor("lesson", "1", "--json", "--answers", answers_file(tmp_path, *ALL_RIGHT))
        assert ran.code == 0, ran.err
        (q_mode,) = [s for s in ran.json()["steps"] if s["id"] == "q-mode"]
        expected = option_ids(shuffle_options(step, lesson_key(SLUG, "q-mode", run)).options)
        assert q_mode["options"] == expected
        assert q_mode["answers"][0]["chosen"] == ["b"]
        shown.append(q_mode["options"])
    assert sorted(shown[0]) == ["a", "b", "c"]
