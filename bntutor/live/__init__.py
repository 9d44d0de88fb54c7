"""Named live computations that lessons and demos call, with typed arguments.

Importing this package never imports torch: each computation imports it when it runs.
"""

from bntutor.live.registry import Computation, Registry
from bntutor.live.results import (
    Block,
    LiveResult,
    PlotBlock,
    ScalarsBlock,
    Series,
    TensorBlock,
    TextBlock,
)

__all__ = [
    "Block",
    "Computation",
    "LiveResult",
    "PlotBlock",
    "Registry",
    "ScalarsBlock",
    "Series",
    "TensorBlock",
    "TextBlock",
    "default_registry",
]


def default_registry() -> Registry:
    """Every computation bntutor ships (``bntutor/live/catalog.py``, imported only now:
    its argument models take a while to build and most start-ups need none of them)."""
    from bntutor.live.catalog import default_registry as shipped

    return shipped()
