"""The README stays true: the topics and commands its examples name exist."""

from __future__ import annotations

import re
from pathlib import Path

from bntutor.cli.main import run
from bntutor.quiz.topics import TOPICS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_topic_the_readme_names_exists() -> None:
    named = re.findall(r"--topic ([a-z0-9-]+)", README)
    assert named, "the README shows a topic example"
    assert [t for t in named if t not in TOPICS] == []


def test_every_command_of_the_readme_table_exists(capsys: object) -> None:
    commands = set(re.findall(r"^\| `bntutor ([a-z]+)", README, re.MULTILINE))
    assert {"lesson", "next", "quiz", "review", "help"} <= commands
    for command in sorted(commands):
        assert run([command, "--help"]) == 0, command
