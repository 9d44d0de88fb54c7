"""A run joins only the command group it needs: it must behave as the whole app does."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from bntutor.cli.app import COMMAND_GROUPS, GROUPS, app, app_for, build_app, command_name

ROOT_COMMANDS = {"help"}  # defined on the root itself, in every build


def commands(groups: list[str] | tuple[str, ...]) -> set[str]:
    """The commands the groups add to the root's own."""
    built = set(get_command(build_app(groups)).commands)  # type: ignore[attr-defined]
    return built - ROOT_COMMANDS


@pytest.mark.parametrize("group", GROUPS)
def test_every_command_is_mapped_to_the_group_that_defines_it(group: str) -> None:
    mapped = {name for name, owner in COMMAND_GROUPS.items() if owner == group}
    assert commands([group]) == mapped, f"update COMMAND_GROUPS in bntutor/cli/app.py for {group}"


def test_the_whole_app_has_every_group() -> None:
    whole = set(get_command(app).commands)  # type: ignore[attr-defined]
    assert whole == set(COMMAND_GROUPS) | ROOT_COMMANDS


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        ([], None),
        (["--no-color"], None),
        (["lessons"], "lessons"),
        (["--home", "lessons", "lesson", "2"], "lesson"),  # the value of --home is no command
        (["--home=x", "--lang", "zh", "quiz", "-n", "3"], "quiz"),
        (["--debug", "--help", "lessons"], "--help"),
        (["-h"], "--help"),
        (["lesson", "--help"], "lesson"),
    ],
)
def test_command_name(argv: list[str], name: str | None) -> None:
    assert command_name(argv) == name


@pytest.mark.parametrize(
    ("argv", "groups"),
    [
        ([], {"lessons"}),  # the home screen
        (["lessons"], {"lessons"}),
        (["--lang", "zh", "review"], {"quiz"}),
        (["--help"], set()),  # its command list is read from the catalog
        (["no-such-command"], set(GROUPS)),
        (["help", "quiz"], set(GROUPS)),
    ],
)
def test_app_for_joins_what_the_command_needs(argv: list[str], groups: set[str]) -> None:
    expected = set().union(*(commands([g]) for g in groups)) | ROOT_COMMANDS
    assert set(get_command(app_for(argv)).commands) == expected  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["lessons"],
        ["--lang", "zh", "lessons"],
        ["lesson", "--help"],
        ["lesson"],
        ["compute", "bn", "--help"],
        ["compute", "bn", "--values", "1;2", "--layout", "XY"],
        ["progress", "--json"],
        ["quiz", "--help"],
        ["--help"],
        ["help"],
        ["help", "lessons"],
        ["next", "--help"],
        ["--version"],
        ["no-such-command"],
        ["lessons", "extra"],
    ],
)
def test_runs_the_same_as_the_whole_app(argv: list[str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BNTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "100")
    results = [
        CliRunner().invoke(built, argv, prog_name="bntutor") for built in (app_for(argv), app)
    ]
    ours, whole = results
    assert (ours.exit_code, ours.output) == (whole.exit_code, whole.output)
    assert type(ours.exception) is type(whole.exception)
