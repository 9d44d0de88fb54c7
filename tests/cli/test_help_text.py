"""--help in the learner's language, from the message catalog: every command and option
has its help there in both languages, and a Chinese learner's help has no English prose."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command

from bntutor.cli.app import app
from bntutor.cli.help_text import help_key, wrap
from bntutor.messages import MESSAGES, catalog_problems

from .scripted import bntutor, use_home
from .test_chinese_screens import english_lines

WORDS = {"cli.usage", "cli.options", "cli.arguments", "cli.commands", "cli.help_option",
         "cli.default", "cli.required"}


def help_keys() -> set[str]:
    """The catalog key of every command and parameter of the whole app."""
    keys = set()

    def walk(command: object, path: tuple[str, ...]) -> None:
        keys.add(help_key(path))
        for param in command.params:  # type: ignore[attr-defined]
            keys.add(help_key(path, param.name))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(get_command(app), ())
    return keys


def test_every_command_and_parameter_has_its_help_in_both_languages() -> None:
    keys = help_keys()
    assert keys - set(MESSAGES) == set(), "add these help messages to data/messages.json"
    stale = {k for k in MESSAGES if k.startswith("cli.")} - keys - WORDS
    assert stale == set(), "help messages of no command or option"
    assert catalog_problems({k: MESSAGES[k] for k in keys | WORDS}) == []
    lacking = {"cli.lesson.restart": {"en": MESSAGES["cli.lesson.restart"]["en"]}}
    assert catalog_problems(lacking) == ["message cli.lesson.restart: needs both en and zh"]


@pytest.mark.parametrize("how", ["option", "env", "remembered", "locale"])
@pytest.mark.parametrize("command", [[], ["lesson"], ["quiz"], ["demo"]])
def test_help_in_chinese_has_no_english_prose(
    how: str, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_home(tmp_path / "home", monkeypatch)
    flag = ["--lang", "zh"] if how == "option" else []
    if how == "env":
        monkeypatch.setenv("BNTUTOR_LANG", "zh")
    elif how == "remembered":
        assert bntutor("config", "lang", "zh").code == 0
    elif how == "locale":
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    ran = bntutor(*flag, *command, "--help")
    assert ran.code == 0, ran.err
    assert ran.out.startswith("用法：bntutor") and "显示本帮助并退出。" in ran.out
    assert english_lines(ran.out) == []
    if command:  # `bntutor help COMMAND` says the same
        assert bntutor(*flag, "help", *command).out == ran.out
    english = bntutor("--lang", "en", *command, "--help").out
    assert english.startswith("Usage: bntutor") and english_lines(english)  # and back


def test_chinese_help_wraps_by_terminal_cells() -> None:
    text = "在任何提示符下都可以输入 :hint（提示）、:skip（跳过）、:show（显示本题要用的数据）"
    lines = wrap(text + "\n\n\b\n示例：\n  bntutor demo", 30, "  ")
    assert all(len(line.encode("gbk")) <= 30 for line in lines)  # a CJK character is 2 cells
    assert "".join(line.strip() for line in lines[:-3]) == text.replace(" ", "")
    assert lines[-3:] == ["", "  示例：", "    bntutor demo"]
