"""`bntutor`, `bntutor lessons` and `bntutor lesson` driven through the error boundary.

Answers are scripted (a file, or stdin that is not a terminal); the fixture course lives
in tests/fixtures/player and is selected with BNTUTOR_LESSONS.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bntutor.store.store import FILE_NAME, Store

from .scripted import answers_file, bntutor, use_home

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "player"
LESSONS = FIXTURES / "lessons"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_home(tmp_path / "home", monkeypatch, BNTUTOR_LESSONS=str(LESSONS))


# -- listing --------------------------------------------------------------------------


def test_lessons_table_lists_the_course_and_progress(home: Path, tmp_path: Path) -> None:
    ran = bntutor("lessons")
    assert ran.code == 0, ran.err
    assert "fixture-basics" in ran.out and "Fixture next" in ran.out
    assert not home.exists(), "listing lessons must not create the home dir"
    bntutor("lesson", "2", "--answers", answers_file(tmp_path, "2"))
    ran = bntutor("lessons")
    row = next(line for line in ran.out.splitlines() if "fixture-next" in line)
    assert "2/2 ✓" in row


def test_lessons_and_home_do_not_import_torch(home: Path) -> None:
    code = (
        "import sys\n"
        "from bntutor.cli.main import run\n"
        "assert run(['lessons']) == 0\n"
        "assert run([]) == 0\n"
        "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ.copy(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("NO-TORCH")


def test_home_says_what_to_do_next(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = bntutor()
    assert ran.code == 0
    assert "start lesson 1" in ran.out
    # q-mean answered, the compute step shown, and the answers end at q-live (step 4)
    bntutor("lesson", "1", "--answers", answers_file(tmp_path, "5"))
    ran = bntutor()
    assert "continue lesson 1 at step 4 of 6" in ran.out
    assert "review" not in ran.out  # the card the answer made is not due yet
    later = datetime.now(UTC) + timedelta(days=90)
    monkeypatch.setenv("BNTUTOR_NOW", later.isoformat())
    assert "review: 1 review card is due: bntutor review" in bntutor().out


# -- playing, scripted ------------------------------------------------------------------


def test_wrong_then_hint_then_right(home: Path, tmp_path: Path) -> None:
    ran = bntutor("lesson", "2", "--answers", answers_file(tmp_path, "3", ":hint", "2"))
    assert ran.code == 0, ran.err
    assert "✗" in ran.out and "✓" in ran.out
    assert "this question has no hints" in ran.out
    assert "Lesson 2 complete" in ran.out
    assert "score 1/1" in ran.out
    with Store.open(home) as store:
        progress = store.get_progress("fixture-next")
        assert progress is not None and progress.finished
        attempts = store.recent_attempts(source="lesson")
        assert [(a.answer, a.correct) for a in reversed(attempts)] == [("3", False), ("2", True)]
        assert all(a.item_id == "fixture-next/q-two" for a in attempts)
        assert store.get_card("lesson:fixture-next/q-two") is not None


def test_recognized_mistake_hints_and_reveal_after_three_wrong(home: Path, tmp_path: Path) -> None:
    lines = ["15", ":hint", ":hint", ":hint", "6", "7"]
    ran = bntutor("lesson", "1", "--answers", answers_file(tmp_path, *lines))
    assert "That is the sum; the mean divides it by the count." in ran.out
    assert "hint 1/2: Add them: 2 + 4 + 9 = 15." in ran.out
    assert "hint 2/2" in ran.out and "no more hints" in ran.out
    assert "the answer: 5" in ran.out
    assert "15 / 3 = 5" in ran.out  # the explanation after the reveal
    # answers ran out at the next question: progress saved, status 130
    assert ran.code == 130
    assert "progress saved; resume with `bntutor lesson 1`" in ran.err


def test_end_of_input_saves_and_the_next_run_resumes(home: Path) -> None:
    ran = bntutor("lesson", "fixture-basics", input="5\n")
    assert ran.code == 130
    assert ran.err.strip().splitlines()[-1] == "progress saved; resume with `bntutor lesson 1`"
    ran = bntutor("lesson", "1", input="")
    assert "resuming at step 4 of 6" in ran.out
    assert "Welcome to the fixture lesson" not in ran.out
    ran = bntutor("lesson", "1", "--restart", input="")
    assert "Welcome to the fixture lesson" in ran.out


def test_quit_saves_and_exits_zero(home: Path) -> None:
    ran = bntutor("lesson", "1", input=":quit\n")
    assert ran.code == 0
    assert "progress saved; resume with `bntutor lesson 1`" in ran.err
    with Store.open(home) as store:
        progress = store.get_progress("fixture-basics")
        assert progress is not None and progress.current_step_id == "q-mean"


def test_help_and_unknown_commands_at_a_prompt(home: Path) -> None:
    ran = bntutor("lesson", "2", input=":help\n:hnit\n2\n")
    assert ran.code == 0
    assert ":skip" in ran.out and "save your progress" in ran.out
    assert "unknown command :hnit" in ran.out


def test_unreadable_answer_counts_as_a_wrong_attempt_in_scripts(home: Path) -> None:
    ran = bntutor("lesson", "2", input="two\ntwo\ntwo\n")
    assert ran.code == 0
    assert ran.out.count("could not read") == 3
    assert "the answer: 2" in ran.out


def test_json_prints_only_the_transcript(home: Path, tmp_path: Path) -> None:
    answers = answers_file(tmp_path, "4", ":hint", ":skip")
    ran = bntutor("lesson", "2", "--json", "--answers", answers)
    assert ran.code == 0, ran.err
    doc = json.loads(ran.out)  # nothing but the document on stdout
    assert doc["completed"] is True and doc["ending"] == "completed"
    assert [s["id"] for s in doc["steps"]] == ["only", "q-two"]
    question = doc["steps"][1]
    (answer,) = question["answers"]
    assert (answer["answer"], answer["correct"], answer["readable"]) == ("4", False, True)
    assert answer["message"]
    assert question["commands"] == [":hint", ":skip"]
    assert question["result"] == "skipped"
    assert doc["summary"]["skipped"] == 1 and doc["summary"]["questions"] == 1


def test_json_on_early_end_still_prints_the_document(home: Path) -> None:
    ran = bntutor("lesson", "1", "--json", input="")
    assert ran.code == 130
    doc = json.loads(ran.out)
    assert doc["completed"] is False and doc["ending"] == "eof"
    assert doc["steps"][0] == {"id": "intro", "type": "text", "seconds": doc["steps"][0]["seconds"]}


def test_lang_zh_uses_chinese_text_with_english_fallback(home: Path) -> None:
    ran = bntutor("--lang", "zh", "lesson", "1", input="")
    assert "欢迎来到夹具课" in ran.out
    assert "夹具基础" in ran.out  # the title
    assert "What is the mean of 2, 4 and 9?" in ran.out  # English only: falls back


def test_math_is_rendered_as_unicode(home: Path) -> None:
    ran = bntutor("lesson", "1", input="")
    assert "μ" in ran.out and "σ" in ran.out
    assert "\\mu" not in ran.out


def test_resume_follows_the_step_id_when_the_lesson_is_reordered(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = tmp_path / "course"
    shutil.copytree(LESSONS, course)
    monkeypatch.setenv("BNTUTOR_LESSONS", str(course))
    bntutor("lesson", "1", input="5\n")  # stops at q-live, after the compute step
    path = course / "01-fixture-basics.yaml"
    text = path.read_text(encoding="utf-8")
    # move the intro text to the end: positions change, ids do not
    head, rest = text.split("  - id: intro\n", 1)
    intro, tail = rest.split("  - id: q-mean\n", 1)
    path.write_text(head + "  - id: q-mean\n" + tail + "  - id: intro\n" + intro, encoding="utf-8")
    ran = bntutor("lesson", "1", input="")
    assert "resuming at step 3 of 6" in ran.out  # q-live is now the 3rd step
    assert "What is the batch mean μ_B of feature 1 above?" in ran.out


# -- bad input --------------------------------------------------------------------------


def test_unknown_lesson_lists_the_valid_ones(home: Path) -> None:
    ran = bntutor("lesson", "9")
    assert ran.code == 5
    assert ran.err.startswith("bntutor: error: unknown lesson '9'")
    assert "1 fixture-basics" in ran.err and "2 fixture-next" in ran.err
    assert len(ran.err.strip().splitlines()) == 1


def test_malformed_lesson_is_one_located_error(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BNTUTOR_LESSONS", str(FIXTURES / "broken"))
    ran = bntutor("lesson", "1")
    assert ran.code == 3
    assert len(ran.err.strip().splitlines()) == 1
    assert "01-broken-lesson.yaml:13" in ran.err and "colour" in ran.err and "step q1" in ran.err


def test_unreadable_answers_file(home: Path, tmp_path: Path) -> None:
    ran = bntutor("lesson", "1", "--answers", str(tmp_path / "missing.txt"))
    assert ran.code == 2
    assert "cannot read the answers file" in ran.err


def test_corrupt_database_warns_once_and_the_lesson_plays(home: Path) -> None:
    home.mkdir()
    (home / FILE_NAME).write_bytes(b"this is not a database" * 100)
    ran = bntutor("lesson", "2", input="2\n")
    assert ran.code == 0
    warnings = [line for line in ran.err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "moved aside" in warnings[0]
    assert "Lesson 2 complete" in ran.out


def test_unusable_home_is_one_line(home: Path, tmp_path: Path) -> None:
    not_a_dir = tmp_path / "a-file"
    not_a_dir.write_text("x", encoding="utf-8")
    ran = bntutor("--home", str(not_a_dir / "home"), "lesson", "2", input="2\n")
    assert ran.code == 4
    assert ran.err.startswith("bntutor: error: cannot use the home directory: Not a directory")
    assert len(ran.err.strip().splitlines()) == 1


def test_the_summary_time_counts_every_session(home: Path, tmp_path: Path) -> None:
    first = bntutor("lesson", "2", "--json", input="")  # input ends at the question
    assert first.code == 130
    second = bntutor("lesson", "2", "--json", "--answers", answers_file(tmp_path, "2"))
    assert second.code == 0, second.err
    one, two = first.json()["summary"], second.json()["summary"]
    assert one["session_seconds"] > 0 and two["session_seconds"] > 0
    assert two["seconds"] == pytest.approx(one["session_seconds"] + two["session_seconds"],
                                           abs=0.002)
    with Store.open(home) as store:
        progress = store.get_progress("fixture-next")
        assert progress is not None
        assert progress.session_seconds == pytest.approx(two["seconds"], abs=0.002)


def test_step_starts_at_a_step_and_an_unknown_step_is_one_line(home: Path) -> None:
    ran = bntutor("lesson", "1", "--step", "nope", input="")
    assert ran.code == 2
    assert ran.err.strip() == (
        "bntutor: error: lesson 1 has no step 'nope' (--step); its steps: intro, q-mean, "
        "batch, q-live, q-mode, outro"
    )
    ran = bntutor("--lang", "zh", "lesson", "1", "--step", "nope", input="")
    assert "第 1 课没有 'nope' 这一步 (--step)" in ran.err
    ran = bntutor("--lang", "en", "lesson", "1", "--step", "q-live", input="")  # zh was kept
    assert "starting at step 4 of 6 (q-live)" in ran.out
    # the data q-live works with comes first, then the question
    assert ran.out.index("The highlighted column is feature 1.") < ran.out.index(
        "What is the batch mean")
    assert "Welcome to the fixture lesson" not in ran.out


def test_a_resume_is_announced_in_the_learners_language(home: Path) -> None:
    bntutor("lesson", "1", input="5\n")
    ran = bntutor("--lang", "zh", "lesson", "1", input="")
    assert "从第 4 步继续，共 6 步" in ran.out
