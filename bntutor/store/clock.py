"""Datetimes in the store: an injected clock, stored as ISO-8601 UTC text.

The text always has the same width (``2024-05-01T09:30:00.000000+00:00``), so ordering
the text orders the instants; that is what lets ``due`` and ``at`` columns be indexed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock: an aware datetime in UTC."""
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """``moment`` (aware, any zone) as fixed-width ISO-8601 UTC text."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: pass an aware datetime (UTC)")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    """The aware UTC datetime that :func:`to_text` wrote."""
    return datetime.fromisoformat(text).astimezone(UTC)


def stamp(moment: datetime) -> str:
    """A compact UTC stamp for file names: ``20240501T093000Z``."""
    return from_text(to_text(moment)).strftime("%Y%m%dT%H%M%SZ")


def well_formed(column: str) -> str:
    """SQL that is true when ``column`` holds text shaped like :func:`to_text`'s, so a
    minimum or maximum over it is never a stray value (text sorts after digits)."""
    return f"{column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'"
