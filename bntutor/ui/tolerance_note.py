"""The line under a numeric question that says what counts as right, written from the
question's tolerance so that the prompt and the checker cannot disagree."""

from __future__ import annotations

from bntutor.content.models import Question
from bntutor.messages import message


def tolerance_note(question: Question, lang: str = "en") -> str | None:
    """``exact answer ...``, ``accepted within ±0.005 or 1% ...``; None for other kinds."""
    if question.kind not in ("numeric", "tensor"):
        return None
    tol = question.tolerance
    if tol.abs == 0 and tol.rel == 0:
        line = message("tolerance.exact", lang)
    elif tol.rel == 0:
        line = message("tolerance.abs", lang, abs=f"{tol.abs:g}")
    elif tol.abs == 0:
        line = message("tolerance.rel", lang, rel=_percent(tol.rel))
    else:
        line = message("tolerance.both", lang, abs=f"{tol.abs:g}", rel=_percent(tol.rel))
    if question.kind == "numeric":
        line += "; " if lang != "zh" else "；"
        line += message("tolerance.arithmetic", lang)
    return line


def _percent(rel: float) -> str:
    return f"{rel * 100:g}%"
