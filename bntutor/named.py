"""Things looked up by name: the one lookup behind bntutor's registries (live
computations, question templates, demos). An unknown name is a NotFoundError that lists
the known ones."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

from bntutor.errors import NotFoundError

T = TypeVar("T")


class ByName(Generic[T]):
    """``items`` in their given order, each under ``key(item)``; a name given twice is a
    ValueError. ``kind`` names them in errors; ``hint`` is formatted with ``{names}``."""

    def __init__(self, items: Iterable[T], key: Callable[[T], str], kind: str,
                 hint: str = "known: {names}") -> None:
        self._by_name: dict[str, T] = {}
        for item in items:
            name = key(item)
            if name in self._by_name:
                raise ValueError(f"{kind} {name!r} registered twice")
            self._by_name[name] = item
        self._kind = kind
        self._hint = hint

    def __iter__(self) -> Iterator[T]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def names(self) -> list[str]:
        return list(self._by_name)

    def get(self, name: str) -> T:
        try:
            return self._by_name[name]
        except KeyError:
            hint = self._hint.format(names=", ".join(self.names()))
            raise NotFoundError(f"unknown {self._kind} {name!r}", hint=hint) from None
