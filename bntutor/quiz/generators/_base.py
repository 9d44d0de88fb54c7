"""What a question template is, and the small helpers every template uses.

A template is a function made one with :func:`template`. It draws its numbers from the
:class:`Draw` it is given (a ``random.Random`` seeded with ``"<template-id>/<seed>"``:
stable across Python versions and platforms, independent of torch's generator), asks the
shipped live computations for the answer (:func:`live`, the registry lessons and demos
call), and returns the question through ``draw.numeric``, ``draw.count`` or
``draw.tensor``. The same template id and seed always give the same question. Its words,
in English and Chinese, are in ``data/generators.yaml`` under its id (:func:`say`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from bntutor.checking.tolerance import is_close
from bntutor.content.models import Feedback, LText, Question, Tolerance
from bntutor.numbers import format_number

if TYPE_CHECKING:
    from bntutor.live.registry import Registry

#: How answers computed with a hand calculator are compared: 3 decimals or 1 %.
HAND = Tolerance(abs=2e-3, rel=1e-2)
#: Counts must be exact.
EXACT = Tolerance(abs=0.0, rel=0.0)


class Draw(random.Random):
    """One question being made by template ``template_id`` from ``seed``: the random
    numbers it draws, and its words (``<template-id>.prompt``, ``.explanation``, ``.hints``
    and ``.wrong.<key>`` in the words file)."""

    def __init__(self, template_id: str, seed: int) -> None:
        super().__init__(f"{template_id}/{seed}")
        self.template_id = template_id

    def say(self, key: str, **values: object) -> LText:
        """The template's text ``key`` (``"prompt"``, ``"explanation"``), filled in."""
        return say(f"{self.template_id}.{key}", **values)

    def numeric(
        self,
        answer: float | int,
        wrong: Mapping[str, float] | None = None,
        /,
        *,
        tol: Tolerance = HAND,
        hint: LText | None = None,
        explanation: str = "explanation",
        **values: object,
    ) -> Question:
        """A numeric question worded by the template's ``prompt`` and ``explanation`` (or
        the text named ``explanation``), both filled from ``values``. ``wrong`` maps the key
        of each misconception's words to the value it gives (feedback candidates);
        ``hint`` follows the template's hints."""
        rules: list[Feedback] = []
        taken = [answer]
        for key, value in (wrong or {}).items():
            # A rule must never catch a right answer (nor an earlier rule's value), by the
            # numeric checker's own comparison: such a value is left out.
            if any(is_close(value, t, tol) or is_close(t, value, tol) for t in taken):
                continue
            taken.append(value)
            rules.append(Feedback(answer=float(value), message=self.say(f"wrong.{key}")))
        return Question(
            kind="numeric",
            prompt=self.say("prompt", **values),
            answer=answer if isinstance(answer, int) else float(answer),
            tolerance=tol,
            hints=self._hints(hint),
            explanation=self.say(explanation, **values),
            feedback=rules,
        )

    def count(self, answer: int, wrong: Mapping[str, float] | None = None, /,
              **values: Any) -> Question:
        """A question whose answer is an exact whole number."""
        return self.numeric(int(answer), wrong, tol=EXACT, **values)

    def tensor(self, answer: Sequence[float], /, **values: object) -> Question:
        return Question(
            kind="tensor",
            prompt=self.say("prompt", **values),
            answer=[float(v) for v in answer],
            tolerance=HAND,
            hints=self._hints(None),
            explanation=self.say("explanation", **values),
        )

    def _hints(self, hint: LText | None) -> list[LText]:
        hints: list[LText] = list(words()[self.template_id].get("hints", []))
        return [*hints, hint] if hint is not None else hints


Build = Callable[[Draw], Question]


@dataclass(frozen=True)
class Template:
    """A parameterized question: ``build(draw)`` draws numbers and returns the question."""

    id: str
    topic: str
    difficulty: int
    summary: str
    build: Build
    lessons: tuple[str, ...] = ()

    def question(self, seed: int) -> Question:
        return self.build(Draw(self.id, seed))


def template(
    template_id: str, topic: str, difficulty: int, summary: str, lessons: Sequence[str]
) -> Callable[[Build], Template]:
    """Make the decorated ``build(draw)`` the question template ``template_id``."""

    def define(build: Build) -> Template:
        return Template(template_id, topic, difficulty, summary, build, tuple(lessons))

    return define


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


@lru_cache(maxsize=1)
def _registry() -> Registry:
    from bntutor.live.catalog import default_registry

    return default_registry()


def live(computation: str, **args: object) -> dict[str, Any]:
    """The values of the shipped live computation ``computation`` run with ``args``."""
    return _registry().run(computation, args).values


def nums(values: Sequence[float], digits: int = 4) -> str:
    return "[" + ", ".join(format_number(v, digits) for v in values) + "]"


def small_batch(rng: random.Random, n: int, lo: int = -4, hi: int = 6) -> list[float]:
    """``n`` whole numbers, not all equal (a batch whose variance is not zero)."""
    while True:
        values = [float(rng.randint(lo, hi)) for _ in range(n)]
        if len(set(values)) > 1:
            return values
