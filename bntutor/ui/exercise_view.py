"""An exercise on screen: its task, each check's verdict, hints, the solution, the list.

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

from bntutor.control_chars import visible
from bntutor.exercises.gradcheck import BANDS, band
from bntutor.exercises.verdict import ExerciseVerdict, Message, Mismatch
from bntutor.numbers import format_number
from bntutor.ui.prose import labelled, markdown, title_rule
from bntutor.ui.verdict_view import RIGHT_MARK, WRONG_MARK, diagnosis_view

MAX_CASE_COLUMNS = 3
_TRACED = ("exception", "import", "memory", "recursion")  # failures worth a traceback
_BAND_TEXT = {"excellent": "< 1e-7: right", "fine": "1e-7 .. 1e-4: fine (kinks, float noise)",
              "suspicious": "1e-4 .. 1e-2: suspicious", "wrong": "> 1e-2: wrong"}
_BAND_STYLE = {"excellent": "green", "fine": "green", "suspicious": "yellow", "wrong": "red"}


@dataclass(frozen=True)
class Texts:
    """The learner's-language lookups a verdict needs."""

    message: Callable[[Message], str]  # a checker message id -> one line
    diagnosis: Callable[[str], str]  # a known mistake's id -> its explanation


def array_text(value: Any) -> str:
    """An array as numpy prints it, 6 significant digits, long arrays summarized."""
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=6, threshold=24, edgeitems=3,
                               max_line_width=78)
    if isinstance(value, float):
        return format_number(value, 6)
    return str(value)


def task_view(name: str, title: str, task: str, path: str, n_hints: int) -> RenderableType:
    return Group(
        title_rule(Text(f"exercise {name}: {title}")),
        markdown(task),
        Text(f"your file: {path}", style="bold"),
        Text(f"save it to check; Enter re-runs; :hint ({n_hints} hints), :solution, :help,"
             " :quit", style="dim"),
    )


def _mark(passed: bool) -> Text:
    return Text(f"{RIGHT_MARK} " if passed else f"{WRONG_MARK} ",
                style="green" if passed else "red")


def _case_grid(verdict: ExerciseVerdict) -> Table:
    grid = Table.grid(padding=(0, 2))
    for _ in range(MAX_CASE_COLUMNS):
        grid.add_column()
    named = [c for c in verdict.cases if not c.name.startswith("random")]
    randoms = [c for c in verdict.cases if c.name.startswith("random")]
    cells = [_mark(c.passed) + Text(c.name) for c in named]
    if randoms:
        ok = sum(c.passed for c in randoms)
        cells.append(_mark(ok == len(randoms))
                     + Text(f"random cases: {ok} of {len(randoms)} pass"))
    for i in range(0, len(cells), MAX_CASE_COLUMNS):
        grid.add_row(*cells[i:i + MAX_CASE_COLUMNS])
    return grid


def mismatch_view(m: Mismatch) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row("first failing case", m.case)
    for key, value in m.inputs.items():
        table.add_row(f"  {key}", array_text(value))
    table.add_row(f"expected {m.output}", array_text(m.expected))
    table.add_row(f"got {m.output}", array_text(m.got))
    if m.max_abs is not None and m.max_rel is not None:
        table.add_row("largest error", f"abs {m.max_abs:.3g}, rel {m.max_rel:.3g}")
    table.add_row("tolerance", f"|got - expected| <= {m.atol:g} + {m.rtol:g} * |expected|")
    return table


def gradcheck_view(verdict: ExerciseVerdict) -> Table:
    table = Table(title="gradient check (centred differences)", title_justify="left")
    table.add_column("gradient")
    table.add_column("relative error", justify="right")
    table.add_column("reading")
    for row in verdict.gradcheck:
        b = band(row.rel_error)
        table.add_row(row.output, f"{row.rel_error:.2e}", Text(_BAND_TEXT[b],
                                                               style=_BAND_STYLE[b]))
    table.caption = "expect < 1e-7 in float64; " + ", ".join(
        f"{_BAND_TEXT[name].split(':')[0]} {name}" for _, name in BANDS[1:])
    table.caption_justify = "left"
    return table


def verdict_view(verdict: ExerciseVerdict, texts: Texts) -> RenderableType:
    parts: list[RenderableType] = []
    total = len(verdict.cases)
    took = f" ({verdict.seconds:.2f} s)" if verdict.seconds else ""
    if verdict.passed:
        parts.append(Text(f"{RIGHT_MARK} passed: all {total} cases{took}", style="bold green"))
    else:
        parts.append(Text(f"{WRONG_MARK} failed: {verdict.n_passed} of {total} cases pass{took}",
                          style="bold red"))
    if verdict.failure is not None:
        parts.append(labelled(Text("↳ ", style="yellow"),
                              Text(texts.message(verdict.failure), style="yellow"), indent=2))
        if verdict.trace and verdict.failure.id in _TRACED:
            parts.append(Text(visible(verdict.trace.rstrip(), keep="\n\t"), style="dim"))
    if verdict.diagnosis:
        parts.append(diagnosis_view(texts.diagnosis(verdict.diagnosis)))
    if verdict.cases and verdict.failure is None or verdict.n_passed:
        parts.append(_case_grid(verdict))
    if verdict.problem is not None:
        parts.append(labelled(Text("↳ ", style="yellow"),
                              Text(texts.message(verdict.problem), style="yellow"), indent=2))
    if verdict.mismatch is not None:
        parts.append(mismatch_view(verdict.mismatch))
    if verdict.gradcheck:
        parts.append(gradcheck_view(verdict))
    if verdict.timing is not None:
        t = verdict.timing
        parts.append(Text(f"speed on the largest case: yours {t.learner_ms:.2f} ms, the"
                          f" step-by-step backward {t.baseline_ms:.2f} ms"))
    if verdict.stdout.strip():
        printed = verdict.stdout.strip().splitlines()
        more = f" (first 10 of {len(printed)} lines)" if len(printed) > 10 else ""
        parts.append(Text(f"your prints{more}:", style="dim"))
        parts.append(Text(visible("\n".join(printed[:10]), keep="\n\t"), style="dim"))
    return Group(*parts)


def code_view(code: str) -> Syntax:
    return Syntax(code.rstrip(), "python", theme="ansi_dark", background_color="default")


def solution_view(reference: str, alternative_text: str | None = None,
                  alternative: str | None = None) -> RenderableType:
    parts: list[RenderableType] = [Text("reference solution:", style="bold"), code_view(reference)]
    if alternative_text and alternative:
        parts += [Text("another way:", style="bold"), markdown(alternative_text),
                  code_view(alternative)]
    return Group(*parts)
