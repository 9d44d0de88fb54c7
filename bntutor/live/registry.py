"""The registry of live computations: a name, a pydantic model of arguments, a function.

YAML names a computation and gives its arguments; :meth:`Registry.check_args` validates
them at load time (no torch needed) and :meth:`Registry.run` runs it. Nothing from YAML
is ever evaluated as code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from bntutor.errors import ContentError, NotFoundError
from bntutor.live.results import LiveResult


@dataclass(frozen=True)
class Computation:
    """One named computation. ``target`` is ``"module:function"``, imported on first run.

    The function takes the validated ``args`` model and returns a :class:`LiveResult`.
    ``values`` lists the value names it returns, so content can be checked without running.
    """

    name: str
    summary: str
    args: type[BaseModel]
    target: str
    values: tuple[str, ...] = ()

    def function(self) -> Callable[[Any], LiveResult]:
        module_name, _, attr = self.target.partition(":")
        module = importlib.import_module(module_name)
        fn: Callable[[Any], LiveResult] = getattr(module, attr)
        return fn


class Registry:
    """An immutable set of computations, looked up by name."""

    def __init__(self, computations: Iterable[Computation]) -> None:
        self._by_name: dict[str, Computation] = {}
        for comp in computations:
            if comp.name in self._by_name:
                raise ValueError(f"computation {comp.name!r} registered twice")
            self._by_name[comp.name] = comp

    def names(self) -> list[str]:
        return sorted(self._by_name)

    def get(self, name: str) -> Computation:
        try:
            return self._by_name[name]
        except KeyError:
            raise NotFoundError(
                f"unknown computation {name!r}", hint=f"known: {', '.join(self.names())}"
            ) from None

    def check_args(self, name: str, args: dict[str, Any] | None) -> BaseModel:
        """Validate ``args`` for computation ``name``; a ContentError names the bad field."""
        comp = self.get(name)
        try:
            return comp.args.model_validate(args or {})
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "args"
            raise ContentError(
                f"bad argument {field!r} for computation {name!r}: {first['msg']}"
            ) from None

    def run(self, name: str, args: dict[str, Any] | None = None) -> LiveResult:
        model = self.check_args(name, args)
        return self.get(name).function()(model)
