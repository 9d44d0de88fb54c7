"""`bntutor validate`: located problems on stderr, a summary, exit 3 when anything fails."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bntutor.cli.main import run
from bntutor.errors import ExitStatus

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOOD = Path("content/good")  # paths below are relative to FIXTURES, where the tests run


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)


def _validate(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str, str]:
    status = run(["validate", *map(str, paths)])
    out, err = capsys.readouterr()
    return status, out, err


def test_good_content_passes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _validate(capsys, GOOD)
    assert (status, err) == (0, "")
    assert out.strip() == "2 lessons, 1 bank, 12 questions: OK"


def test_single_files_and_directories(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _validate(
        capsys, GOOD / "lessons" / "02-penalties.yaml", GOOD / "data" / "questions"
    )
    assert status == 0
    assert out.strip() == "1 lesson, 1 bank, 5 questions: OK"


def test_every_problem_is_listed_with_its_location(capsys: pytest.CaptureFixture[str]) -> None:
    bad = Path("lessons/bad")
    status, out, err = _validate(
        capsys, bad / "unknown-field.yaml", bad / "duplicate-step-id.yaml", bad / "malformed.yaml"
    )
    assert status == ExitStatus.CONTENT
    lines = err.strip().splitlines()
    assert lines == [
        f"{bad / 'unknown-field.yaml'}:10: step typo: unknown field 'bodyy' (did you mean 'body'?)",
        f"{bad / 'duplicate-step-id.yaml'}:11: step intro: duplicate step id 'intro' "
        "(first used on line 5)",
        f"{bad / 'malformed.yaml'}:8: malformed YAML: did not find expected ',' or ']'",
        "bntutor: error: 3 problems in the content; each is listed above as file:line",
    ]
    assert out.strip() == "3 lessons, 0 banks, 0 questions: 3 problems"


def test_course_and_bank_problems(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _validate(capsys, Path("courses/missing-file"), Path("banks/dup-ids"))
    assert status == ExitStatus.CONTENT
    assert "courses/missing-file/course.yaml:4: no lesson file for 'ghost'" in err
    assert "banks/dup-ids/b.yaml:8: question shared-id: question id 'shared-id' is also used" in err
    assert err.strip().splitlines()[-1] == (
        "bntutor: error: 3 problems in the content; each is listed above as file:line"
    )


def test_a_question_whose_answer_fails_its_checker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lessons = tmp_path / "lessons"
    shutil.copytree(GOOD / "lessons", lessons)
    path = lessons / "01-column-stats.yaml"
    # a feedback rule that is the right answer itself
    path.write_text(path.read_text().replace("      - answer: 2.236\n", "      - answer: 5.0\n"))
    status, _, err = _validate(capsys, lessons)
    assert status == ExitStatus.CONTENT
    assert f"{path}:26: step q-var: its own answer '5' is not accepted by its checker" in err


def test_paths_inside_the_working_dir_are_shown_relative(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, err = _validate(capsys, FIXTURES / "lessons" / "bad" / "empty.yaml")
    assert status == ExitStatus.CONTENT
    assert err.startswith("lessons/bad/empty.yaml:1: the file is empty\n")


def test_a_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = _validate(capsys, tmp_path / "nothing-here")
    assert status == ExitStatus.CONTENT
    assert "nothing-here: no such file or directory" in err


def test_the_shipped_content_validates(capsys: pytest.CaptureFixture[str]) -> None:
    """With no paths: the shipped lessons and banks, wherever the command runs from."""
    status, out, err = _validate(capsys)
    assert status == 0, err
    assert out.strip().endswith(": OK")


def test_control_characters_in_lessons_and_banks_are_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """YAML refuses raw control bytes, but its escapes make them: \\e clears the screen."""
    lessons = tmp_path / "lessons"
    shutil.copytree(GOOD / "lessons", lessons)
    lesson = lessons / "01-column-stats.yaml"
    hint = '"Add the column and divide by 4."'
    lesson.write_text(lesson.read_text().replace(hint, '"Add \\e[2J\\e]0;pwned\\a it up."'))
    bank = tmp_path / "questions" / "bank.yaml"
    bank.parent.mkdir()
    bank.write_text('format_version: 1\nquestions:\n  - id: csi\n    topic: t\n    kind: text\n'
                    '    prompt: "a \\x9b2J b"\n    answer: x\n')
    status, _, err = _validate(capsys, lessons, bank.parent)
    assert status == ExitStatus.CONTENT
    problems = err.strip().splitlines()
    assert (f"{lesson}:20: step q-mean: a control character U+001B (ESC) in steps.2.hints.0.en"
            in err)
    assert len(problems) == 3, problems  # the lesson, the bank, the summary
    assert f"{bank}:6: question csi: a control character U+009B (CSI) in questions.0.prompt" in err


def test_the_bank_lint_fails_a_biased_bank_and_passes_the_shipped_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _, err = _validate(capsys, Path("banks/longest/biased.yaml"))
    assert status == ExitStatus.CONTENT
    lines = err.splitlines()
    assert lines[0].startswith(
        "banks/longest/biased.yaml:13: the right option is the longest in 3 of 4 choice"
    )
    assert "banks/longest/biased.yaml:46: question all-right: a multi-answer key" in err
    monkeypatch.chdir(Path(__file__).parent.parent.parent)
    status, out, err = _validate(capsys)  # the shipped lessons and banks
    assert (status, err) == (0, ""), err


def test_a_folder_with_nothing_to_check_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("not content\n", encoding="utf-8")
    status, out, err = _validate(capsys, tmp_path)
    assert status == ExitStatus.CONTENT
    assert err.startswith(f"{tmp_path}: no course.yaml, lessons or question banks in this folder")
    assert "OK" not in out


def test_a_text_without_chinese_and_a_placeholder_mismatch_are_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / "questions" / "bank.yaml"
    bank.parent.mkdir()
    bank.write_text(
        "format_version: 1\nquestions:\n"
        "  - id: no-zh\n    topic: t\n    kind: numeric\n"
        '    prompt: "What is the mean of 2, 4 and 9?"\n    answer: 5\n'
        "  - id: half-zh\n    topic: t\n    kind: numeric\n"
        '    prompt: {en: "The mean of 2, 4 and 9?"}\n    answer: 5\n'
        "  - id: swapped\n    topic: t\n    kind: numeric\n"
        '    prompt: {en: "The mean of {values}?", zh: "{numbers} 的均值是多少？"}\n'
        "    answer: 5\n"
        "  - id: latex-is-no-placeholder\n    topic: t\n    kind: numeric\n"
        '    prompt: {en: "Is $\\\\frac{a}{b}$ 5?", zh: "$\\\\frac{a}{b}$ 是 5 吗？"}\n'
        "    answer: 5\n",
        encoding="utf-8")
    status, _, err = _validate(capsys, bank.parent)
    assert status == ExitStatus.CONTENT
    problems = err.strip().splitlines()
    assert problems[:3] == [
        f"{bank}:6: question no-zh: English only: write it as {{en: ..., zh: ...}} in"
        " questions.0.prompt",
        f"{bank}:11: question half-zh: no Chinese (zh) text in questions.1.prompt",
        f"{bank}:16: question swapped: en and zh name different placeholders: en ['values'],"
        " zh ['numbers'] in questions.2.prompt",
    ]
    assert len(problems) == 4, problems  # and the summary line: the LaTeX one is fine


def test_an_interface_message_whose_languages_disagree_fails_validate(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bntutor import messages

    bad = {**messages.MESSAGES, "demo.bad": {"en": "step {k} of {n}", "zh": "第 {k} 步"}}
    monkeypatch.setattr(messages, "MESSAGES", bad)
    status, _, err = _validate(capsys)
    assert status == ExitStatus.CONTENT
    assert "message demo.bad: en and zh name different placeholders: en ['k', 'n'], zh ['k']" \
        in err
    assert messages.catalog_problems({"x": {"en": "a"}}) == ["message x: needs both en and zh"]


def test_demo_problems_are_located_without_running_the_demo(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = Path("demos/bad")
    status, out, err = _validate(capsys, bad)
    assert status == ExitStatus.CONTENT
    lines = err.strip().splitlines()
    demo = bad / "bad-arg.yaml"
    assert lines[0] == (f"{demo}:12: step predict: bad argument 'batch' for computation "
                        "'similar_batch': Input should be greater than or equal to 4")
    assert f"{demo}:16: step quote: computation 'bn_column' has no value 'meen' (did you " \
           "mean 'mean'?) in steps.2.after" in lines
    assert f"{demo}:16: step quote: computation 'bn_column' has no argument 'sample' (its " \
           "arguments: seed, samples, features, column, low, high, eps, gamma, beta, values, " \
           "show, quick) in steps.2.after" in lines
    assert f"{demo}:16: step quote: en and zh name different placeholders: en ['args[sample]', " \
           "'meen'], zh ['meen'] in steps.2.after" in lines
    assert f"{demo}:22: step seeded: argument 'seed' is set by `bntutor demo --seed` (leave " \
           "it out of the demo)" in lines
    assert any(line.startswith(f"{demo}:28: step cases: computation 'fold_bn' has no value "
                               "'speed'") for line in lines)
    assert f"{demo}:23: step seeded: no Chinese (zh) text in steps.3.body" in lines
    assert f"{bad / 'missing.yaml'}: no such file" in lines  # listed in demos.yaml
    assert out.strip() == "0 lessons, 0 banks, 0 questions, 2 demos: 8 problems"


def test_the_shipped_demos_pass(capsys: pytest.CaptureFixture[str]) -> None:
    from bntutor.content.demos import demos_dir

    status, out, err = _validate(capsys, demos_dir())
    assert (status, err) == (0, "")
    assert out.strip() == "0 lessons, 0 banks, 0 questions, 10 demos: OK"
