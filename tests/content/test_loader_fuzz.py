"""Whatever a lesson or bank file holds, checking it gives ContentErrors, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.content.loader import check_bank_file, check_lesson_file
from bntutor.errors import ContentError
from bntutor.live.catalog import default_registry

REGISTRY = default_registry()  # checks names and args; runs nothing
GOOD = Path(__file__).parent.parent / "fixtures" / "content" / "good"
LESSON_LINES = (GOOD / "lessons" / "01-column-stats.yaml").read_text().splitlines()
BANK_LINES = (GOOD / "data" / "questions" / "basics.yaml").read_text().splitlines()

yaml_scalars = st.sampled_from(
    [
        "1",
        "-2.5",
        "yes",
        "null",
        "[]",
        "{}",
        "x",
        "'q'",
        "[a, b]",
        "{compute: bn_column, value: mean}",
        "~",
        "!!str 3",
        "&a 1",
        "*a",
    ]
)


def _check(text: str, bank: bool) -> list[ContentError]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("bank.yaml" if bank else "lesson.yaml")
        path.write_text(text, encoding="utf-8")
        if bank:
            return check_bank_file(path, REGISTRY).errors
        return check_lesson_file(path, REGISTRY).errors


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    for bank in (False, True):
        assert all(isinstance(e, ContentError) for e in _check(text, bank))


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_mutated_good_files(data: st.DataObject) -> None:
    """Delete a line, or replace a value with another, in a file that validates."""
    for lines, bank in ((LESSON_LINES, False), (BANK_LINES, True)):
        edited = list(lines)
        index = data.draw(st.integers(0, len(edited) - 1))
        if data.draw(st.booleans()):
            del edited[index]
        else:
            head = edited[index].split(":", 1)[0]
            edited[index] = f"{head}: {data.draw(yaml_scalars)}"
        errors = _check("\n".join(edited) + "\n", bank)
        assert all(isinstance(e, ContentError) and e.file for e in errors)
