"""Checks over a whole question bank that no single question shows: answer keys a learner
could guess without knowing the subject.

- Over a bank's single-choice questions, the right option may be the strictly longest
  (in English) in at most 40% of them: test writers tend to make the right answer the
  most careful, hence longest, one, and learners learn to pick it.
- A multi-answer key must leave at least one option wrong and name at least one right.
"""

from __future__ import annotations

from collections.abc import Sequence

from bntutor.content._semantics import Where
from bntutor.content.i18n import localize
from bntutor.content.models import BankQuestion, Option, option_ids
from bntutor.errors import ContentError

MAX_LONGEST_SHARE = 0.4


def right_is_longest(q: BankQuestion) -> bool:
    """True when a choice question's right option is longer (in English) than every other."""
    if q.kind != "choice" or not q.options or not isinstance(q.answer, str):
        return False
    ids = option_ids(q.options)
    right = q.answer.strip().lower()
    if right not in ids:
        return False
    lengths = [len(localize(o.text if isinstance(o, Option) else o, "en")) for o in q.options]
    at = ids.index(right)
    return all(lengths[at] > n for i, n in enumerate(lengths) if i != at)


def lint_bank(questions: Sequence[tuple[int, BankQuestion]], where: Where) -> list[ContentError]:
    """The bank-wide errors of ``questions`` (each with its index in the file)."""
    errors = []
    choice = [(i, q) for i, q in questions if q.kind == "choice"]
    longest = [(i, q) for i, q in choice if right_is_longest(q)]
    if choice and len(longest) > MAX_LONGEST_SHARE * len(choice):
        share = len(longest) / len(choice)
        first = longest[0][0]
        errors.append(
            where.error(
                f"the right option is the longest in {len(longest)} of {len(choice)} choice "
                f"questions ({share:.0%}; at most {MAX_LONGEST_SHARE:.0%})",
                ("questions", first, "answer"),
                "make some distractors as careful as the answer, or the answer shorter: "
                + ", ".join(q.id for _, q in longest[:8])
                + (", ..." if len(longest) > 8 else ""),
            )
        )
    for i, q in questions:
        if q.kind != "multi" or not q.options:
            continue
        keys = q.answer if isinstance(q.answer, list) else [q.answer]
        chosen = {str(k).strip().lower() for k in keys}
        ids = option_ids(q.options)
        at = Where(where.file, where.lines, q.id)
        if not chosen & set(ids):
            errors.append(at.error("a multi-answer key must name a right option",
                                   ("questions", i, "answer")))
        elif not set(ids) - chosen:
            errors.append(at.error(
                "a multi-answer key must leave at least one option wrong: every option is right",
                ("questions", i, "answer"), "add a distractor someone would pick"))
    return errors
