"""Open the learner's store for a command: its warnings are said first, and rows it could
not read are reported on the way out. Nothing here imports the store before it is opened:
the listings import this module, and a first run has no database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from bntutor.cli.context import AppContext
from bntutor.errors import StoreError
from bntutor.messages import message
from bntutor.store.home import FILE_NAME, home_exists

if TYPE_CHECKING:
    from bntutor.store.store import Store


def warn(app: AppContext, text: str) -> None:
    """One yellow line on stderr."""
    from rich.text import Text

    app.err_console.print(Text(f"bntutor: warning: {text}", style="yellow"), soft_wrap=True)


@contextmanager
def _reported(app: AppContext, store: Store) -> Iterator[Store]:
    """``store``'s warnings said, then, on the way out, a warning that says what to do
    when rows of the database could not be read; closed at the end."""
    with store:
        for warning in store.warnings:
            warn(app, warning)
        try:
            yield store
        finally:
            bad = store.unreadable_rows()
            if bad:
                tables = ", ".join(f"{table} {n}" for table, n in sorted(bad.items()))
                warn(app, message("store.unreadable", app.lang, count=sum(bad.values()),
                                  tables=tables))


@contextmanager
def open_store(app: AppContext) -> Iterator[Store]:
    """The store in the home dir (both created if needed)."""
    from bntutor.store.store import Store

    with _reported(app, Store.open(app.home(), app.clock)) as store:
        yield store


@contextmanager
def existing_store(app: AppContext) -> Iterator[Store | None]:
    """The store if a database exists, else None; a home directory that cannot be one (a
    file, a name too long) is a StoreError."""
    if not home_exists(app.home_dir, app.lang) or not (app.home_dir / FILE_NAME).exists():
        yield None
        return
    from bntutor.store.store import Store

    try:
        store = Store.open(app.home_dir, app.clock)
    except StoreError as exc:
        warn(app, f"progress not shown: {exc.one_line(app.lang)}")
        yield None
        return
    with _reported(app, store) as opened:
        yield opened
