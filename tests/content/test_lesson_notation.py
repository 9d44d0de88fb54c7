"""Notation the shipped lessons keep consistent (issue: one symbol, one meaning per lesson)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

LESSONS = Path(__file__).resolve().parents[2] / "lessons"


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def lesson_text(name: str) -> str:
    return "\n".join(strings(yaml.safe_load((LESSONS / name).read_text(encoding="utf-8"))))


def test_lesson_1_writes_the_l2_penalty_one_way() -> None:
    text = lesson_text("01-why-regularize.yaml")
    penalties = re.findall(r"(\S*)\\\|w\\\|\^2", text)
    assert penalties, "lesson 1 names the L2 penalty"
    assert all(p.endswith(r"(\lambda/2)") for p in penalties), penalties


@pytest.mark.parametrize("path", sorted(LESSONS.glob("[0-9]*.yaml")), ids=lambda p: p.stem)
def test_m_is_never_the_momentum(path: Path) -> None:
    # m is the batch size (lessons 3, 8) or the values per feature (lesson 5); the
    # momentum is alpha, so no lesson uses m for both
    text = lesson_text(path.name)
    assert not re.search(r"\(1 - m\)|momentum `m`|default \$m = 0\.|动量 `m`", text)
