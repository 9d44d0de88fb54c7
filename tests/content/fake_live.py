"""A tiny registry with one test computation, so content tests need no torch."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Registry, computation
from bntutor.live.results import LiveResult


class StatsArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = 0
    n: int = Field(4, ge=2, le=100)


def stats_values(seed: int, n: int) -> dict[str, Any]:
    """The batch ``seed, seed+1, ..., seed+n-1`` and its statistics, by hand."""
    values = [float(seed + i) for i in range(n)]
    mean = sum(values) / n
    squares = sum((v - mean) ** 2 for v in values)
    return {
        "values": values,
        "mean": mean,
        "var": squares / n,
        "var_unbiased": squares / (n - 1),
        "count": n,
        "pair": [[values[0], values[1]], [values[2], values[3]]] if n >= 4 else [],
    }


def fake_registry(calls: list[dict[str, Any]] | None = None) -> Registry:
    """A registry with ``stats``; each run is appended to ``calls`` when given."""

    @computation(StatsArgs, "statistics of a small batch",
                 ("values", "mean", "var", "var_unbiased", "count", "pair"))
    def stats(args: StatsArgs, report: ReportProgress) -> LiveResult:
        if calls is not None:
            calls.append(args.model_dump())
        return LiveResult(values=stats_values(args.seed, args.n))

    return Registry([stats])
