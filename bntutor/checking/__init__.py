"""Answer checkers: pure functions (answer text, question, expected value) -> Verdict.

Use :func:`bntutor.checking.check.check`; one module per kind sits beside it.
"""

from bntutor.checking.verdict import ElementDiff, Verdict

__all__ = ["ElementDiff", "Verdict"]
