from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.errors import BadInputError
from bntutor.quiz.durations import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("15m", 900), ("90s", 90), ("1h30m", 5400), ("2m30s", 150), ("2:30", 150), ("10m", 600),
     (" 1.5m ", 90), ("1H", 3600)],
)
def test_parse(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "m", "-5m", "0s", "25h", "1:2:3", "5 x"])
def test_bad(text: str) -> None:
    with pytest.raises(BadInputError) as info:
        parse_duration(text)
    assert info.value.where == "--time-limit"


@pytest.mark.parametrize("text", ["5", " 10 ", "1.5"])
def test_a_bare_number_needs_a_unit(text: str) -> None:
    with pytest.raises(BadInputError) as info:
        parse_duration(text)
    raw = text.strip()
    assert info.value.what == f"duration {raw!r} has no unit"
    assert info.value.hint == f"write {raw}m for minutes or {raw}s for seconds"


def test_format() -> None:
    assert format_duration(75.9) == "1:15"
    assert format_duration(3725) == "1:02:05"
    assert format_duration(-3) == "0:00"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=20))
def test_any_text_parses_or_is_a_clear_error(text: str) -> None:
    try:
        assert 0 < parse_duration(text) <= 24 * 3600
    except BadInputError as exc:
        assert exc.hint
