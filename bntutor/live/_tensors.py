"""Small shared helpers: seeded example batches, tensor -> JSON-friendly lists, and a
deterministic torch session for one computation.

The session is seeded, runs on one thread and is restored after: the computations are
tiny, so one thread is faster than many (no hand-off cost) and makes float results
independent of the machine's core count. The global RNG and thread count are put back on
exit, so a computation leaves no trace on its caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch


def generator(seed: int) -> torch.Generator:
    """A private generator seeded with ``seed``: the global RNG is left alone."""
    import torch

    return torch.Generator().manual_seed(seed)


@contextmanager
def torch_session(seed: int) -> Iterator[torch.Generator]:
    """Seed torch's global RNG with ``seed`` (on one thread) and yield a fresh generator
    seeded alike."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            yield generator(seed)
    finally:
        torch.set_num_threads(previous)


def int_batch(seed: int, rows: int, cols: int, low: int = 0, high: int = 9) -> torch.Tensor:
    """A ``[rows, cols]`` float64 batch of whole numbers in ``[low, high]``: easy by hand."""
    import torch

    values = torch.randint(low, high + 1, (rows, cols), generator=generator(seed))
    return values.to(torch.float64)


def normal_batch(
    seed: int, shape: tuple[int, ...], loc: float = 0.0, scale: float = 1.0
) -> torch.Tensor:
    """A float64 tensor of normal samples with mean ``loc`` and std ``scale``."""
    import torch

    noise = torch.randn(shape, generator=generator(seed), dtype=torch.float64)
    return loc + scale * noise


def floats(t: torch.Tensor) -> list[float]:
    """A flat list of Python floats (a JSON-friendly value)."""
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def rows(t: torch.Tensor) -> list[list[float]]:
    """A 2-D tensor as a list of rows of Python floats."""
    return [[float(v) for v in row] for row in t.detach().tolist()]


def labels(prefix: str, count: int) -> list[str]:
    """``["prefix 1", "prefix 2", ...]``: people count from 1."""
    return [f"{prefix} {i + 1}" for i in range(count)]
