"""Bad input of every kind: one `bntutor: error:` line, a non-zero status, nothing saved lost.

Most cases run the error boundary in this process (``run``) on a small course written
here, so they do not depend on the shipped lessons; a few need a real process (a closed
stdout, what reaches the real stdin).
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bntutor.cli import _overview
from bntutor.cli._answers import answer_lines
from bntutor.cli.main import run
from bntutor.errors import BadInputError, ExitStatus
from bntutor.store.store import FILE_NAME, Store

COURSE = {
    "course.yaml": """
        format_version: 1
        title: Bad input course
        lessons: [two-questions]
    """,
    "01-two-questions.yaml": """
        slug: two-questions
        title: Two questions
        minutes: 1
        steps:
          - id: q-one
            type: question
            kind: numeric
            prompt: "1 + 1 = ?"
            answer: 2
          - id: q-gamma
            type: question
            kind: expression
            prompt: "Which gamma undoes BN? Use sigma and epsilon."
            answer: "sqrt(sigma^2 + epsilon)"
            variables: [sigma, epsilon]
          - id: outro
            type: text
            body: "Done."
    """,
}


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    course = tmp_path / "course"
    course.mkdir()
    for name, text in COURSE.items():
        (course / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    home = tmp_path / "home"
    for name in ("BNTUTOR_DEBUG", "BNTUTOR_NOW", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BNTUTOR_HOME", str(home))
    monkeypatch.setenv("BNTUTOR_LESSONS", str(course))
    monkeypatch.setenv("COLUMNS", "100")
    return home


@pytest.fixture
def bntutor(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[object]:
    def call(*args: str, stdin: bytes = b"") -> Ran:
        stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", stream)
        code = run(list(args))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    yield call


def one_error_line(ran: Ran) -> str:
    """The single `bntutor: error:` line of stderr (other lines may be warnings)."""
    lines = [line for line in ran.err.splitlines() if line.startswith("bntutor: error: ")]
    assert len(lines) == 1, ran.err
    assert "Traceback" not in ran.err
    return lines[0]


def completed_steps(home: Path) -> tuple[str, ...]:
    with Store.open(home) as store:
        saved = store.get_progress("two-questions")
    return () if saved is None else saved.completed_step_ids


# -- answers that no one could have typed --------------------------------------------


@pytest.mark.parametrize(
    ("garbage", "what"),
    [
        (b"binary \xff\xfe\n", "not UTF-8 text"),
        (b"\x00\x00\x00\x00\n", "not text (binary bytes)"),
        (b"1" * 10_001 + b"\n", "longer than 10,000 characters"),
    ],
)
def test_an_unreadable_answers_file_stops_with_the_line_and_keeps_saved_steps(
    home: Path, tmp_path: Path, bntutor: object, garbage: bytes, what: str
) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_bytes(b"2\n" + garbage)
    ran = bntutor("lesson", "1", "--answers", str(answers))  # type: ignore[operator]
    assert ran.code == ExitStatus.BAD_INPUT
    line = one_error_line(ran)
    assert what in line and f"{answers}:2" in line
    assert "111111" not in ran.out  # the long line is not echoed
    assert completed_steps(home) == ("q-one",)  # answered before the bad line: kept


def test_piped_stdin_that_is_not_text_is_a_located_error(home: Path, bntutor: object) -> None:
    ran = bntutor("lesson", "1", stdin=b"2\n\xff\xfe\x80\n")  # type: ignore[operator]
    assert ran.code == ExitStatus.BAD_INPUT, ran.err
    assert "standard input, line 2" in one_error_line(ran)
    assert completed_steps(home) == ("q-one",)


def test_text_stdin_with_undecodable_bytes_is_refused(
    home: Path, bntutor: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stdin without bytes underneath, as a C locale decodes them (surrogateescape)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("2\n\udcff\udcfe\n"))
    code = run(["lesson", "1"])
    assert code == ExitStatus.BAD_INPUT
    assert "not text" in capsys.readouterr().err
    assert completed_steps(home) == ("q-one",)


def test_an_endless_line_is_refused_after_a_bounded_read() -> None:
    """`--answers /dev/zero`: the reader stops at the limit instead of filling memory."""
    zeros = io.BytesIO(b"\0" * 10_000_000)
    lines = answer_lines(zeros, "zeros", max_line=100)
    with pytest.raises(BadInputError, match="not text") as caught:
        next(lines)
    assert caught.value.where == "zeros:1"
    assert zeros.tell() <= 4 * 100 + 2


def test_a_huge_stdin_line_stops_the_quiz_too(home: Path, bntutor: object) -> None:
    ran = bntutor("quiz", "-n", "1", "--seed", "1", stdin=b"x" * 50_000 + b"\n")  # type: ignore[operator]
    assert ran.code == ExitStatus.BAD_INPUT
    assert "standard input, line 1" in one_error_line(ran)


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_review_checks_its_answers_file_even_with_nothing_due(
    home: Path, tmp_path: Path, bntutor: object, kind: str
) -> None:
    path = tmp_path / "answers"
    if kind == "directory":
        path.mkdir()
    ran = bntutor("review", "--answers", str(path))  # type: ignore[operator]
    assert ran.code == ExitStatus.BAD_INPUT
    assert "cannot read the answers file" in one_error_line(ran)


@pytest.mark.parametrize("formula", ["exp(exp(exp(exp(1000))))", "1e309*sigma"])
def test_a_formula_that_overflows_gets_a_verdict(home: Path, bntutor: object, formula: str) -> None:
    ran = bntutor(  # type: ignore[operator]
        "lesson", "1", "--json", stdin=f"2\n{formula}\n:skip\n".encode()
    )
    assert ran.code == ExitStatus.OK, ran.err
    assert "too large to check" in ran.out
    assert completed_steps(home) == ("q-one", "q-gamma", "outro")


# -- interruptions and closed streams ---------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "text"), [(KeyboardInterrupt, "interrupted"), (EOFError, "end of input")]
)
def test_ctrl_c_outside_a_lesson_is_one_line_and_130(
    home: Path, bntutor: object, monkeypatch: pytest.MonkeyPatch,
    exc: type[BaseException], text: str,
) -> None:
    def stop(*_: object) -> None:
        raise exc

    monkeypatch.setattr(_overview, "show_lessons", stop)
    ran = bntutor("lessons")  # type: ignore[operator]
    assert ran.code == ExitStatus.INTERRUPTED
    assert one_error_line(ran) == f"bntutor: error: {text}"


def test_closed_stderr_still_gives_the_status(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", None)
    assert run(["lesson", "9"]) == ExitStatus.NOT_FOUND


def _script() -> str:
    beside = Path(sys.executable).parent / "bntutor"
    return str(beside) if beside.exists() else "bntutor"


@pytest.mark.parametrize("args", [[], ["lessons"], ["progress"]])
def test_stdout_closed_early_is_quiet(home: Path, args: list[str]) -> None:
    """`bntutor ... | head -1`: the reader went away; no error, no traceback."""
    proc = subprocess.Popen(
        [_script(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, env=os.environ.copy(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the first write: python takes far longer to start
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == ExitStatus.OK, err
    assert err == ""


# -- content and configuration ----------------------------------------------------------


def test_yaml_aliases_that_explode_are_a_content_error(
    home: Path, tmp_path: Path, bntutor: object
) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 6)]
    bomb = tmp_path / "bomb.yaml"  # 7 lines, a million values (one more line: ten million)
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ran = bntutor("validate", str(bomb))  # type: ignore[operator]
    assert ran.code == ExitStatus.CONTENT
    assert "expands to more than 100,000 values" in ran.err
    one_error_line(ran)


@pytest.mark.parametrize("command", [["lessons"], ["lesson", "1"], ["validate"]])
def test_lessons_dir_that_is_not_a_directory(
    home: Path, tmp_path: Path, bntutor: object, monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    monkeypatch.setenv("BNTUTOR_LESSONS", str(tmp_path / "no-such-course"))
    ran = bntutor(*command)  # type: ignore[operator]
    assert ran.code == ExitStatus.CONTENT
    assert "BNTUTOR_LESSONS is not a directory" in one_error_line(ran)


# -- the database ---------------------------------------------------------------------


def test_a_locked_database_stops_the_quiz_before_the_first_question(
    home: Path, bntutor: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert bntutor("lesson", "1", stdin=b"2\n").code == ExitStatus.INTERRUPTED  # type: ignore[operator]
    opened = Store.open.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(  # wait a moment for the lock, not the learner's 5 s
        Store, "open", classmethod(lambda cls, path, clock=None, **_: opened(
            cls, path, *(() if clock is None else (clock,)), busy_timeout=0.2))
    )
    holder = sqlite3.connect(home / FILE_NAME, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        ran = bntutor("quiz", "-n", "1", "--seed", "1", stdin=b"a\n")  # type: ignore[operator]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert ran.code == ExitStatus.STORE
    assert "database is locked" in one_error_line(ran)
    assert "Question" not in ran.out  # nothing asked, so no answer is lost
    assert completed_steps(home) == ("q-one",)


def test_debug_shows_the_traceback(home: Path, bntutor: object) -> None:
    with pytest.raises(Exception, match="unknown lesson"):
        bntutor("--debug", "lesson", "9")  # type: ignore[operator]


# -- control characters: shown, never obeyed --------------------------------------------

INJECTED = "\x1b[2J\x1b]0;pwned\x07"  # clear the screen, set the window title


@pytest.mark.parametrize("via", ["answers file", "stdin"])
def test_control_sequences_in_answers_are_shown_not_obeyed(
    home: Path, tmp_path: Path, bntutor: object, via: str
) -> None:
    answers = f"{INJECTED}\n2\n\x9b31m sigma\n:skip\n".encode()
    if via == "stdin":
        ran = bntutor("lesson", "1", stdin=answers)  # type: ignore[operator]
    else:
        path = tmp_path / "answers.txt"
        path.write_bytes(answers)
        ran = bntutor("lesson", "1", "--answers", str(path))  # type: ignore[operator]
    assert ran.code == ExitStatus.OK, ran.err
    shown = ran.out + ran.err
    assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown
    assert "␛[2J␛]0;pwned␇" in ran.out  # the echo of what was read
    assert completed_steps(home) == ("q-one", "q-gamma", "outro")


def test_the_quiz_report_shows_control_characters_visibly(
    home: Path, tmp_path: Path, bntutor: object
) -> None:
    path = tmp_path / "answers.txt"
    path.write_bytes(f"{INJECTED}\n\x1b[31mred\n".encode())
    ran = bntutor("quiz", "-n", "2", "--seed", "1", "--answers", str(path))  # type: ignore[operator]
    assert ran.code == ExitStatus.OK, ran.err
    assert "\x1b" not in ran.out + ran.err
    assert "you said: ␛[2J␛]0;pwned␇" in ran.out and "you said: ␛[31mred" in ran.out


def test_an_error_line_never_carries_a_control_sequence(home: Path, bntutor: object) -> None:
    ran = bntutor("lesson", f"nope{INJECTED}")  # type: ignore[operator]
    assert ran.code == ExitStatus.NOT_FOUND
    assert "\x1b" not in ran.err and "nope" in one_error_line(ran)


# -- what used to end in "unexpected ...": each is a line in words and its status ---------


def test_a_negative_seed_is_bad_input(home: Path, bntutor: object) -> None:
    ran = bntutor("compute", "bn", "--shape", "4,2", "--seed", "-1")  # type: ignore[operator]
    assert ran.code == ExitStatus.BAD_INPUT
    assert "--seed" in one_error_line(ran) and "unexpected" not in ran.err


@pytest.mark.parametrize("command", [["lessons"], ["progress"], ["lesson", "1"], []])
def test_a_home_whose_name_is_too_long_is_a_store_error(
    home: Path, tmp_path: Path, bntutor: object, command: list[str]
) -> None:
    too_long = tmp_path / ("a" * 300)
    ran = bntutor("--home", str(too_long), *command, stdin=b"2\n")  # type: ignore[operator]
    assert ran.code == ExitStatus.STORE
    assert "cannot use the home directory" in one_error_line(ran)


def test_a_closed_stdin_is_the_end_of_input(
    home: Path, bntutor: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python makes of `bntutor lesson 1 <&-`
    code = run(["lesson", "1"])
    err = capsys.readouterr().err
    assert code == ExitStatus.INTERRUPTED, err
    assert "unexpected" not in err and "resume with" in err


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
def test_an_answers_file_that_fails_to_read_is_bad_input(home: Path, bntutor: object) -> None:
    ran = bntutor("lesson", "1", "--answers", "/proc/self/mem")  # type: ignore[operator]
    assert ran.code == ExitStatus.BAD_INPUT
    assert "cannot read the answers" in one_error_line(ran)


@pytest.mark.parametrize("moment", ["9999-12-31T23:59", "0001-01-01"])
def test_a_clock_set_where_review_dates_cannot_be_is_bad_input(
    home: Path, bntutor: object, monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    monkeypatch.setenv("BNTUTOR_NOW", moment)
    ran = bntutor("lesson", "1", stdin=b"2\n")  # type: ignore[operator]
    assert ran.code == ExitStatus.BAD_INPUT
    assert "BNTUTOR_NOW" in one_error_line(ran)


@pytest.mark.parametrize("command", [["progress"], ["progress", "--json"], ["lessons"]])
def test_a_home_that_is_a_file_is_a_store_error(
    home: Path, tmp_path: Path, bntutor: object, command: list[str]
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a directory\n", encoding="utf-8")
    ran = bntutor("--home", str(a_file), *command)  # type: ignore[operator]
    assert ran.code == ExitStatus.STORE
    assert "the home directory is a file" in one_error_line(ran) and ran.out == ""


def test_the_home_error_is_said_in_the_learners_language(
    home: Path, tmp_path: Path, bntutor: object
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    ran = bntutor("--lang", "zh", "--home", str(a_file), "progress")  # type: ignore[operator]
    assert ran.code == ExitStatus.STORE
    assert "数据目录的位置上是一个文件" in one_error_line(ran) and "BNTUTOR_HOME" in ran.err
