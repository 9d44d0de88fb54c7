"""Every text a learner reads in English and in Chinese, checked by ``bntutor validate``.

A text is either a ``{en: ..., zh: ...}`` map or, under a field a learner reads
(:data:`LEARNER_FIELDS`), a plain string. A problem is:

- a map without a non-empty ``zh`` (or ``en``);
- a plain string under a learner field that holds English prose (:func:`has_prose`), not
  only a formula, code or an identifier;
- a map whose ``en`` and ``zh`` name different ``{placeholders}`` (a placeholder is a
  ``{name}`` that does not follow an ASCII letter, digit or ``_ ^ }``, so LaTeX's
  ``\\frac{a}{b}`` and ``x_{i}`` are not taken for one).

Loading never fails on these (a fixture or a draft may be English only); only
``validate`` reports them, each with its file, line, step or question, and field.
"""

from __future__ import annotations

import re
from typing import Any

from bntutor.content._texts import owner_id
from bntutor.content.yaml_lines import LineMap
from bntutor.content.yaml_lines import Path as DataPath
from bntutor.errors import ContentError

#: The fields whose plain-string values a learner reads.
LEARNER_FIELDS = frozenset({
    "title", "body", "prompt", "text", "why", "message", "explanation", "hints", "options",
    "model_answer", "rubric", "follow_up", "summary", "description", "task",
})
_LANGS = {"en", "zh"}
#: ASCII only: a Chinese character before a placeholder ("为{feature}特征") is no LaTeX.
#: A demo's placeholder may index its value and give a format: {args[seed]}, {mean:.2f}.
_PLACEHOLDER = re.compile(
    r"(?<![\w^}\\])\{([A-Za-z_][A-Za-z0-9_]*(?:\[\w+\])?)(?:![rsa])?(?::[^{}]*)?\}", re.ASCII)
_CODE = re.compile(r"`[^`]*`|\$\$.*?\$\$|\$[^$]*\$", re.S)
_PROSE = re.compile(r"[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}")


def placeholders(text: str) -> set[str]:
    """The ``{names}`` in ``text`` that are placeholders, not LaTeX groups."""
    return set(_PLACEHOLDER.findall(text))


def has_prose(text: str) -> bool:
    """True when ``text``, outside code and maths, has a run of three or more English words."""
    return bool(_PROSE.search(_CODE.sub(" ", text)))


def translation_problems(data: Any, lines: LineMap, file: str) -> list[ContentError]:
    """Every text in ``data`` (a parsed lesson, bank or exercise file) missing a language,
    or whose languages disagree on placeholders."""
    problems: list[ContentError] = []
    stack: list[tuple[DataPath, Any, bool]] = [((), data, False)]
    while stack:
        path, value, learner = stack.pop()
        if isinstance(value, dict) and value and set(value) <= _LANGS:
            what = _map_problem(value)
            if what is not None:
                problems.append(_error(what, data, path, lines, file))
        elif isinstance(value, dict):
            stack += [((*path, k), v, k in LEARNER_FIELDS)
                      for k, v in reversed(value.items()) if isinstance(k, str)]
        elif isinstance(value, list):
            stack += [((*path, i), v, learner) for i, v in reversed(list(enumerate(value)))]
        elif isinstance(value, str) and learner and has_prose(value):
            problems.append(_error("English only: write it as {en: ..., zh: ...}", data, path,
                                   lines, file))
    return problems


def _map_problem(forms: dict[str, Any]) -> str | None:
    for lang, name in (("en", "English"), ("zh", "Chinese")):
        text = forms.get(lang)
        if not isinstance(text, str) or not text.strip():
            return f"no {name} ({lang}) text"
    en, zh = placeholders(forms["en"]), placeholders(forms["zh"])
    if en != zh:
        return (f"en and zh name different placeholders: en {sorted(en)}, zh {sorted(zh)}")
    return None


def _error(what: str, data: Any, path: DataPath, lines: LineMap, file: str) -> ContentError:
    field = ".".join(str(p) for p in path) or "the file"
    return ContentError(f"{what} in {field}", file, lines.line(path), owner_id(data, path))
