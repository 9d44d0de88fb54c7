"""What a question template is, and the small helpers every template uses.

A template draws its numbers from ``random.Random(f"{template_id}/{seed}")`` (stable
across Python versions and platforms, independent of torch's generator) and asks the
engine for the answer. The same template id and seed always give the same question.
Its words, in English and Chinese, are in ``data/generators.yaml`` (:func:`say`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from bntutor.checking.tolerance import is_close
from bntutor.content.models import Feedback, LText, Question, Tolerance
from bntutor.numbers import format_number

#: How answers computed with a hand calculator are compared: 3 decimals or 1 %.
HAND = Tolerance(abs=2e-3, rel=1e-2)
#: Counts must be exact.
EXACT = Tolerance(abs=0.0, rel=0.0)


@dataclass(frozen=True)
class Template:
    """A parameterized question: ``build(rng)`` draws numbers and returns the question."""

    id: str
    topic: str
    difficulty: int
    summary: str
    build: Callable[[random.Random], Question]
    lessons: tuple[str, ...] = ()

    def question(self, seed: int) -> Question:
        return self.build(rng_for(self.id, seed))


#: The file of the templates' words, in the shipped data directory.
WORDS_FILE = "generators.yaml"


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """``data/generators.yaml``: for each template id its texts, each ``{en, zh}``."""
    import yaml

    from bntutor.content.paths import data_dir

    return cast(dict[str, Any], yaml.safe_load((data_dir() / WORDS_FILE).read_text("utf-8")))


def say(path: str, **values: object) -> LText:
    """The text at ``path`` (``"bn-params.prompt"``, ``"bn-params.wrong.buffers"``) in
    both languages, its ``{placeholders}`` filled in; a value that is itself such a text
    fills each language with its own form."""
    forms: Any = words()
    for key in path.split("."):
        forms = forms[key]
    return cast(LText, {
        lang: form.format(**{k: v[lang] if isinstance(v, dict) else v for k, v in values.items()})
        for lang, form in forms.items()})


def hints_of(template_id: str) -> list[LText]:
    """The hints of template ``template_id``, in both languages."""
    return list(words()[template_id].get("hints", []))


def rng_for(template_id: str, seed: int) -> random.Random:
    return random.Random(f"{template_id}/{seed}")


def nums(values: Sequence[float], digits: int = 4) -> str:
    return "[" + ", ".join(format_number(v, digits) for v in values) + "]"


def feedback(answer: float, tol: Tolerance, wrong: Sequence[tuple[float, LText]]
             ) -> list[Feedback]:
    """Feedback rules for recognized wrong values, leaving out any that the right answer
    (or an earlier rule) would also match, by the numeric checker's own comparison: a rule
    must never catch a right answer."""
    rules: list[Feedback] = []
    taken = [answer]
    for value, message in wrong:
        if any(is_close(value, t, tol) or is_close(t, value, tol) for t in taken):
            continue
        taken.append(value)
        rules.append(Feedback(answer=float(value), message=message))
    return rules


def numeric(
    prompt: LText,
    answer: float | int,
    explanation: LText,
    hints: Sequence[LText] = (),
    tol: Tolerance = HAND,
    wrong: Sequence[tuple[float, LText]] = (),
    unit: str | None = None,
) -> Question:
    """A numeric question; ``wrong`` lists (value, misconception) feedback candidates."""
    return Question(
        kind="numeric",
        prompt=prompt,
        answer=answer if isinstance(answer, int) else float(answer),
        tolerance=tol,
        hints=list(hints),
        explanation=explanation,
        feedback=feedback(answer, tol, wrong),
        unit=unit,
    )


def count(prompt: LText, answer: int, explanation: LText, hints: Sequence[LText] = (),
          wrong: Sequence[tuple[float, LText]] = ()) -> Question:
    """A question whose answer is an exact whole number."""
    return numeric(prompt, int(answer), explanation, hints, EXACT, wrong)


def tensor(prompt: LText, answer: Sequence[float], explanation: LText,
           hints: Sequence[LText] = ()) -> Question:
    return Question(
        kind="tensor",
        prompt=prompt,
        answer=[float(v) for v in answer],
        tolerance=HAND,
        hints=list(hints),
        explanation=explanation,
    )


def small_batch(rng: random.Random, n: int, lo: int = -4, hi: int = 6) -> list[float]:
    """``n`` whole numbers, not all equal (a batch whose variance is not zero)."""
    while True:
        values = [float(rng.randint(lo, hi)) for _ in range(n)]
        if len(set(values)) > 1:
            return values
