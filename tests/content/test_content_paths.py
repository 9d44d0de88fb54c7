"""Where shipped content is found: the checkout's dirs, else the installed package's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bntutor
from bntutor import shipped
from bntutor.content import paths


def test_in_a_checkout_the_top_level_dirs_are_used() -> None:
    root = Path(bntutor.__file__).resolve().parent.parent
    assert (root / "pyproject.toml").is_file()
    assert paths.lessons_dir() == root / "lessons"
    assert paths.data_dir() == root / "data"
    assert paths.questions_dir() == root / "data" / "questions"


def test_installed_the_package_dirs_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shipped, "checkout_root", lambda: None)
    package = Path(bntutor.__file__).resolve().parent
    assert paths.lessons_dir().resolve() == package / "lessons"
    assert paths.questions_dir().resolve() == package / "data" / "questions"


def test_the_message_catalog_is_shipped_data() -> None:
    from bntutor.messages import MESSAGES

    catalog = json.loads((shipped.data_dir() / "messages.json").read_text(encoding="utf-8"))
    assert catalog["messages"] == MESSAGES
    assert MESSAGES["exercise.heading"]["zh"] == "练习 {name}：{title}"
