"""The registry of live computations: a name, a pydantic model of arguments, a function.

A topic module registers each computation beside its function with :func:`computation`.
YAML names a computation and gives its arguments; :meth:`Registry.check_args` validates
them at load time (no torch needed) and :meth:`Registry.run` runs it. Nothing from YAML
is ever evaluated as code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bntutor.errors import ContentError
from bntutor.live.progress import ReportProgress, no_progress
from bntutor.live.results import LiveResult
from bntutor.named import ByName

A = TypeVar("A", bound=BaseModel)


class Args(BaseModel):
    """A computation's arguments: unknown fields are errors, and a model never changes."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SeededArgs(Args):
    """The arguments of a computation that draws its numbers from ``seed``."""

    seed: int = Field(0, ge=0, le=1_000_000)


class RunArgs(Args):
    """The arguments of an experiment a demo plays: ``bntutor demo --seed S --quick`` sets
    these two (``quick`` runs a shorter version)."""

    seed: int = Field(default=0, ge=0)
    quick: bool = False


@dataclass(frozen=True)
class Computation(Generic[A]):
    """One named computation: ``function(args, report) -> LiveResult``. ``values`` lists
    the value names it returns, so content can be checked without running it. Calling a
    computation runs its function (``report`` defaults to showing nothing)."""

    name: str
    summary: str
    args: type[A]
    function: Callable[[A, ReportProgress], LiveResult]
    values: tuple[str, ...] = ()

    def __call__(self, args: A, report: ReportProgress = no_progress) -> LiveResult:
        return self.function(args, report)


def computation(
    args: type[A], summary: str, values: Iterable[str]
) -> Callable[[Callable[[A, ReportProgress], LiveResult]], Computation[A]]:
    """Register the decorated ``function(args, report)`` under its own name."""

    def register(function: Callable[[A, ReportProgress], LiveResult]) -> Computation[A]:
        return Computation(function.__name__, summary, args, function, tuple(values))

    return register


class Registry(ByName[Computation[Any]]):
    """An immutable set of computations, looked up by name (listed in name order)."""

    def __init__(self, computations: Iterable[Computation[Any]]) -> None:
        super().__init__(sorted(computations, key=lambda c: c.name), lambda c: c.name,
                         "computation")

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
        """Run computation ``name`` on ``args`` (checked first), showing no progress."""
        return self.get(name)(self.check_args(name, args))
