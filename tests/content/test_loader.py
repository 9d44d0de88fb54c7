"""The loader: every kind of authoring mistake is reported with its file, line and step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bntutor.content._texts import MAX_FILE_BYTES, MAX_TEXT
from bntutor.content.loader import check_lesson_file, load_lesson
from bntutor.content.models import ComputeStep, QuestionStep
from bntutor.errors import ContentError, ExitStatus

from .fake_live import fake_registry

BAD = Path(__file__).parent.parent / "fixtures" / "lessons" / "bad"
GOOD = Path(__file__).parent.parent / "fixtures" / "content" / "good" / "lessons"

# file, line, step id, words in the message, words in the hint
CASES = [
    ("malformed.yaml", 8, None, "malformed YAML", None),
    ("unknown-field.yaml", 10, "typo", "unknown field 'bodyy'", "did you mean 'body'?"),
    ("unknown-step-type.yaml", 9, "quizzy", "unknown step type 'quiz'", "text, compute, question"),
    ("unknown-kind.yaml", 7, "q1", "unknown question kind 'numerik'", "did you mean 'numeric'?"),
    ("missing-field.yaml", 8, "q-no-answer", "missing field 'answer'", None),
    ("wrong-type.yaml", 13, "q-tol", "'tolerance.abs'", None),
    ("duplicate-step-id.yaml", 11, "intro", "duplicate step id 'intro'", "line 5"),
    ("unknown-computation.yaml", 10, "show", "unknown computation 'stat'", "did you mean 'stats'?"),
    ("bad-args.yaml", 10, "show", "bad argument 'n'", None),
    ("unknown-value.yaml", 12, "q-mean", "has no value 'meen'", "did you mean 'mean'?"),
    ("bad-feedback-ref.yaml", 13, "q-var", "bad argument 'sed'", None),
    ("choice-out-of-range.yaml", 10, "q-pick", "one option id (a, b, c), not 'd'", None),
    ("bad-reveal.yaml", 11, "guess", "unknown computation 'statz'", "did you mean 'stats'?"),
    ("bad-expression.yaml", 10, "grad", "unknown name 'x'", None),
    ("duplicate-key.yaml", 8, None, "duplicate key 'body'", None),
    ("not-a-mapping.yaml", 1, None, "must be a mapping", None),
    ("empty.yaml", 1, None, "the file is empty", None),
    ("bad-lang.yaml", 4, None, "unknown key 'fr' in title", "en, zh"),
]


@pytest.mark.parametrize(("name", "line", "step", "what", "hint"), CASES)
def test_each_mistake_is_located(
    name: str, line: int, step: str | None, what: str, hint: str | None
) -> None:
    errors = check_lesson_file(BAD / name, fake_registry()).errors
    assert len(errors) == 1, [e.one_line() for e in errors]
    error = errors[0]
    assert error.file == str(BAD / name)
    assert (error.line, error.step) == (line, step)
    assert what in error.what
    if hint is not None:
        assert error.hint is not None and hint in error.hint


@pytest.mark.parametrize(("name", "line", "step", "what", "hint"), CASES)
def test_load_lesson_raises_the_located_error(
    name: str, line: int, step: str | None, what: str, hint: str | None
) -> None:
    with pytest.raises(ContentError) as caught:
        load_lesson(BAD / name, fake_registry())
    assert caught.value.line == line
    assert caught.value.status == ExitStatus.CONTENT
    where = caught.value.where or ""
    assert where.startswith(f"{BAD / name}:{line}")
    if step:
        assert where.endswith(f"step {step}")


def test_all_errors_of_a_file_are_collected_in_line_order() -> None:
    errors = check_lesson_file(BAD / "many-errors.yaml", fake_registry()).errors
    assert [(e.line, e.step) for e in errors] == [(7, "a"), (10, "b"), (11, "a"), (16, "a")]
    assert "unknown field 'bodyy'" in errors[0].what
    assert "unknown computation 'nope'" in errors[1].what
    assert "duplicate step id 'a'" in errors[2].what
    assert "not 'z'" in errors[3].what
    with pytest.raises(ContentError) as caught:
        load_lesson(BAD / "many-errors.yaml", fake_registry())
    assert caught.value.line == 7


def test_without_a_registry_computations_are_not_checked() -> None:
    assert check_lesson_file(BAD / "unknown-computation.yaml", None).errors == []
    assert check_lesson_file(BAD / "unknown-field.yaml", None).errors != []


def test_a_missing_or_undecodable_file_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="no such file"):
        load_lesson(tmp_path / "nope.yaml", fake_registry())
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"slug: caf\xe9\n")
    with pytest.raises(ContentError, match="not UTF-8"):
        load_lesson(latin, fake_registry())


def test_a_tab_in_the_indentation_is_malformed_yaml_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "tabs.yaml"
    path.write_text("slug: tabs\ntitle: T\nminutes: 2\nsteps:\n\t- id: x\n")
    errors = check_lesson_file(path, fake_registry()).errors
    assert len(errors) == 1 and errors[0].line == 5 and "malformed YAML" in errors[0].what


def test_a_file_named_nn_slug_must_carry_that_slug(tmp_path: Path) -> None:
    path = tmp_path / "03-right-name.yaml"
    path.write_text(
        "title: T\nminutes: 2\nslug: wrong-name\nsteps:\n  - {id: a, type: text, body: b}\n"
    )
    errors = check_lesson_file(path, fake_registry()).errors
    assert [(e.line, e.what) for e in errors] == [
        (3, "slug 'wrong-name' differs from the file name '03-right-name.yaml'")
    ]


def test_yaml_booleans_in_a_text_answer_get_a_quoting_hint(tmp_path: Path) -> None:
    path = tmp_path / "bool.yaml"
    path.write_text(
        "slug: b\ntitle: T\nminutes: 2\nsteps:\n"
        "  - id: q\n    type: question\n    kind: text\n    prompt: p\n    answer: yes\n"
    )
    (error,) = check_lesson_file(path, fake_registry()).errors
    assert error.line == 9 and error.hint is not None and "quotes" in error.hint


def test_a_liveref_type_mistake_lists_what_would_do(tmp_path: Path) -> None:
    path = tmp_path / "ref.yaml"
    path.write_text(
        "slug: r\ntitle: T\nminutes: 2\nsteps:\n"
        "  - id: q\n    type: question\n    kind: numeric\n    prompt: p\n    answer: null\n"
    )
    (error,) = check_lesson_file(path, fake_registry()).errors
    assert error.line == 9 and error.step == "q"
    assert "a number" in error.what and "{compute, args, value}" in error.what


def test_a_good_lesson_loads_into_typed_steps() -> None:
    lesson = load_lesson(GOOD / "01-column-stats.yaml")  # the shipped registry
    assert lesson.slug == "column-stats"
    assert [s.id for s in lesson.steps][:3] == ["intro", "batch", "q-mean"]
    assert isinstance(lesson.steps[1], ComputeStep)
    question = lesson.steps[3]
    assert isinstance(question, QuestionStep) and question.kind == "numeric"
    assert question.tolerance.abs == 0.001


def test_whole_question_rules_point_at_the_field_they_name(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "slug: r\ntitle: T\nminutes: 2\nsteps:\n"
        "  - id: q\n    type: question\n    kind: numeric\n    prompt: p\n    answer: 1\n"
        "    options: [a, b]\n"
        "  - id: c\n    type: question\n    kind: choice\n    prompt: p\n    answer: a\n"
    )
    errors = check_lesson_file(path, fake_registry()).errors
    assert [(e.line, e.step, e.what) for e in errors] == [
        (10, "q", "options only apply to choice and multi questions, not numeric"),
        (11, "c", "a choice question needs options"),
    ]


def _text_lesson(path: Path, bodies: list[str]) -> Path:
    steps = "".join(f"  - id: s{i}\n    type: text\n    body: {json.dumps(body)}\n"
                    for i, body in enumerate(bodies))
    path.write_text(f"slug: big\ntitle: T\nminutes: 2\nsteps:\n{steps}", encoding="utf-8")
    return path


def test_a_file_beyond_the_size_cap_is_a_content_error(tmp_path: Path) -> None:
    path = _text_lesson(tmp_path / "big.yaml", ["word " * 3000] * (MAX_FILE_BYTES // 15000 + 1))
    assert path.stat().st_size > MAX_FILE_BYTES
    (error,) = check_lesson_file(path, fake_registry()).errors
    assert error.file == str(path) and "larger than 1,024 KiB" in error.what


def test_a_text_beyond_the_length_cap_is_located(tmp_path: Path) -> None:
    path = _text_lesson(tmp_path / "long.yaml", ["fine", "x" * (MAX_TEXT + 1)])
    (error,) = check_lesson_file(path, fake_registry()).errors
    assert (error.line, error.step) == (10, "s1")
    assert f"a text of {MAX_TEXT + 1:,} characters" in error.what and "steps.1.body" in error.what


def test_a_lesson_at_the_caps_loads(tmp_path: Path) -> None:
    n = MAX_FILE_BYTES // (MAX_TEXT + 100)
    path = _text_lesson(tmp_path / "max.yaml", ["`" * 3 + "a" * (MAX_TEXT - 3)] * n)
    assert path.stat().st_size <= MAX_FILE_BYTES
    assert len(load_lesson(path, fake_registry()).steps) == n
