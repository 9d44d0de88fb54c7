"""The torch-backed BN engine: tensors in, tensors and dataclasses out. Never prints.

``trace`` is the explained path (every intermediate, in plain tensor ops).
"""

from bntutor.engine.conventions import CONVENTIONS, Convention
from bntutor.engine.trace import BNTrace, trace

__all__ = [
    "CONVENTIONS",
    "BNTrace",
    "Convention",
    "trace",
]
