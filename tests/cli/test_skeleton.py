"""The command line as a whole: start-up imports, --version, usage errors, plain output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bntutor import __version__
from bntutor.cli.app import app
from bntutor.cli.main import run

ANSI = re.compile(r"\x1b\[")

_PROBE = """
import sys
from bntutor.cli.main import run
status = run(sys.argv[1:])
sys.stdout.flush()
print("\\nTORCH-IMPORTED" if "torch" in sys.modules else "\\nTORCH-NOT-IMPORTED")
sys.exit(status)
"""


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(BNTUTOR_HOME=str(home), COLUMNS="100", **extra)
    return env


def _probe(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        env=_env(home),
        timeout=120,
    )


@pytest.mark.parametrize("args", [["--help"], ["compute", "bn", "--help"], ["lessons"]])
def test_start_up_commands_do_not_import_torch(args: list[str], tmp_path: Path) -> None:
    done = _probe(args, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("TORCH-NOT-IMPORTED"), done.stdout[-500:]


def test_the_probe_can_see_torch(tmp_path: Path) -> None:
    """The check above is real: a command that computes does import torch."""
    done = _probe(["compute", "bn", "--values", "1;2"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("TORCH-IMPORTED")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    for flag in ("--version", "-V"):
        assert run([flag]) == 0
        assert capsys.readouterr().out.strip() == f"bntutor {__version__}"


def test_help_at_80_columns_keeps_every_description_whole(tmp_path: Path) -> None:
    env = {**_env(tmp_path), "COLUMNS": "80"}
    done = subprocess.run([sys.executable, "-m", "bntutor", "--help"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    commands = done.stdout.split("Commands:")[1]
    # click used to cut them at ~45 characters: "every..."
    assert not re.search(r"\w\.\.\.$", commands, re.MULTILINE), commands
    assert "every answer" in commands and "feeds review." in commands
    assert all(len(line) <= 80 for line in done.stdout.splitlines())
    for name in ("next", "help", "lesson", "quiz", "review"):
        assert f"\n  {name} " in commands, name


def test_help_command_shows_the_root_or_one_commands_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["help"]) == 0
    assert "Commands:" in capsys.readouterr().out
    assert run(["help", "quiz"]) == 0
    out = capsys.readouterr().out
    assert "Usage: bntutor quiz" in out and "--time-limit" in out
    assert run(["help", "nope"]) == 2
    assert "no command 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args", [["--bogus"], ["compute", "bn", "--bogus"], ["compute", "nope"], ["--lang", "fr"]]
)
def test_usage_errors_are_one_line_and_status_2(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(args) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("bntutor: error: ")


def _colour_run(tmp_path: Path, args: list[str], no_color_env: str | None = None) -> str:
    """Run with stdout forced to count as a terminal (rich reads FORCE_COLOR)."""
    env = {"FORCE_COLOR": "1", "NO_COLOR": no_color_env, "BNTUTOR_HOME": str(tmp_path)}
    result = CliRunner().invoke(
        app, [*args, "compute", "bn", "--values", "1;2;3;4"], env=env, color=True
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_colour_is_on_for_a_terminal(tmp_path: Path) -> None:
    """The control for the two tests below: forced to a terminal, rich does send escapes."""
    assert ANSI.search(_colour_run(tmp_path, []))


def test_no_color_option_gives_plain_text(tmp_path: Path) -> None:
    out = _colour_run(tmp_path, ["--no-color"])
    assert not ANSI.search(out)
    assert "[1]" in out  # highlighted cells are still marked


def test_no_color_variable_gives_plain_text(tmp_path: Path) -> None:
    assert not ANSI.search(_colour_run(tmp_path, [], no_color_env="1"))
