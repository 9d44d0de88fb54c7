"""All of bntutor's exceptions and exit statuses.

Code anywhere raises a :class:`BntutorError` subclass; only ``bntutor.cli.main`` turns it
into ``bntutor: error: <what> (<where>)`` and an exit status.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1  # an unexpected failure (a bug): shown with --debug
    BAD_INPUT = 2  # a bad argument, number, answer file or option
    CONTENT = 3  # a lesson or question bank that does not validate
    STORE = 4  # the progress database or home dir cannot be used
    NOT_FOUND = 5  # an unknown lesson, demo, topic ...
    INTERRUPTED = 130  # Ctrl-C: progress is saved first


class BntutorError(Exception):
    """Base class: ``what`` is the message, ``where`` says where (file:line, option ...)."""

    status: ExitStatus = ExitStatus.ERROR

    def __init__(
        self, what: str, where: str | None = None, hint: str | None = None, *,
        zh: str | None = None, zh_where: str | None = None,
    ) -> None:
        super().__init__(what)
        self.what = what
        self.where = where
        self.hint = hint
        self.zh = zh  # the whole "what; hint" in Chinese, where it has been written
        self.zh_where = zh_where  # ``where`` in Chinese, when it holds words ("row 2, item 3")

    def one_line(self, lang: str = "en") -> str:
        """``what (where); hint``, in Chinese when ``lang`` is zh and it has been written."""
        if lang == "zh" and self.zh:
            where = self.zh_where or self.where
            return f"{self.zh}（{where}）" if where else self.zh
        text = self.what
        if self.where:
            text += f" ({self.where})"
        if self.hint:
            text += f"; {self.hint}"
        return text


class BadInputError(BntutorError):
    """The learner's or caller's input cannot be used (bad numbers, ragged rows ...)."""

    status = ExitStatus.BAD_INPUT


class ContentError(BntutorError):
    """A lesson or question bank is malformed. ``where`` is ``file:line`` plus step id."""

    status = ExitStatus.CONTENT

    def __init__(
        self,
        what: str,
        file: str | None = None,
        line: int | None = None,
        step: str | None = None,
        hint: str | None = None,
        *,
        zh: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.step = step
        parts = []
        if file:
            parts.append(f"{file}:{line}" if line else file)
        if step:
            parts.append(f"step {step}")
        super().__init__(what, ", ".join(parts) or None, hint, zh=zh)


class StoreError(BntutorError):
    """The progress store or the home directory cannot be used."""

    status = ExitStatus.STORE


class NotFoundError(BntutorError):
    """An unknown lesson, demo, topic or computation was asked for."""

    status = ExitStatus.NOT_FOUND
