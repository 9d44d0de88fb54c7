"""Answer checkers: pure functions (answer text, question, expected value) -> Verdict."""

from bntutor.checking.verdict import ElementDiff, Verdict

__all__ = ["ElementDiff", "Verdict"]
