"""bntutor: learn Batch Normalization and regularization by computing in front of you."""

__version__ = "0.1.0"
