"""How numbers look on screen: the project's one formatter, :mod:`bntutor.numbers`."""

from __future__ import annotations

from bntutor.numbers import ELLIPSIS, format_number

__all__ = ["ELLIPSIS", "format_number"]
