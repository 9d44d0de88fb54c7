"""The result of checking one answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bntutor.messages import MESSAGES, message, translate


@dataclass(frozen=True)
class ElementDiff:
    """One element of a tensor answer: where, what was given, what was expected."""

    index: tuple[int, ...]
    given: float | None
    expected: float
    ok: bool


@dataclass(frozen=True)
class Verdict:
    """What the checker concluded.

    ``readable`` is False when the answer could not be parsed at all (the player asks
    again without counting an attempt); ``message`` then says why, in one line.
    ``diagnosis`` names the specific misconception when a feedback rule or a built-in
    diagnosis recognized the wrong answer. ``closeness`` (0..1) is set for predictions.
    """

    correct: bool
    message: str
    readable: bool = True
    diagnosis: str | None = None
    understood: str | None = None  # the answer as the checker read it (normalized)
    chosen: tuple[str, ...] = ()  # the option ids a choice answer names, in its order
    diffs: list[ElementDiff] = field(default_factory=list)
    closeness: float | None = None
    #: A near miss worth asking again before judging (a typo): never counted as a try,
    #: not even in scripted runs, which count other unreadable answers.
    retry: bool = False

    @classmethod
    def right(cls, lang: str = "en", **fields: Any) -> Verdict:
        """A right answer, said "Correct." in ``lang``."""
        return cls(True, message("verdict.correct", lang), **fields)

    @classmethod
    def wrong(cls, lang: str = "en", **fields: Any) -> Verdict:
        """A wrong answer, said "Not correct." in ``lang`` (``diagnosis`` says why)."""
        return cls(False, message("verdict.not_correct", lang), **fields)

    @classmethod
    def unreadable(cls, message: str) -> Verdict:
        return cls(correct=False, message=message, readable=False)

    @classmethod
    def unreadable_as(cls, answer: str, what: str, why: object, lang: str = "en") -> Verdict:
        """``answer`` (clipped) could not be read as ``what`` (``a number``, ``options``: a
        ``read.<what>`` message) in ``lang``."""
        shown = answer.strip()
        if len(shown) > _SHOWN:
            shown = shown[: _SHOWN - 1] + "…"
        key = "read.as." + what.replace(" ", "_")
        kind = message(key, lang) if key in MESSAGES else what
        return cls.unreadable(message("read.could_not", lang, answer=repr(shown), what=kind,
                                      why=translate(str(why), lang)))

    @classmethod
    def near_miss(cls, message: str) -> Verdict:
        """Not judged yet: ``message`` asks whether the learner meant something else."""
        return cls(correct=False, message=message, readable=False, retry=True)

    @classmethod
    def empty(cls, lang: str = "en") -> Verdict:
        return cls.unreadable(message("read.empty", lang))

    @classmethod
    def too_long(cls, limit: int, lang: str = "en") -> Verdict:
        return cls.unreadable(message("read.too_long", lang, limit=limit))


_SHOWN = 40  # characters of an unreadable answer quoted back
