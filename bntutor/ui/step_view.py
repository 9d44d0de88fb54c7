"""A lesson step's content on screen, wherever it is shown: in the lesson, again on
``:show`` or ``:back``, and as the context of a question asked in review or a quiz.

Texts arrive as content fields and are localized here; a compute step's result comes
from ``compute`` (``rendered``: the answering service runs it, its blocks are drawn here).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from bntutor.content.i18n import localize
from bntutor.content.models import ComputeStep, Option, Question, QuestionStep, Step, TextStep
from bntutor.messages import message
from bntutor.ui import player_views as view
from bntutor.ui.prose import cjk_text, markdown
from bntutor.ui.tolerance_note import tolerance_note

if TYPE_CHECKING:
    from bntutor.checking.answering import Answering

#: Runs a named live computation with its arguments and renders its blocks.
Compute = Callable[[str, dict[str, Any]], RenderableType]


def rendered(answering: Answering) -> Compute:
    """A lesson's compute steps and prediction reveals, and review's reveals, each run once
    (after the torch import) and rendered in the learner's language."""

    def compute(name: str, args: dict[str, Any]) -> RenderableType:
        from bntutor.ui.blocks import render_blocks

        return render_blocks(answering.run(name, args), answering.lang)

    return compute


def options_of(question: Question, lang: str) -> list[str]:
    """The option texts of a lesson, quiz or review question, in the learner's language."""
    return [localize(o.text if isinstance(o, Option) else o, lang)
            for o in question.options or []]


def question_content(question: Question, lang: str, commands: bool = True) -> Group:
    """A question of a lesson, a quiz or review: its prompt and options, what counts as an
    answer (a tolerance, or an explain question's own words) and, with ``commands``, the
    line of commands."""
    note = (message("explain.type_answer", lang) if question.kind == "explain"
            else tolerance_note(question, lang))
    return view.question_view(localize(question.prompt, lang), options_of(question, lang),
                              question.kind == "multi", question.unit, lang,
                              commands=commands, note=note)


def step_content(step: Step, lang: str, compute: Compute, *, commands: bool = True,
                 title: bool = True) -> Group:
    """The step as the lesson shows it: its title, then its text, computation or question
    (``commands``: the line of commands under a question)."""
    return Group(*step_parts(step, lang, compute, commands=commands, title=title))


def step_parts(step: Step, lang: str, compute: Compute, *, commands: bool = True,
               title: bool = True) -> list[RenderableType]:
    """The parts of :func:`step_content`, for a pager to show a screenful at a time."""
    parts: list[RenderableType] = []
    heading = localize(step.title, lang) if title and step.title else None
    if heading:
        parts.append(cjk_text(Text(heading, style="bold")))
    if isinstance(step, TextStep):
        parts.append(markdown(localize(step.body, lang)))
    elif isinstance(step, ComputeStep):
        if step.body:
            parts += [markdown(localize(step.body, lang)), Text()]
        parts.append(compute(step.computation, step.args))
        if step.after:
            parts.append(markdown(localize(step.after, lang)))
    else:
        parts.append(question_content(step, lang, commands))
    return parts


def context_content(steps: Sequence[Step], lang: str, compute: Compute) -> Group:
    """What a question works with: each context step's data under one rule. A question
    named as context stands for the computation it reveals."""
    parts: list[RenderableType] = [
        Rule(Text(message("show.context_rule", lang), style="dim"), style="dim")
    ]
    for step in steps:
        if isinstance(step, QuestionStep):
            if step.reveal is not None:
                parts.append(compute(step.reveal.computation, step.reveal.args))
            continue
        parts.append(step_content(step, lang, compute))
    return Group(*parts)
