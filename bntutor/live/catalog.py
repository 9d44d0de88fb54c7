"""The shipped computations: every :class:`Computation` the topic modules below register.

Topic modules keep torch imports inside their functions, so listing the catalog imports
the argument models only.
"""

from __future__ import annotations

import importlib

from bntutor.live.registry import Computation, Registry

TOPICS: tuple[str, ...] = (
    "bias_variance", "penalties", "optim_decay",  # regularization
    "feature_stats", "affine", "params",  # BN mechanics, in CNNs
    "running", "modes", "similar_batch",  # train vs inference
    "dropout",
    "backward", "sync_bn", "fold_check",
    "batch_noise", "layer_norms",  # beyond BN
)


def default_registry() -> Registry:
    """Every computation bntutor ships."""
    modules = [importlib.import_module(f"bntutor.live.{topic}") for topic in TOPICS]
    return Registry(c for m in modules for c in vars(m).values() if isinstance(c, Computation))
