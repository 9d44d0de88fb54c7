"""`bntutor validate` checks the exercises: schema, both languages, content against code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bntutor.cli.main import run
from bntutor.content.exercise_order import exercises_dir


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "exercises"
    shutil.copytree(exercises_dir(), target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_exercises_validate(capsys: pytest.CaptureFixture[str], copy: Path) -> None:
    assert run(["validate", str(copy)]) == 0
    assert capsys.readouterr().out.strip().endswith("16 exercises: OK")


@pytest.mark.parametrize(("file", "old", "new", "words"), [
    ("bn-forward.yaml", "  eps-outside-sqrt:", "  eps-outside-sqrtt:", "no diagnosis text"),
    ("bn-eval.yaml", "  zh: 推理模式下的 BN 前向传播\n", "", "zh"),
    ("course.yaml", "  - adamw-step\n", "", "not in the course order"),
])
def test_broken_exercises_are_located(capsys: pytest.CaptureFixture[str], copy: Path, file: str,
                                      old: str, new: str, words: str) -> None:
    _edit(copy / file, old, new)
    assert run(["validate", str(copy)]) == 3
    err = capsys.readouterr().err
    assert words in err and str(copy) in err


def test_a_case_without_a_chinese_name_is_reported(capsys: pytest.CaptureFixture[str],
                                                   copy: Path) -> None:
    _edit(copy / "cases.yaml", '  "collinear features": "共线的特征"\n', "")
    assert run(["validate", str(copy)]) == 3
    assert "'collinear features' of ridge has no Chinese name" in capsys.readouterr().err


def test_a_checker_message_without_its_text_or_chinese_is_reported(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, copy: Path
) -> None:
    from bntutor.messages import MESSAGES, catalog_problems

    monkeypatch.delitem(MESSAGES, "checker.checker-stopped")
    monkeypatch.setitem(MESSAGES, "checker.returned-none", {"en": "`{output}` is None"})
    assert run(["validate", str(copy)]) == 3
    assert "no text for the checker's message 'checker-stopped'" in capsys.readouterr().err
    assert catalog_problems() == ["message checker.returned-none: needs both en and zh"]
