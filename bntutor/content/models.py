"""The typed shape of lessons, course and question banks (pydantic, unknown fields forbidden).

A lesson YAML file looks like::

    slug: bn-mechanics            # stable: progress is keyed by slug + step id
    title: {en: "...", zh: "..."}  # any text field: a string or a map of languages
    topics: [bn-mechanics]
    minutes: 10
    summary: "..."
    steps:
      - id: intro                  # stable, unique in the lesson
        type: text
        body: "Markdown with $\\gamma$ and $\\hat{x}$."
      - id: batch
        type: compute
        computation: bn_column        # a name in bntutor.live's registry
        args: {seed: 0, samples: 8}
        body: "optional text shown above the result"
      - id: q-mean
        type: question
        kind: numeric
        prompt: "What is the mean of feature 1?"
        answer: {compute: bn_column, args: {seed: 0}, value: "mean"}
        tolerance: {abs: 0.001}
        hints: ["Add the column, divide by 8."]
        explanation: "..."
        feedback:
          - answer: 0.9
            message: "That is the Keras convention: ..."

Expected answers are either literal or a :class:`LiveRef` computed by the engine.
Nothing here is ever evaluated as code.
"""

from __future__ import annotations

import string
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

#: A text field: plain string, or a map of language code -> string (``en`` required).
LText = str | dict[Literal["en", "zh"], str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LiveRef(_Strict):
    """An expected value computed live: run ``compute`` with ``args``, take ``value``."""

    compute: str
    args: dict[str, Any] = Field(default_factory=dict)
    value: str


Scalar = float | int
Literalish = Scalar | str | list[Any] | bool
Expected = LiveRef | Literalish


class Tolerance(_Strict):
    """A number ``x`` matches ``e`` when ``|x - e| <= max(abs, rel * |e|)``."""

    abs: float = Field(default=5e-3, ge=0)
    rel: float = Field(default=1e-2, ge=0)


_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Option(_Strict):
    """A choice option; ``why`` is said when a learner picks it wrongly.

    ``id`` names the option in ``answer`` and feedback answers; without one, the option's
    id is its letter in file order (``a``, ``b``, ...). Options are shown shuffled, so the
    learner's letters are not these ids.
    """

    id: str | None = Field(default=None, pattern=_SLUG)
    text: LText
    why: LText | None = None


def option_id(option: LText | Option, index: int) -> str:
    """The stable id of the option at ``index`` in file order."""
    if isinstance(option, Option) and option.id is not None:
        return option.id
    return string.ascii_lowercase[index] if index < 26 else str(index + 1)


def option_ids(options: list[LText | Option] | None) -> list[str]:
    """The ids of ``options``, in their order."""
    return [option_id(o, i) for i, o in enumerate(options or [])]


class RubricPart(_Strict):
    """One part of an explain question: a prompt, a model answer, and its key points."""

    prompt: LText
    model_answer: LText
    rubric: list[LText] = Field(min_length=3, max_length=5)


class Feedback(_Strict):
    """A recognized wrong answer and the misconception that produces it."""

    answer: Expected
    message: LText


class ComputeCall(_Strict):
    """A live computation to run and show."""

    computation: str
    args: dict[str, Any] = Field(default_factory=dict)


class Question(_Strict):
    """A question of any kind; which fields apply depends on ``kind``."""

    kind: Literal[
        "choice", "multi", "numeric", "text", "expression", "tensor", "predict", "explain"
    ]
    prompt: LText
    #: choice: one option id (``b``); multi: list of option ids; numeric/predict: number or
    #: LiveRef; text: the canonical phrasing; expression: an expression string; tensor:
    #: list/matrix; explain: none (the learner grades themself against the rubric).
    answer: Expected | None = None
    options: list[LText | Option] | None = None  # choice / multi
    accept: list[str] = Field(default_factory=list)  # text: further accepted phrasings
    variables: list[str] = Field(default_factory=list)  # expression: allowed symbol names
    tolerance: Tolerance = Field(default_factory=Tolerance)
    unit: str | None = None
    hints: list[LText] = Field(default_factory=list)
    explanation: LText | None = None
    feedback: list[Feedback] = Field(default_factory=list)
    #: predict: the computation revealed after the learner commits to a guess.
    reveal: ComputeCall | None = None
    #: numeric/tensor: whether ``nan`` and ``inf`` are answers a learner may give.
    allow_nonfinite: bool = False
    #: explain: the model answer, its 3-5 key points, and an optional second question.
    model_answer: LText | None = None
    rubric: list[LText] | None = Field(default=None, min_length=3, max_length=5)
    follow_up: RubricPart | None = None

    @field_validator("answer", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:  # `answer:` left empty, or `null`
            raise ValueError(
                "'answer' is empty: write a number, text, a list or a {compute, args, value} "
                "mapping"
            )
        return value

    @model_validator(mode="after")
    def _kind_fields(self) -> Question:
        if self.kind == "explain":
            if self.answer is not None:
                raise ValueError("an explain question has no answer: give model_answer and rubric")
            if self.model_answer is None or self.rubric is None:
                raise ValueError("an explain question needs model_answer and rubric (3-5 points)")
        else:
            if self.answer is None:
                raise ValueError(f"missing field 'answer' (a {self.kind} question needs one)")
            extra = [
                k for k in ("model_answer", "rubric", "follow_up") if getattr(self, k) is not None
            ]
            if extra:
                raise ValueError(f"{', '.join(extra)} only apply to explain questions")
        if self.kind in ("choice", "multi") and not self.options:
            raise ValueError(f"a {self.kind} question needs options")
        if self.kind not in ("choice", "multi") and self.options:
            raise ValueError(f"options only apply to choice and multi questions, not {self.kind}")
        if self.kind == "expression" and not isinstance(self.answer, str):
            raise ValueError("an expression question needs a string answer")
        return self


class TextStep(_Strict):
    id: str
    type: Literal["text"]
    title: LText | None = None
    body: LText


class _Computing(_Strict):
    """What a lesson's and a demo's compute steps share: a live computation by name."""

    id: str
    type: Literal["compute"]
    title: LText | None = None
    body: LText | None = None
    computation: str
    args: dict[str, Any] = Field(default_factory=dict)


class ComputeStep(_Computing):
    after: LText | None = None  # text shown below the result


class QuestionStep(Question):
    id: str
    type: Literal["question"]
    title: LText | None = None
    #: Earlier steps whose output the question works with (a compute or text step, or a
    #: question's ``reveal``): shown again by ``:show``, on resume, and before the question
    #: when review or a quiz asks it outside the lesson.
    context: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_explain(self) -> QuestionStep:
        if self.kind == "explain":
            raise ValueError("explain questions belong in a question bank, not in a lesson")
        return self


Step = Annotated[TextStep | ComputeStep | QuestionStep, Field(discriminator="type")]


class Lesson(_Strict):
    slug: str = Field(pattern=_SLUG)
    title: LText
    summary: LText | None = None
    topics: list[str] = Field(default_factory=list)
    minutes: int = Field(ge=1, le=120)
    steps: list[Step] = Field(min_length=1)


class Cases(_Strict):
    """A demo's text chosen by a value its computation returns: ``case`` names the value,
    ``texts`` holds one text per value it can take (``{case: damage, texts: {fell: ..,
    rose: .., same: ..}}``). The computation decides; the content only words each case."""

    case: str
    texts: dict[str, LText] = Field(min_length=1)


class DemoComputeStep(_Computing):
    """A demo's compute step. Its texts quote the run through ``{placeholders}``: a value
    the computation returns (``{similar_accuracy[0]:.0%}``, ``{batch_std.diverse:.2f}``;
    Python's format spec after the colon) or one of its arguments (``{args.batch}``);
    ``{{`` and ``}}`` are literal braces. ``show`` picks the result's blocks by position
    (``-1`` the last; all when left out); ``seed`` and ``quick`` come from ``bntutor demo``."""

    show: list[int] | None = None
    after: LText | Cases | None = None


DemoStep = Annotated[TextStep | DemoComputeStep, Field(discriminator="type")]


class Demo(_Strict):
    """``data/demos/<slug>.yaml``: a narrative of text and compute steps, no questions."""

    slug: str = Field(pattern=_SLUG)
    title: LText
    summary: LText
    steps: list[DemoStep] = Field(min_length=1)


class DemoList(_Strict):
    """``data/demos/demos.yaml``: the demos in the order ``bntutor demo`` lists them."""

    format_version: Literal[1]
    demos: list[Annotated[str, Field(pattern=_SLUG)]] = Field(min_length=1)


class Course(_Strict):
    """``lessons/course.yaml``: the order of the lessons, by slug."""

    format_version: Literal[1]
    title: LText | None = None
    lessons: list[str] = Field(min_length=1)


class BankQuestion(Question):
    """A question-bank entry: a question with a stable id, topic and difficulty."""

    id: str = Field(pattern=_SLUG)
    topic: str
    difficulty: Literal[1, 2, 3] = 2
    lessons: list[str] = Field(default_factory=list)  # slugs to revisit when missed


class Bank(_Strict):
    """``data/questions/*.yaml``: a list of questions (generators live in ``bntutor.quiz``)."""

    format_version: Literal[1]
    questions: list[BankQuestion] = Field(default_factory=list)

