"""Scripted answers (``--answers FILE`` or piped stdin), read one bounded line at a time.

No one types an answer of more than :data:`MAX_LINE` characters, NUL bytes or bytes that
are not UTF-8: such input is a wrong file (``--answers /dev/zero``, a binary, a log).
Reading it whole would fill memory, the screen and the progress database, so it stops
the run with a :class:`~bntutor.errors.BadInputError` naming the line instead. Answers
taken before it are already saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO, cast

from bntutor.errors import BadInputError
from bntutor.ui.prompt import ScriptedSource

if TYPE_CHECKING:
    from rich.console import Console

    from bntutor.cli.context import AppContext

#: The longest line read: the answer checkers' own cap (bntutor.checking.check.MAX_ANSWER),
#: so no answer a script can give is refused by one and taken by the other.
MAX_LINE = 10_000
STDIN = "standard input"
_HINT = "answers.file.hint"


class AnswerLines:
    """The lines of ``stream``, each checked to be text and at most ``MAX_LINE`` long.

    ``stream`` is binary when it can be (each line is then decoded on its own, so an error
    names the very line), else text. ``name`` is the file's name, or :data:`STDIN`.
    """

    def __init__(self, stream: BinaryIO | TextIO, name: str, max_line: int = MAX_LINE) -> None:
        self._stream = stream
        self._name = name
        self._max = max_line
        self._number = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readline(self) -> str:
        """The next line with its newline; "" at the end."""
        number = self._number + 1
        limit = 4 * self._max + 2  # bytes or characters: room for any max-long line and "\r\n"
        try:
            raw = self._stream.readline(limit)
        except UnicodeDecodeError:  # a text stream decodes blocks: the byte may be further on
            raise self._error("answers.not_utf8", number, soon_after=True) from None
        except OSError as exc:  # /proc/self/mem, a device, a file gone bad under us
            raise self._error("answers.cannot_read", number, reason=exc.strerror or exc) from None
        if isinstance(raw, bytes):
            if b"\0" in raw:
                raise self._error("answers.binary", number)
            if len(raw) == limit and not raw.endswith(b"\n"):
                raise self._too_long(number)
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")  # a BOM is no answer
            except UnicodeDecodeError:
                raise self._error("answers.not_utf8", number) from None
        else:
            line = raw
        if not line:
            return line
        self._number = number
        body = line.rstrip("\r\n")
        if "\0" in body or not _encodable(body):
            raise self._error("answers.binary", number)
        if len(body) > self._max:
            raise self._too_long(number)
        return line

    def _too_long(self, number: int) -> BadInputError:
        return self._error("answers.too_long", number, most=f"{self._max:,}")

    def _error(self, key: str, number: int, soon_after: bool = False,
               **values: object) -> BadInputError:
        """The catalog's error ``key`` at line ``number`` of the answers (``answers.*``)."""
        from bntutor.cli._values import bad_input
        from bntutor.messages import message

        if self._name == STDIN:
            where = {lang: message("where.stdin_line", lang, stdin=STDIN, n=number)
                     for lang in ("en", "zh")}
        else:
            where = {lang: f"{self._name}:{number}" for lang in ("en", "zh")}
        if soon_after:
            where = {lang: message("where.or_soon_after", lang, where=where[lang])
                     for lang in ("en", "zh")}
        hint = "answers.stdin.hint" if self._name == STDIN else _HINT
        return bad_input(key, where["en"], hint, where["zh"], **values)


def _encodable(text: str) -> bool:
    """False for lone surrogates: bytes that were not UTF-8 (``surrogateescape``)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# The readers given these only iterate over them, which is all AnswerLines offers of TextIO.


def stdin_lines(stdin: TextIO) -> TextIO:
    """Piped standard input as bounded answer lines (read as bytes when it has them)."""
    binary: BinaryIO | None = getattr(stdin, "buffer", None)
    return cast(TextIO, AnswerLines(stdin if binary is None else binary, STDIN))


@contextmanager
def answers_file(path: Path) -> Iterator[TextIO]:
    """``--answers FILE`` opened as bounded answer lines; a clear error if it cannot be."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        from bntutor.cli._values import bad_input

        raise bad_input("answers.cannot_open", str(path), _HINT,
                        reason=exc.strerror or exc) from None
    with stream:
        yield cast(TextIO, AnswerLines(stream, str(path)))


@contextmanager
def scripted_source(app: AppContext, console: Console, answers: Path | None,
                    scripted: bool) -> Iterator[ScriptedSource | None]:
    """Where scripted answers come from: ``--answers FILE``, else piped standard input
    (or any standard input when ``scripted``, as with ``--json``); None when a person
    types them at the terminal (the caller picks its lesson or timed-quiz reader)."""
    if answers is not None:
        with answers_file(answers) as stream:
            yield ScriptedSource(stream, console)
        return
    if scripted or not app.interactive:
        yield ScriptedSource(stdin_lines(app.stdin), console)
        return
    yield None
