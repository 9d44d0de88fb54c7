"""Reading and writing durations: ``15m``, ``90s``, ``1h30m``, ``2m30s``, ``1:30``.

A bare number is refused: ``--time-limit 5`` could mean 5 minutes or 5 seconds, and a
quiz that silently gives 5 minutes when the learner meant seconds (or the reverse) is
worse than a one-line error that says which to write.
"""

from __future__ import annotations

import re

from bntutor.errors import BadInputError
from bntutor.messages import message

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|m|s)")
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0}
MAX_SECONDS = 24 * 3600.0


def parse_duration(text: str, where: str = "--time-limit", lang: str = "en") -> float:
    """Seconds in ``text``. BadInputError when unreadable or without a unit."""
    raw = text.strip().lower().replace(" ", "")
    seconds: float | None = None
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        raise BadInputError(message("duration.no_unit", lang, text=text.strip()), where,
                            message("duration.write_unit", lang, n=raw))
    if re.fullmatch(r"\d+:\d{1,2}", raw):
        minutes, secs = raw.split(":")
        seconds = int(minutes) * 60.0 + int(secs)
    elif raw and re.fullmatch(r"(?:\d+(?:\.\d+)?(?:h|m|s))+", raw):
        seconds = sum(float(n) * _UNITS[u] for n, u in _PART.findall(raw))
    if seconds is None:
        raise BadInputError(
            f"cannot read {text!r} as a duration", where, "write e.g. 15m, 90s, 1h30m or 2:30"
        )
    if not 0 < seconds <= MAX_SECONDS:
        raise BadInputError(
            f"duration {text!r} is out of range", where, "give more than 0 s and at most 24h"
        )
    return seconds


def format_duration(seconds: float) -> str:
    """``75.4`` -> ``1:15``; ``3725`` -> ``1:02:05`` (whole seconds, rounded down)."""
    total = max(int(seconds), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
