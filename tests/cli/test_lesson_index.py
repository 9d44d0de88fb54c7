"""The lesson index: listing an unchanged course reads no YAML; any change rebuilds it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bntutor.cli._lesson_index import (
    INDEX_FILE,
    build_index,
    course_listing,
    read_listing,
    write_index,
)
from bntutor.errors import ContentError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "player"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    directory = tmp_path / "lessons"
    shutil.copytree(FIXTURES / "lessons", directory)
    return directory


def test_build_lists_lessons_in_course_order_with_step_ids(course: Path) -> None:
    entries = build_index(course)
    assert [(e.number, e.slug, e.minutes) for e in entries] == [
        (1, "fixture-basics", 3), (2, "fixture-next", 1)
    ]
    assert entries[0].title == {"en": "Fixture basics", "zh": "夹具基础"}
    assert entries[0].step_ids == ["intro", "q-mean", "batch", "q-live", "q-mode", "outro"]
    assert entries[1].step_ids == ["only", "q-two"]


def test_index_round_trip_and_invalidation(course: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    entries = build_index(course)
    write_index(home, course, entries)
    assert read_listing(home, course) == (entries, None)
    lesson = course / "02-fixture-next.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("minutes: 1", "minutes: 7"))
    assert read_listing(home, course) is None  # the file changed
    assert [e.minutes for e in course_listing(home, course)[0]] == [3, 7]
    assert read_listing(home, course) is not None  # rebuilt and saved


def test_no_index_without_a_home_dir(course: Path, tmp_path: Path) -> None:
    home = tmp_path / "absent"
    assert len(course_listing(home, course)[0]) == 2
    assert not home.exists()


def test_a_damaged_index_is_ignored(course: Path, tmp_path: Path) -> None:
    (tmp_path / INDEX_FILE).write_text("{not json", encoding="utf-8")
    assert read_listing(tmp_path, course) is None
    (tmp_path / INDEX_FILE).write_text('{"fingerprint": 3, "lessons": 4}', encoding="utf-8")
    entries, _ = course_listing(tmp_path, course)
    assert [e.slug for e in entries] == ["fixture-basics", "fixture-next"]


def test_a_broken_lesson_is_reported_not_hidden_by_the_index(course: Path, tmp_path: Path) -> None:
    course_listing(tmp_path, course)
    (course / "02-fixture-next.yaml").write_text("slug: fixture-next\ntitle: x\n", encoding="utf-8")
    with pytest.raises(ContentError):
        course_listing(tmp_path, course)


@pytest.mark.parametrize("command", [["lessons"], []], ids=["lessons", "home"])
def test_listing_an_unchanged_course_parses_no_yaml(
    course: Path, tmp_path: Path, command: list[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    code = (
        "import sys\n"
        "from bntutor.cli.main import run\n"
        f"assert run({command!r}) == 0\n"
        "watched = ('yaml', 'bntutor.content.loader', 'pydantic', 'torch')\n"
        "print(sorted(m for m in watched if m in sys.modules))\n"
    )
    env = dict(os.environ, BNTUTOR_HOME=str(home), BNTUTOR_LESSONS=str(course))
    runs = [
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       timeout=60)
        for _ in range(2)
    ]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr
    first, second = (r.stdout.strip().splitlines()[-1] for r in runs)
    assert first == "['yaml']"  # built the index from the outline, without the schema
    assert second == "[]"  # read it


def test_the_index_keeps_the_exercise_order(course: Path, tmp_path: Path) -> None:
    from bntutor.cli._lesson_index import course_listing
    from bntutor.content.exercise_order import exercise_order

    entries, names = course_listing(tmp_path, course)
    assert names == exercise_order() and len(names) > 1
    assert read_listing(tmp_path, course) == (entries, names)
    index = tmp_path / INDEX_FILE
    data = json.loads(index.read_text(encoding="utf-8"))
    data["exercises"] = ["a", 3]  # damaged: not trusted
    index.write_text(json.dumps(data), encoding="utf-8")
    assert read_listing(tmp_path, course) is None
    assert course_listing(tmp_path, course)[1] == names
