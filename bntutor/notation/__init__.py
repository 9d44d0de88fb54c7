"""The answer notation: how a number, a small tensor or a formula is written, read the
same way for the learner's answer (``checking``) and the author's expected answer
(``content``). Pure text and ``ast``; no torch, no sympy, nothing else of bntutor.
"""
