"""A deterministic torch session for one computation: seeded, few threads, restored after.

The computations are tiny, so one thread is faster than many (no hand-off cost) and makes
float results independent of the machine's core count. The global RNG and thread count
are put back on exit, so a computation leaves no trace on its caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch


@contextmanager
def torch_session(seed: int, threads: int = 1) -> Iterator[torch.Generator]:
    """Seed torch's global RNG with ``seed`` and yield a fresh generator seeded alike."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            yield torch.Generator().manual_seed(seed)
    finally:
        torch.set_num_threads(previous)
