"""A plain message for commands that are not built yet."""

from __future__ import annotations

from bntutor.errors import BntutorError


def unbuilt(command: str) -> BntutorError:
    return BntutorError(f"`bntutor {command}` is not built yet", hint="see README.md for what works today")
