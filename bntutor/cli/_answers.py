"""Scripted answers (``--answers FILE`` or piped stdin), read one bounded line at a time.

No one types an answer of more than :data:`MAX_LINE` characters, NUL bytes or bytes that
are not UTF-8: such input is a wrong file (``--answers /dev/zero``, a binary, a log).
Reading it whole would fill memory, the screen and the progress database, so it stops
the run with a :class:`~bntutor.errors.BadInputError` naming the line instead. Answers
taken before it are already saved.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO, cast

from bntutor.checking.check import MAX_ANSWER as MAX_LINE
from bntutor.errors import BadInputError
from bntutor.ui.prompt import ScriptedSource

if TYPE_CHECKING:
    from rich.console import Console

    from bntutor.cli.context import AppContext

# The longest line read (MAX_LINE) is the answer checkers' own cap, so no answer a
# script can give is refused by one and taken by the other.
STDIN = "standard input"
_HINT = "answers.file.hint"


def answer_lines(stream: BinaryIO | TextIO, name: str, max_line: int = MAX_LINE
                 ) -> Iterator[str]:
    """The lines of ``stream`` with their newlines, each checked to be text and at most
    ``max_line`` long.

    ``stream`` is binary when it can be (each line is then decoded on its own, so an error
    names the very line), else text. ``name`` is the file's name, or :data:`STDIN`.
    """
    limit = 4 * max_line + 2  # bytes or characters: room for any max-long line and "\r\n"
    for number in itertools.count(1):
        try:
            raw = stream.readline(limit)
        except UnicodeDecodeError:  # a text stream decodes blocks: the byte may be further on
            raise _error("answers.not_utf8", name, number, soon_after=True) from None
        except OSError as exc:  # /proc/self/mem, a device, a file gone bad under us
            raise _error("answers.cannot_read", name, number,
                         reason=exc.strerror or exc) from None
        if isinstance(raw, bytes):
            if b"\0" in raw:
                raise _error("answers.binary", name, number)
            if len(raw) == limit and not raw.endswith(b"\n"):
                raise _error("answers.too_long", name, number, most=f"{max_line:,}")
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")  # a BOM is no answer
            except UnicodeDecodeError:
                raise _error("answers.not_utf8", name, number) from None
        else:
            line = raw
        if not line:
            return
        body = line.rstrip("\r\n")
        if "\0" in body or not _encodable(body):
            raise _error("answers.binary", name, number)
        if len(body) > max_line:
            raise _error("answers.too_long", name, number, most=f"{max_line:,}")
        yield line


def _error(key: str, name: str, number: int, soon_after: bool = False,
           **values: object) -> BadInputError:
    """The catalog's error ``key`` at line ``number`` of the answers (``answers.*``)."""
    from bntutor.cli._values import bad_input
    from bntutor.messages import message

    if name == STDIN:
        where = {lang: message("where.stdin_line", lang, stdin=STDIN, n=number)
                 for lang in ("en", "zh")}
    else:
        where = {lang: f"{name}:{number}" for lang in ("en", "zh")}
    if soon_after:
        where = {lang: message("where.or_soon_after", lang, where=where[lang])
                 for lang in ("en", "zh")}
    hint = "answers.stdin.hint" if name == STDIN else _HINT
    return bad_input(key, where["en"], hint, where["zh"], **values)


def _encodable(text: str) -> bool:
    """False for lone surrogates: bytes that were not UTF-8 (``surrogateescape``)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# The readers given these only iterate over them, which is all answer_lines offers of TextIO.


def stdin_lines(stdin: TextIO) -> TextIO:
    """Piped standard input as bounded answer lines (read as bytes when it has them)."""
    binary: BinaryIO | None = getattr(stdin, "buffer", None)
    return cast(TextIO, answer_lines(stdin if binary is None else binary, STDIN))


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
        yield cast(TextIO, answer_lines(stream, str(path)))


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
