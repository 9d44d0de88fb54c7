"""Events for the exercise loop: the learner's file changed, or they typed a line.

File changes come from ``watchfiles`` (native events, which itself polls where needed);
where it cannot run, a thread polls the file's size and modification time. Lines come
from a thread reading the input stream. Both feed one queue the loop waits on.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

POLL_SECONDS = 0.25


@dataclass(frozen=True)
class Event:
    kind: str  # "changed", "line" or "eof"
    text: str = ""


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _poll(path: Path, put: Callable[[Event], None], stop: threading.Event) -> None:
    last = _stamp(path)
    while not stop.wait(POLL_SECONDS):
        now = _stamp(path)
        if now != last and now is not None:
            last = now
            put(Event("changed"))


def _watch(path: Path, put: Callable[[Event], None], stop: threading.Event) -> None:
    """Native events where the system has them (WATCHFILES_FORCE_POLLING=1 polls instead)."""
    try:
        from watchfiles import watch

        name = path.name  # editors often save by writing a new file and renaming it
        for _changes in watch(path.parent, stop_event=stop, poll_delay_ms=int(POLL_SECONDS * 1000),
                              raise_interrupt=False,
                              watch_filter=lambda _c, p: Path(p).name == name):
            put(Event("changed"))
    except Exception:  # no native events here (or no watchfiles): poll
        if not stop.is_set():
            _poll(path, put, stop)


def _read_lines(stream: TextIO, put: Callable[[Event], None]) -> None:
    try:
        for line in iter(stream.readline, ""):
            put(Event("line", line.rstrip("\r\n")))
    except (OSError, ValueError):
        pass
    put(Event("eof"))


class Events:
    """Start watching ``path`` and reading ``stream``; :meth:`get` waits for the next event."""

    def __init__(self, path: Path, stream: TextIO) -> None:
        self._queue: queue.Queue[Event] = queue.Queue()
        self._stop = threading.Event()
        threading.Thread(target=_watch, args=(path, self._queue.put, self._stop),
                         daemon=True).start()
        threading.Thread(target=_read_lines, args=(stream, self._queue.put), daemon=True).start()

    def get(self, timeout: float | None = None) -> Event | None:
        """The next event; None when ``timeout`` seconds pass without one."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:  # short waits keep Ctrl-C responsive
            try:
                event = self._queue.get(timeout=0.2)
            except queue.Empty:
                if deadline is not None and time.monotonic() > deadline:
                    return None
                continue
            if event.kind == "changed":  # one check for a burst of saves
                while self._peek_changed():
                    pass
            return event

    def _peek_changed(self) -> bool:
        try:
            event = self._queue.get_nowait()
        except queue.Empty:
            return False
        if event.kind == "changed":
            return True
        self._queue.put(event)  # keep a typed line for the next get
        return False

    def close(self) -> None:
        self._stop.set()
