"""Interface messages in English and Chinese, in the same ``{en, zh}`` shape as content.

One catalog, ``data/messages.json``, for the sentences the tool says around the content
(commands, notes, navigation, help, errors, live labels). :func:`message` picks the
learner's language and fills ``{placeholders}``; :func:`catalog_problems` (run by
``bntutor validate``) checks that every entry has both languages naming the same
placeholders.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from string import Formatter
from typing import Any

from bntutor.shipped import data_dir

#: key -> ``{en, zh}``. JSON, not YAML, because every screen may need it: it reads in well
#: under a millisecond, where the YAML parser takes tens.
MESSAGES: dict[str, dict[str, str]] = json.loads(
    (data_dir() / "messages.json").read_text(encoding="utf-8"))["messages"]


def message(key: str, lang: str = "en", **values: Any) -> str:
    """The ``lang`` form of message ``key`` (English when there is none), filled in."""
    forms = MESSAGES[key]
    return forms.get(lang, forms["en"]).format(**values)


def error_words(key: str, hint: str | None = None, **values: Any) -> tuple[str, str | None, str]:
    """An error's English ``what`` and ``hint`` and its whole Chinese ``what；hint``, for a
    :class:`~bntutor.errors.BntutorError`: message ``key`` says what is wrong, message
    ``hint`` (if any) what to do. A value may be a ``{en, zh}`` map ("3 numbers", "3 个数")."""
    def filled(lang: str, name: str) -> str:
        return message(name, lang, **{k: v[lang] if isinstance(v, dict) else v
                                      for k, v in values.items()})

    zh = filled("zh", key) + ("；" + filled("zh", hint) if hint else "")
    return filled("en", key), filled("en", hint) if hint else None, zh


def translate(text: str, lang: str) -> str:
    """``text``, an English label a live computation wrote or a parser's reason (``why.``),
    in ``lang``: the ``live.`` or ``why.`` message whose English form it matches whole, its
    ``{fields}`` carried over; ``text`` itself when none matches (a number, code, an
    identifier). The message with the most words of its own wins: ``sample 1 alone, as a
    batch of one`` is not ``sample {j}``."""
    if lang == "en" or not text:
        return text
    for key, pattern in _translatable_patterns():
        found = pattern.fullmatch(text)
        if found:
            fields = {name: translate(value, lang) for name, value in found.groupdict().items()}
            return message(key, lang, **fields)
    return text


@lru_cache(maxsize=1)
def _translatable_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    patterns = []
    for key, forms in MESSAGES.items():
        if key.startswith(("live.", "why.")):
            parts = re.split(r"\{(\w+)\}", forms["en"])
            regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                            for i, part in enumerate(parts))
            patterns.append((len("".join(parts[::2])), key, re.compile(regex, re.S)))
    patterns.sort(key=lambda found: -found[0])
    return tuple((key, pattern) for _, key, pattern in patterns)


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a message form fills in."""
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def catalog_problems(messages: dict[str, dict[str, str]] | None = None) -> list[str]:
    """Each message missing a language, or whose en and zh name different placeholders
    (``bntutor validate`` reports them)."""
    problems = []
    for key, forms in (MESSAGES if messages is None else messages).items():
        if not forms.get("en") or not forms.get("zh"):
            problems.append(f"message {key}: needs both en and zh")
        elif placeholders(forms["en"]) != placeholders(forms["zh"]):
            en, zh = sorted(placeholders(forms["en"])), sorted(placeholders(forms["zh"]))
            problems.append(f"message {key}: en and zh name different placeholders:"
                            f" en {en}, zh {zh}")
    return problems
