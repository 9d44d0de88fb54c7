"""The home screen and `bntutor lessons` run without typer: they must say exactly what the
typer app says for the same arguments, and leave every other argument list to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bntutor.cli import main
from bntutor.cli._listing import listing_argv

from .scripted import Ran, answers_file, bntutor, use_home

LESSONS = Path(__file__).resolve().parent.parent / "fixtures" / "player" / "lessons"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = use_home(tmp_path / "home", monkeypatch, BNTUTOR_LESSONS=str(LESSONS))
    bntutor("lesson", "1", "--answers", answers_file(tmp_path, "5"))  # progress in a database
    return home


def through_typer(args: list[str], monkeypatch: pytest.MonkeyPatch) -> Ran:
    with monkeypatch.context() as patched:
        patched.setattr(main, "listing_argv", lambda argv: None)
        return bntutor(*args)


@pytest.mark.parametrize(
    "args",
    [[], ["lessons"], ["--lang", "zh"], ["--lang=zh", "lessons"], ["--no-color", "lessons"],
     ["--debug", "--lang", "en"], ["--home", "HOME", "lessons"], ["--home=HOME"]],
)
@pytest.mark.parametrize("colour", ["", "1"])
def test_a_listing_says_what_the_typer_app_says(
    args: list[str], colour: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", colour)  # "1": a terminal, so styles are written
    args = [arg.replace("HOME", str(home)) for arg in args]
    assert listing_argv(args) is not None
    fast, typer = bntutor(*args), through_typer(args, monkeypatch)
    assert (fast.code, fast.out, fast.err) == (typer.code, typer.out, typer.err)
    assert "fixture-basics" in fast.out and ("\x1b[" in fast.out) == (colour == "1"
                                                                      and "--no-color" not in args)


@pytest.mark.parametrize(
    "args",
    [["--help"], ["lessons", "--help"], ["-V"], ["lesson", "1"], ["lessons", "extra"],
     ["--lang", "xx"], ["--lang", "en", "--lang", "zh"], ["--home"], ["--home=", "lessons"],
     ["--home", "--lang", "zh"], ["--no-colour"], ["--no-color", "--no-color"], ["help"]],
)
def test_anything_else_goes_to_the_typer_app(args: list[str]) -> None:
    assert listing_argv(args) is None


def test_a_bad_home_is_the_same_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                home: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    args = ["--home", str(a_file / "home"), "lessons"]
    fast, typer = bntutor(*args), through_typer(args, monkeypatch)
    assert (fast.code, fast.out, fast.err) == (typer.code, typer.out, typer.err)
