"""The torch-backed BN engine: tensors in, tensors and dataclasses out. Never prints.

``trace`` is the explained path (every intermediate, in plain tensor ops) and ``backward``
its closed-form derivative; ``batch_norm`` is torch's functional BN computed that way;
``BatchNorm`` is the fast module (native kernel); ``fold`` merges eval-mode BN into a layer.
``layer_norm`` and ``rms_norm`` (with ``ln_trace``, ``rms_trace``) normalize each sample on
its own, as transformers do.
"""

from bntutor.conventions import CONVENTIONS, Convention
from bntutor.engine.backward import backward
from bntutor.engine.fold import fold
from bntutor.engine.functional import batch_norm
from bntutor.engine.layer_norm import NormTrace, layer_norm, ln_trace, rms_norm, rms_trace
from bntutor.engine.module import BatchNorm
from bntutor.engine.sync import SyncBatchNorm, sync_stats
from bntutor.engine.trace import BNTrace, trace

__all__ = [
    "CONVENTIONS",
    "BNTrace",
    "BatchNorm",
    "Convention",
    "NormTrace",
    "SyncBatchNorm",
    "backward",
    "batch_norm",
    "fold",
    "layer_norm",
    "ln_trace",
    "rms_norm",
    "rms_trace",
    "sync_stats",
    "trace",
]
