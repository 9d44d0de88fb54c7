"""Pick a language from a text field that is a string or a map of languages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def localize(text: str | Mapping[Any, str] | None, lang: str = "en") -> str:
    """The ``lang`` version of ``text``, falling back to English, then to any language."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if lang in text:
        return text[lang]
    if "en" in text:
        return text["en"]
    return next(iter(text.values()), "")
