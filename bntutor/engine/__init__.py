"""The torch-backed BN engine: tensors in, tensors and dataclasses out. Never prints.

``trace`` is the explained path (every intermediate, in plain tensor ops) and ``backward``
its closed-form derivative; ``batch_norm`` is torch's functional BN computed that way;
``BatchNorm`` is the fast module (native kernel); ``fold`` merges eval-mode BN into a layer.
"""

from bntutor.engine.backward import backward
from bntutor.engine.conventions import CONVENTIONS, Convention
from bntutor.engine.fold import fold
from bntutor.engine.functional import batch_norm
from bntutor.engine.module import BatchNorm
from bntutor.engine.sync import SyncBatchNorm, sync_stats
from bntutor.engine.trace import BNTrace, trace

__all__ = [
    "CONVENTIONS",
    "BNTrace",
    "BatchNorm",
    "Convention",
    "SyncBatchNorm",
    "backward",
    "batch_norm",
    "fold",
    "sync_stats",
    "trace",
]
