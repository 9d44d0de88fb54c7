"""The wall clock the commands use; ``BNTUTOR_NOW`` moves it, as a testing aid.

``BNTUTOR_NOW=2024-05-02T09:00`` (ISO 8601; UTC unless it names a zone) makes the clock
start at that instant and then run at the normal pace, so a test can answer a quiz
"today" and review it "tomorrow" without waiting. Timers (time limits, seconds per
question) always use the monotonic clock, never this one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime

from bntutor.store.clock import Clock, utc_now

ENV = "BNTUTOR_NOW"
#: The clock may be moved within these: a review is scheduled at most a century ahead
#: (and statistics look some weeks back), and Python's dates end with the year 9999.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)


def parse_now(text: str) -> datetime:
    from bntutor.cli._values import bad_input

    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise bad_input("now.unreadable", ENV, "now.unreadable.hint", text=repr(text)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not EARLIEST <= moment < LATEST:
        raise bad_input("now.range", ENV, "now.range.hint", text=repr(text.strip()),
                        first=EARLIEST.year, last=LATEST.year - 1)
    return moment.astimezone(UTC)


def app_clock(environ: Mapping[str, str] | None = None, real: Clock = utc_now) -> Clock:
    """The real UTC clock, or one starting at ``$BNTUTOR_NOW`` and running from there."""
    env = os.environ if environ is None else environ
    text = env.get(ENV, "").strip()
    if not text:
        return real
    start, started = parse_now(text), real()
    return lambda: start + (real() - started)
