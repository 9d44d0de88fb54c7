"""An exercise on screen: its task, each check's verdict, hints, the solution.

Texts are looked up by the caller (``Texts``): message ids from the checker become the
learner's language here; numbers and arrays are formatted, never computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from rich.console import Group, RenderableType
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from bntutor.exercises.gradcheck import BANDS, band
from bntutor.exercises.verdict import ExerciseVerdict, Message, Mismatch
from bntutor.messages import message
from bntutor.numbers import format_number
from bntutor.ui.prose import TitleRule, labelled, markdown
from bntutor.ui.verdict_view import RIGHT_MARK, WRONG_MARK, diagnosis_view

MAX_CASE_COLUMNS = 3
MAX_PRINTED_LINES = 10
_TRACED = ("exception", "import", "memory", "recursion")  # failures worth a traceback
_BAND_STYLE = {"excellent": "green", "fine": "green", "suspicious": "yellow", "wrong": "red"}


@dataclass(frozen=True)
class Texts:
    """The learner's-language lookups a verdict needs."""

    message: Callable[[Message], str]  # a checker message id -> one line
    diagnosis: Callable[[str], str]  # a known mistake's id -> its explanation
    lang: str = "en"
    case: Callable[[str], str] = str  # a case's name in the learner's language


def array_text(value: Any) -> str:
    """An array as numpy prints it, 6 significant digits, long arrays summarized."""
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=6, threshold=24, edgeitems=3,
                               max_line_width=78)
    if isinstance(value, float):
        return format_number(value, 6)
    return str(value)


def task_view(name: str, title: str, task: str, path: str, n_hints: int,
              lang: str = "en") -> RenderableType:
    return Group(
        TitleRule(Text(message("exercise.heading", lang, name=name, title=title))),
        markdown(task),
        Text(message("exercise.file", lang, path=path), style="bold"),
        Text(message("exercise.keys", lang, hints=n_hints), style="dim"),
    )


def _mark(passed: bool) -> Text:
    return Text(f"{RIGHT_MARK} " if passed else f"{WRONG_MARK} ",
                style="green" if passed else "red")


def _case_grid(verdict: ExerciseVerdict, lang: str, case: Callable[[str], str]) -> Table:
    grid = Table.grid(padding=(0, 2))
    for _ in range(MAX_CASE_COLUMNS):
        grid.add_column()
    named = [c for c in verdict.cases if not c.name.startswith("random")]
    randoms = [c for c in verdict.cases if c.name.startswith("random")]
    cells = [_mark(c.passed) + Text(case(c.name)) for c in named]
    if randoms:
        ok = sum(c.passed for c in randoms)
        cells.append(_mark(ok == len(randoms))
                     + Text(message("exercise.randoms", lang, passed=ok, total=len(randoms))))
    for i in range(0, len(cells), MAX_CASE_COLUMNS):
        grid.add_row(*cells[i:i + MAX_CASE_COLUMNS])
    return grid


def mismatch_view(m: Mismatch, lang: str = "en", case: Callable[[str], str] = str) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row(message("exercise.first_failing", lang), case(m.case))
    for key, value in m.inputs.items():
        table.add_row(f"  {key}", array_text(value))
    table.add_row(message("exercise.expected", lang, output=m.output), array_text(m.expected))
    table.add_row(message("exercise.got", lang, output=m.output), array_text(m.got))
    if m.max_abs is not None and m.max_rel is not None:
        table.add_row(message("exercise.largest_error", lang),
                      message("exercise.errors", lang, abs=f"{m.max_abs:.3g}",
                              rel=f"{m.max_rel:.3g}"))
    table.add_row(message("exercise.tolerance", lang),
                  f"|got - expected| <= {m.atol:g} + {m.rtol:g} * |expected|")
    return table


def gradcheck_view(verdict: ExerciseVerdict, lang: str = "en") -> Table:
    table = Table(title=message("exercise.gradcheck", lang), title_justify="left")
    table.add_column(message("exercise.gradient", lang))
    table.add_column(message("exercise.rel_error", lang), justify="right")
    table.add_column(message("exercise.reading", lang))
    for row in verdict.gradcheck:
        b = band(row.rel_error)
        table.add_row(row.output, f"{row.rel_error:.2e}",
                      Text(message(f"exercise.band.{b}", lang), style=_BAND_STYLE[b]))
    bands = [message(f"exercise.band.{name}", lang) for _, name in BANDS[1:]]
    table.caption = "; ".join([message("exercise.grad_expect", lang), *bands])
    table.caption_justify = "left"
    return table


def _note(text: str) -> Table:
    return labelled(Text("↳ ", style="yellow"), Text(text, style="yellow"), indent=2)


def exercise_verdict_view(verdict: ExerciseVerdict, texts: Texts) -> RenderableType:
    lang = texts.lang
    parts: list[RenderableType] = []
    total = len(verdict.cases)
    took = f" ({verdict.seconds:.2f} s)" if verdict.seconds else ""
    mark, style, key = ((RIGHT_MARK, "bold green", "exercise.passed") if verdict.passed
                        else (WRONG_MARK, "bold red", "exercise.failed"))
    said = message(key, lang, passed=verdict.n_passed, total=total)
    parts.append(Text(f"{mark} {said}{took}", style=style))
    if verdict.failure is not None:
        parts.append(_note(texts.message(verdict.failure)))
        if verdict.trace and verdict.failure.id in _TRACED:
            parts.append(Text(verdict.trace.rstrip(), style="dim"))
    if verdict.diagnosis:
        parts.append(diagnosis_view(texts.diagnosis(verdict.diagnosis)))
    if verdict.cases and verdict.failure is None or verdict.n_passed:
        parts.append(_case_grid(verdict, lang, texts.case))
    if verdict.problem is not None:
        parts.append(_note(texts.message(verdict.problem)))
    if verdict.mismatch is not None:
        parts.append(mismatch_view(verdict.mismatch, lang, texts.case))
    if verdict.gradcheck:
        parts.append(gradcheck_view(verdict, lang))
    if verdict.timing is not None:
        t = verdict.timing
        parts.append(Text(message("exercise.timing", lang, mine=f"{t.learner_ms:.2f}",
                                  baseline=f"{t.baseline_ms:.2f}")))
    if verdict.stdout.strip():
        printed = verdict.stdout.strip().splitlines()
        head = (message("exercise.prints_cut", lang, shown=MAX_PRINTED_LINES,
                        total=len(printed)) if len(printed) > MAX_PRINTED_LINES
                else message("exercise.prints", lang))
        parts.append(Text(head, style="dim"))
        parts.append(Text("\n".join(printed[:MAX_PRINTED_LINES]), style="dim"))
    return Group(*parts)


def code_view(code: str) -> Syntax:
    return Syntax(code.rstrip(), "python", theme="ansi_dark", background_color="default")


def solution_view(reference: str, alternative_text: str | None = None,
                  alternative: str | None = None, lang: str = "en") -> RenderableType:
    parts: list[RenderableType] = [Text(message("exercise.reference", lang), style="bold"),
                                   code_view(reference)]
    if alternative_text and alternative:
        parts += [Text(message("exercise.another_way", lang), style="bold"),
                  markdown(alternative_text), code_view(alternative)]
    return Group(*parts)
