"""Choice (one option) and multi (a set of options) answers.

A learner may type a letter (``b``, ``B``, ``(b)``, ``b)``, ``b.``), the letter with
the option copied after it (``b) the batch ...``), the option's number (``2``) or the
option's text. For multi, letters or numbers separated by commas,
spaces, ``and`` or ``;`` in any order (``a, c``, ``c a``, ``ac``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from bntutor.checking.feedback import matching_rule
from bntutor.checking.text import normalize
from bntutor.checking.verdict import Verdict
from bntutor.content.i18n import localize
from bntutor.content.models import LText, Option, option_ids
from bntutor.messages import message

MAX_LENGTH = 500
T = TypeVar("T")
_LETTER = re.compile(r"^\(?([a-z])[).:]?$")
_LETTER_AND_TEXT = re.compile(r"^\(?([a-z])[).:]\s+\S")  # "b) the batch statistics"


class ChoiceSyntaxError(ValueError):
    """The text names no option; the message (catalog ``key`` with ``fields``) says why."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(message(key, "en", **fields))
        self.key = key
        self.fields = fields

    def said(self, lang: str) -> str:
        return message(self.key, lang, **self.fields)


def letters_for(options: Sequence[LText | Option]) -> str:
    return string.ascii_lowercase[: len(options)]


def option_text(option: LText | Option, lang: str = "en") -> str:
    return localize(option.text if isinstance(option, Option) else option, lang)


def shown_letter(ident: str, options: Sequence[LText | Option]) -> str | None:
    """The letter the option with id ``ident`` is shown under (``options`` in shown order)."""
    ids = option_ids(list(options))
    wanted = str(ident).strip().lower()
    return letters_for(options)[ids.index(wanted)] if wanted in ids else None


def shown_option(ident: str, options: Sequence[LText | Option], lang: str = "en") -> str:
    """``b) the batch mean``: the option with id ``ident`` under its shown letter."""
    letter = shown_letter(ident, options)
    if letter is None:
        return str(ident)
    return f"{letter}) {option_text(options[letters_for(options).index(letter)], lang)}"


def _texts(option: LText | Option) -> list[str]:
    text = option.text if isinstance(option, Option) else option
    return [text] if isinstance(text, str) else list(text.values())


def read_letter(token: str, options: Sequence[LText | Option]) -> str:
    """One option named by letter, number or text -> its letter."""
    letters = letters_for(options)
    s = token.strip().lower()
    match = _LETTER.match(s) or _LETTER_AND_TEXT.match(s)
    if match:
        if match.group(1) not in letters:
            raise ChoiceSyntaxError("choice.no_option", option=match.group(1),
                                    span=_span(letters))
        return match.group(1)
    if re.fullmatch(r"[0-9]{1,5}[.)]?", s):
        number = int(s.rstrip(".)"))
        if not 1 <= number <= len(options):
            raise ChoiceSyntaxError("choice.no_option", option=number, span=_span(letters))
        return letters[number - 1]
    letter = _by_text(token, options)
    if letter is None:
        raise ChoiceSyntaxError("choice.letter", span=_span(letters))
    return letter


def _by_text(token: str, options: Sequence[LText | Option]) -> str | None:
    """The letter of the option whose text (in any language) ``token`` is."""
    wanted = normalize(token)
    for letter, option in zip(letters_for(options), options, strict=False):
        if wanted and any(normalize(t) == wanted for t in _texts(option)):
            return letter
    return None


def read_letters(text: str, options: Sequence[LText | Option]) -> list[str]:
    """Several options -> sorted distinct letters."""
    whole = _by_text(text, options)  # an option text may contain commas and spaces
    if whole is not None:
        return [whole]
    tokens = [t for t in re.split(r"[,;/&\s]+|\band\b", text.strip().lower()) if t]
    letters = letters_for(options)
    if len(tokens) == 1 and tokens[0].isalpha() and all(ch in letters for ch in tokens[0]):
        tokens = list(tokens[0])  # "ac"
    if not tokens:
        raise ChoiceSyntaxError("choice.letters", span=_span(letters))
    return sorted({read_letter(t, options) for t in tokens})


def _span(letters: str) -> str:
    return f"{letters[0]}-{letters[-1]}" if len(letters) > 1 else letters


def _why(options: Sequence[LText | Option], letter: str, lang: str) -> str | None:
    """Why the option shown as ``letter`` is wrong, when the content says."""
    option = options[letters_for(options).index(letter)]
    return localize(option.why, lang) if isinstance(option, Option) and option.why else None


def _id_of(letter: str, options: Sequence[LText | Option]) -> str:
    """The stable id of the option shown as ``letter``."""
    return option_ids(list(options))[letters_for(options).index(letter)]


def _letter_of(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected an option id, got {value!r}")
    return value.strip().lower()


def _letter_set(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return sorted({_letter_of(v) for v in items})


def _read(answer: str, options: Sequence[LText | Option], read: Callable[..., T], what: str,
          lang: str) -> T | Verdict:
    """What ``read`` makes of ``answer``, or the verdict refusing an answer too empty, too
    long or naming no option (``what`` it should have been)."""
    if not answer.strip():
        return Verdict.empty(lang)
    if len(answer) > MAX_LENGTH:
        return Verdict.too_long(MAX_LENGTH, lang)
    try:
        return read(answer, options)
    except ChoiceSyntaxError as exc:
        return Verdict.unreadable_as(answer, what, exc.said(lang), lang)


def check_choice(
    answer: str,
    expected: Any,
    options: Sequence[LText | Option],
    feedback: list[tuple[Any, LText]] | None = None,
    lang: str = "en",
) -> Verdict:
    """``options`` in the order shown; ``expected`` and feedback answers name option ids."""
    letter = _read(answer, options, read_letter, "an option", lang)
    if isinstance(letter, Verdict):
        return letter
    ident = _id_of(letter, options)
    read = {"understood": letter, "chosen": (ident,)}
    rule = matching_rule(ident, feedback or [], _letter_of, str.__eq__, lang)
    if rule is not None:
        return Verdict.wrong(lang, diagnosis=rule, **read)
    if ident == _letter_of(expected):
        return Verdict.right(lang, **read)
    return Verdict.wrong(lang, diagnosis=_why(options, letter, lang), **read)


def check_multi(
    answer: str,
    expected: Any,
    options: Sequence[LText | Option],
    feedback: list[tuple[Any, LText]] | None = None,
    lang: str = "en",
) -> Verdict:
    """Like :func:`check_choice` for a set of options. A wrong answer's diagnosis never
    names a right option the learner left out: it explains a wrongly chosen option, or
    says how many chosen options are wrong and how many right ones are missing."""
    given = _read(answer, options, read_letters, "options", lang)
    if isinstance(given, Verdict):
        return given
    chosen = tuple(_id_of(letter, options) for letter in given)
    read = {"understood": ", ".join(given), "chosen": chosen}
    given_ids = sorted(chosen)
    rule = matching_rule(given_ids, feedback or [], _letter_set, list.__eq__, lang)
    if rule is not None:
        return Verdict.wrong(lang, diagnosis=rule, **read)
    wanted = _letter_set(expected)
    if given_ids == wanted:
        return Verdict.right(lang, **read)
    missing = sum(1 for x in wanted if x not in given_ids)
    extra = [letter for letter in given if _id_of(letter, options) not in wanted]
    whys = [f"({letter}) {why}" for letter in extra if (why := _why(options, letter, lang))]
    diagnosis = " ".join([_count_line(len(extra), missing, lang), *whys])
    return Verdict.wrong(lang, diagnosis=diagnosis, **read)


def _count_line(wrong: int, missing: int, lang: str) -> str:
    """How many chosen options are wrong and how many right ones are missing, by number."""
    parts = [message(f"choice.{what}{'_one' if n == 1 else ''}", lang, n=n)
             for what, n in (("wrong", wrong), ("missing", missing)) if n]
    return message("choice.counts", lang, counts=message("choice.and", lang).join(parts))
