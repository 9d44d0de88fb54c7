"""The Chinese of the lessons, banks, exercises, demos and generated questions follows
docs/glossary-zh.md: the words it rules out never appear."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTENT = sorted([*ROOT.glob("lessons/*.yaml"), *ROOT.glob("data/questions/*.yaml"),
                  *ROOT.glob("data/exercises/*.yaml"), *ROOT.glob("data/demos/*.yaml"),
                  ROOT / "data" / "generators.yaml"])
#: Ruled out by the glossary, with the term to use instead.
RULED_OUT = {
    "移动平均": "滑动平均",
    "反向 dropout": "倒置 dropout",
    "反向dropout": "倒置 dropout",
    "约简": "归约",
    "批量归一化": "批归一化",
    "批标准化": "批归一化",
    "批规范化": "批归一化",
}


def test_the_glossary_names_every_term_it_rules_out() -> None:
    glossary = (ROOT / "docs" / "glossary-zh.md").read_text(encoding="utf-8")
    for wrong, right in RULED_OUT.items():
        assert right in glossary, right
        assert wrong.replace("dropout", "").strip() in glossary or wrong == "反向dropout", wrong


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.name)
def test_content_uses_the_glossary_terms(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for wrong, right in RULED_OUT.items():
            assert wrong not in line, f"{path.name}:{number}: write {right}, not {wrong}"
