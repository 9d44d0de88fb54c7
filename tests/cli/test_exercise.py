"""`bntutor exercises` and `bntutor exercise` driven as a script would drive them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bntutor.content.exercises import exercise_order, load_exercise
from bntutor.errors import ExitStatus
from bntutor.quiz.scheduler import record_rating
from bntutor.store.store import Store

from .scripted import bntutor, use_home

REFERENCE = load_exercise("bn-forward").solution.numpy


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_home(tmp_path / "home", monkeypatch)


def test_the_list_shows_every_exercise_as_new_without_a_database(home: Path) -> None:
    ran = bntutor("exercises")
    assert ran.code == 0
    for name in exercise_order():
        assert name in ran.out
    assert ran.out.count("new") >= len(exercise_order())
    assert not (home / "bntutor.sqlite3").exists()


def test_once_passes_the_reference_and_names_a_mistake(home: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "bn_forward.py").write_text(REFERENCE, encoding="utf-8")
    ran = bntutor("exercise", "bn-forward", "--dir", str(work), "--once")
    assert ran.code == 0, ran.err
    assert "your file is kept" in ran.out and "passed: all 26 cases" in ran.out
    (work / "bn_forward.py").write_text(REFERENCE.replace("np.sqrt(var + eps)",
                                                          "(np.sqrt(var) + eps)"))
    ran = bntutor("exercise", "bn-forward", "--dir", str(work), "--once")
    assert ran.code == 1
    assert "ε is outside the square root" in ran.out
    with Store.open(home) as store:
        progress = store.exercise_progress("bn-forward")
    assert progress is not None and progress.status == "passed" and progress.checks == 2
    assert bntutor("exercises").out.count("passed") == 1
    assert "exercises passed: 1 of 16" in bntutor("progress").out
    shown = bntutor("progress", "--json").json()["exercises"]
    assert [e["status"] for e in shown].count("passed") == 1 and shown[0]["name"] == "bn-forward"
    assert "exercises: 1 of 16 passed; next: bntutor exercise bn-running-torch" in bntutor().out


def test_a_scripted_sitting_takes_hints_and_the_solution(home: Path, tmp_path: Path) -> None:
    ran = bntutor("exercise", "bn-forward", "--dir", str(tmp_path),
                  input=":hint\n:hint\n:bogus\n:solution\n:quit\n")
    assert ran.code == 0, ran.err
    assert "starter written" in ran.out and "Still the starter" in ran.out
    assert "hint 2/3" in ran.out and "unknown command" in ran.out
    assert "reference solution" in ran.out
    assert (tmp_path / "bn_forward.py").read_text().count("raise NotImplementedError") == 1
    with Store.open(home) as store:
        progress = store.exercise_progress("bn-forward")
        card = store.get_card("exercise:bn-forward")
    assert progress is not None and progress.hints_used == 2 and progress.solution_shown
    assert card is not None  # the solution was shown: rated Again


def test_reset_asks_and_a_script_must_say_yes(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "bn_forward.py"
    path.write_text("my work\n", encoding="utf-8")
    ran = bntutor("exercise", "bn-forward", "--dir", str(tmp_path), "--reset", "--once")
    assert ran.code == ExitStatus.BAD_INPUT and "--yes" in ran.err
    assert path.read_text() == "my work\n"
    ran = bntutor("exercise", "bn-forward", "--dir", str(tmp_path), "--reset", "--yes",
                  "--once")
    assert ran.code == 1 and "fresh starter written" in ran.out
    assert "raise NotImplementedError" in path.read_text()


def test_the_torch_starter_says_autograd_is_off(home: Path, tmp_path: Path) -> None:
    ran = bntutor("exercise", "bn-backward", "--dir", str(tmp_path), "--framework", "torch",
                  "--once")
    assert ran.code == 1
    text = (tmp_path / "bn_backward_torch.py").read_text()
    assert "import torch" in text and "Autograd is off" in text


@pytest.mark.parametrize(("args", "status", "words"), [
    (["exercise", "no-such"], ExitStatus.NOT_FOUND, "no exercise called 'no-such'"),
    (["exercise", "bn-forward", "--framework", "jax"], ExitStatus.BAD_INPUT, "framework"),
])
def test_bad_names_are_one_line_errors(home: Path, args: list[str], status: int,
                                       words: str) -> None:
    ran = bntutor(*args)
    assert ran.code == status and words in ran.err and len(ran.err.strip().splitlines()) == 1


def test_review_asks_to_write_a_due_exercise_again(home: Path, monkeypatch) -> None:
    then = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    with Store.open(home, lambda: then) as store:
        record_rating(store, "exercise:bn-eval", "train-vs-inference", 1, then)
    monkeypatch.setenv("BNTUTOR_NOW", "2030-01-03T09:00")
    ran = bntutor("review")
    assert ran.code == 0, ran.err
    assert "exercise due for review: bn-eval" in ran.out
    assert "bntutor exercise bn-eval --dir" in ran.out and "--reset --yes" in ran.out
