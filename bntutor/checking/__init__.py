"""Answering questions: :class:`bntutor.checking.answering.Answering` resolves a question's
expected answer (``resolve.py``), checks an answer and writes the reveal, for lessons,
quizzes, review and ``validate``. The checkers under it are pure functions (answer text,
question, expected value) -> Verdict: :func:`bntutor.checking.check.check` dispatches to
one module per kind.
"""
