"""The course catalog: order from course.yaml, lookup by number or slug, course errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bntutor.content.course import check_course, load_course
from bntutor.errors import ContentError, NotFoundError

from .fake_live import fake_registry

COURSES = Path(__file__).parent.parent / "fixtures" / "courses"
GOOD = Path(__file__).parent.parent / "fixtures" / "content" / "good" / "lessons"


def test_lessons_come_in_course_order_with_their_metadata() -> None:
    catalog = load_course(COURSES / "ok")
    assert [(e.number, e.slug, e.minutes) for e in catalog.lessons] == [
        (1, "first", 5),
        (2, "third", 3),
        (3, "second", 7),
    ]
    first = catalog.lessons[0]
    assert first.title == {"en": "First lesson", "zh": "课"}
    assert first.topics == ["bn-mechanics"]
    assert first.path == COURSES / "ok" / "01-first.yaml"


@pytest.mark.parametrize(
    ("ref", "slug"),
    [("1", "first"), ("2", "third"), (" 3 ", "second"), ("second", "second"), ("THIRD", "third")],
)
def test_find_lesson_by_number_or_slug(ref: str, slug: str) -> None:
    catalog = load_course(COURSES / "ok")
    assert catalog.find_lesson(ref).slug == slug


@pytest.mark.parametrize("ref", ["0", "4", "fourth", "", "-1", "¹", "٣"])
def test_an_unknown_lesson_lists_the_choices(ref: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        load_course(COURSES / "ok").find_lesson(ref)
    assert caught.value.hint == "choose one of: 1 first, 2 third, 3 second"


def test_load_checks_the_full_lesson() -> None:
    catalog = load_course(COURSES / "ok")
    lesson = catalog.load("2", fake_registry())
    assert lesson.slug == "third"
    assert catalog.load(catalog.lessons[0], fake_registry()).slug == "first"


@pytest.mark.parametrize(
    ("course", "file", "line", "what"),
    [
        ("missing-file", "course.yaml", 4, "no lesson file for 'ghost'"),
        ("slug-mismatch", "02-second.yaml", 1, "slug 'other' differs from the file name"),
        ("unlisted", "02-extra.yaml", 1, "lesson 'extra' is not listed in course.yaml"),
        ("bad-course", "course.yaml", 1, "bad value 2 for 'format_version'"),
        ("listed-twice", "course.yaml", 4, "lesson 'first' listed twice"),
    ],
)
def test_course_mistakes_are_located(course: str, file: str, line: int, what: str) -> None:
    report = check_course(COURSES / course)
    errors = report.errors + [e for c in report.lessons for e in c.errors]
    assert [(e.file, e.line) for e in errors] == [(str(COURSES / course / file), line)]
    assert what in errors[0].what
    assert report.catalog is None
    with pytest.raises(ContentError) as caught:
        load_course(COURSES / course)
    assert caught.value.line == line


def test_no_course_file_and_no_lessons_is_an_empty_course(tmp_path: Path) -> None:
    assert load_course(tmp_path).lessons == []
    assert load_course(tmp_path / "missing").lessons == []
    with pytest.raises(NotFoundError, match="unknown lesson"):
        load_course(tmp_path).find_lesson("1")


def test_lesson_files_without_a_course_file_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "01-a.yaml").write_text(
        "slug: a\ntitle: A\nminutes: 1\nsteps: [{id: x, type: text, body: y}]\n"
    )
    with pytest.raises(ContentError, match="there is no course.yaml"):
        load_course(tmp_path)


_PROBE = """
import sys
from pathlib import Path
from bntutor.content.course import load_course
from bntutor.content.loader import load_lesson
catalog = load_course(Path(sys.argv[1]))
for entry in catalog.lessons:
    load_lesson(entry.path)  # with the shipped registry: names and args checked
print(len(catalog.lessons), "torch" in sys.modules, "sympy" in sys.modules)
"""


def test_loading_lessons_imports_neither_torch_nor_sympy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(GOOD)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "False", "False"]
