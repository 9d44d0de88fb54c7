"""Lesson questions that work with earlier data must say which step shows it.

A lesson question is also asked on its own, in review and quizzes, far from the steps
before it. When its prompt points at data shown earlier (the rule: it names "this
batch", "the batch above", "these samples", "the table", "the grid", "the experiment",
"the blog post", "the colleague's ...", "the degree-12 fits", says "above" (not "above
the", "above zero"), or names "feature 2" or "sample 1" without setting up "a batch of"
its own; in Chinese 上面, 上表, 这批, 这些样本, 实验中, 博客, 同事的, 特征 1 without
"N 个样本"), it must
declare ``context: [step-id, ...]``: earlier compute or text steps, or an earlier
prediction whose ``reveal`` runs the data. Bank questions stand alone and are not checked
here.
"""

from __future__ import annotations

import re

from bntutor.content._semantics import Where
from bntutor.content.models import QuestionStep, Step
from bntutor.content.yaml_lines import Path
from bntutor.errors import ContentError

#: Phrases that point at data shown before the question, per language.
_REFERS = {
    "en": re.compile(
        r"\bthe batch (above|shown|before)\b|\b(this|that|the same) batch\b"
        r"|\babove\b(?!\s+(the|its|a|an|zero|\d))"
        r"|\b(these|those) (samples|numbers|values|images|results|points)\b"
        r"|\bthe (table|grid|plot|chart|curve|experiment|blog|post)\b|\bblog post\b"
        r"|\bthe experiment's\b|\bthe colleague's\b|\bthe (degree-\d+ )?fits\b",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"上面|上表|上图|这批|这一批|这些样本|刚才的实验|实验中|博客|博文"
                     r"|同事遇到|同事的"),
}
#: "feature 2", "sample 1": earlier data, unless the prompt sets up a batch of its own.
_INDEXED = {
    "en": re.compile(r"\b(feature|sample) \d+\b", re.IGNORECASE),
    "zh": re.compile(r"(特征|样本) ?\d+"),
}
_SETS_UP = {
    "en": re.compile(r"\ba batch of\b", re.IGNORECASE),
    "zh": re.compile(r"\d+ ?个?样本"),
}


def refers_to_data(prompt: str, lang: str) -> str | None:
    """The phrase of ``prompt`` that points at earlier data, or None."""
    match = _REFERS[lang].search(prompt)
    if match is None and not _SETS_UP[lang].search(prompt):
        match = _INDEXED[lang].search(prompt)
    return match.group(0) if match else None


def check_context(steps: list[tuple[int, Step]], where: Where) -> list[ContentError]:
    """Context ids that are unknown, later, or name a question without a reveal; and
    questions whose prompt needs context and declares none."""
    errors: list[ContentError] = []
    earlier: dict[str, Step] = {}
    for i, step in steps:
        if isinstance(step, QuestionStep):
            errors += _check_step(step, i, earlier, where)
        earlier[step.id] = step
    return errors


def _check_step(
    step: QuestionStep, i: int, earlier: dict[str, Step], where: Where
) -> list[ContentError]:
    at = Where(where.file, where.lines, step.id)
    path: Path = ("steps", i, "context")
    errors = []
    for k, ident in enumerate(step.context):
        target = earlier.get(ident)
        if target is None:
            errors.append(at.error(f"context names {ident!r}, which is not an earlier step",
                                   (*path, k), "name a compute or text step before this one"))
        elif isinstance(target, QuestionStep) and target.reveal is None:
            errors.append(at.error(f"context names question {ident!r}, which shows no data",
                                   (*path, k), "name a compute or text step, or a prediction "
                                   "with a reveal"))
    if step.context:
        return errors
    prompt = step.prompt if isinstance(step.prompt, dict) else {"en": step.prompt}
    for lang, text in prompt.items():
        phrase = refers_to_data(text, lang)
        if phrase is not None:
            errors.append(at.error(
                f"the prompt refers to earlier data ({phrase!r}) but the question declares "
                "no context", ("steps", i, "prompt"),
                "add context: [step-id] naming the step that shows it (review asks the "
                "question on its own)"))
            break
    return errors
