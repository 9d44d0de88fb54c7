"""The outline fast path: the same entries as the full load, or None when anything is off."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bntutor.cli._lesson_index import index_entries
from bntutor.content.course import load_course
from bntutor.content.outline import read_outline
from bntutor.content.paths import lessons_dir
from bntutor.errors import ContentError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
COURSES = FIXTURES / "courses"


@pytest.mark.parametrize(
    "directory", [lessons_dir(), FIXTURES / "player" / "lessons", COURSES / "ok"],
    ids=["shipped", "player", "ok"],
)
def test_outline_equals_the_index_of_the_validated_course(directory: Path) -> None:
    outline = read_outline(directory)
    assert outline is not None
    assert outline == index_entries(load_course(directory))


@pytest.mark.parametrize("name", ["bad-course", "listed-twice", "missing-file", "slug-mismatch",
                                  "unlisted"])
def test_a_course_that_does_not_load_has_no_outline(name: str) -> None:
    with pytest.raises(ContentError):
        load_course(COURSES / name)
    assert read_outline(COURSES / name) is None


def _edit(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)
    return edit


@pytest.mark.parametrize(
    "edit",
    [
        _edit("minutes: 1", "minutes: true"),
        _edit("minutes: 1", "minutes: 0"),
        _edit("minutes: 1", "minutes: '1'"),
        _edit("minutes: 1\n", ""),
        _edit("slug: fixture-next", "slug: fixture-other"),
        _edit("- id: only", "- idx: only"),
        _edit("- id: q-two", "- id: only"),  # two steps with one id
        _edit("title:", "title: [a, b]\nold_title:"),
        _edit("slug: fixture-next", "slug: fixture-next\nslug: again"),  # duplicate key
        _edit("minutes: 1", "minutes: 1\nminute: 2"),  # a field the schema does not know
        _edit("slug: fixture-next", "slug: [fixture-next"),  # malformed YAML
        lambda text: "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdef", "bcdefg", strict=True)) + text,  # aliases that explode
    ],
)
def test_anything_unusual_means_no_outline(tmp_path: Path, edit: Callable[[str], str]) -> None:
    directory = tmp_path / "lessons"
    shutil.copytree(FIXTURES / "player" / "lessons", directory)
    assert read_outline(directory) is not None
    lesson = directory / "02-fixture-next.yaml"
    lesson.write_text(edit(lesson.read_text(encoding="utf-8")), encoding="utf-8")
    assert read_outline(directory) is None


def test_reading_the_outline_imports_no_schema() -> None:
    code = (
        "import sys\n"
        "from bntutor.content.outline import read_outline\n"
        "from bntutor.content.paths import lessons_dir\n"
        "assert read_outline(lessons_dir())\n"
        "print(sorted(m for m in ('pydantic', 'bntutor.content.models', 'torch')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
