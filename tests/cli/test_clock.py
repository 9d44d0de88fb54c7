"""BNTUTOR_NOW: the testing aid that moves the commands' wall clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bntutor.cli._clock import app_clock
from bntutor.errors import BadInputError


def test_real_clock_without_the_variable() -> None:
    real = lambda: datetime(2030, 1, 1, tzinfo=UTC)  # noqa: E731
    assert app_clock({}, real) is real


def test_starts_at_the_given_instant_and_runs_on() -> None:
    ticks = iter([datetime(2030, 1, 1, tzinfo=UTC),
                  datetime(2030, 1, 1, 0, 0, 5, tzinfo=UTC)])
    clock = app_clock({"BNTUTOR_NOW": "2024-05-02T09:00"}, lambda: next(ticks))
    assert clock() == datetime(2024, 5, 2, 9, 0, 5, tzinfo=UTC)  # 5 s later


def test_zones_are_converted_to_utc() -> None:
    fixed = datetime(2030, 1, 1, tzinfo=UTC)
    clock = app_clock({"BNTUTOR_NOW": "2024-05-02T11:00+02:00"}, lambda: fixed)
    assert clock() == datetime(2024, 5, 2, 9, 0, tzinfo=UTC)
    assert clock().utcoffset() == timedelta(0)


def test_unreadable_value_is_a_clear_error() -> None:
    with pytest.raises(BadInputError) as info:
        app_clock({"BNTUTOR_NOW": "tomorrow"})
    assert info.value.where == "BNTUTOR_NOW"
