"""The list of shipped computations. Add one entry per computation, grouped by topic.

Each entry's argument model lives beside its function in the topic module; argument
models must not import torch at module level.
"""

from __future__ import annotations

from bntutor.live.course.catalog import COURSE_COMPUTATIONS
from bntutor.live.experiments import EXPERIMENT_COMPUTATIONS
from bntutor.live.registry import Computation, Registry

COMPUTATIONS: list[Computation] = []

# The lessons' own computations (lesson by lesson, in bntutor/live/course/catalog.py).
COMPUTATIONS += COURSE_COMPUTATIONS

# The experiments behind the demos (bntutor/live/experiments.py).
COMPUTATIONS += EXPERIMENT_COMPUTATIONS


def default_registry() -> Registry:
    """Every computation bntutor ships."""
    return Registry(COMPUTATIONS)
