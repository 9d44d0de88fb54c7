"""Open the learner's store for a command: its warnings are said first, and rows it could
not read are reported on the way out."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bntutor.cli.context import AppContext
from bntutor.store.clock import Clock
from bntutor.store.store import Store


@contextmanager
def open_store(app: AppContext, clock: Clock) -> Iterator[Store]:
    from bntutor.cli._overview import report_unreadable, warn

    with Store.open(app.home(), clock) as store:
        for message in store.warnings:
            warn(app, message)
        try:
            yield store
        finally:
            report_unreadable(app, store)
