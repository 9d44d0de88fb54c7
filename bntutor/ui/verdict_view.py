"""A checked answer on screen: ✓/✗, the diagnosed mistake, per-element diffs, explanation.

Diagnoses, feedback messages and option notes are author text: their maths and markdown
are rendered like the rest of a lesson, and they wrap under themselves, clear of the
``↳`` that leads them.
"""

from __future__ import annotations

import re

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bntutor.checking.verdict import ElementDiff, Verdict
from bntutor.control_chars import visible
from bntutor.messages import message
from bntutor.numbers import format_number
from bntutor.ui.mathtext import render_math_in_text
from bntutor.ui.player_views import options_view
from bntutor.ui.prose import labelled, markdown

RIGHT_MARK = "✓"
WRONG_MARK = "✗"
MAX_DIFF_ROWS = 12  # a larger tensor shows its wrong elements first, then "... n more"
_NEXT_OPTION = re.compile(r"; (?=[a-z]\) )")  # "a) one; c) three": one option a line
_OPTION = re.compile(r"([a-z])\) (.*)", re.S)


def verdict_view(
    verdict: Verdict, tries_left: int | None = None, hints_left: int | None = None,
    lang: str = "en",
) -> RenderableType:
    """The verdict of one answer. ``tries_left`` is said after a wrong answer, if given,
    with ``:hint`` suggested while hints are left (``hints_left`` None: not known)."""
    mark, style, key = ((RIGHT_MARK, "bold green", "verdict.right") if verdict.correct
                        else (WRONG_MARK, "bold red", "verdict.wrong"))
    parts: list[RenderableType] = [Text(f"{mark} ", style=style)
                                   + Text(visible(verdict.message) or message(key, lang))]
    if verdict.diagnosis:
        parts.append(diagnosis_view(verdict.diagnosis))
    if verdict.diffs and not verdict.correct:
        parts.append(diff_table(verdict.diffs, lang))
    if not verdict.correct and tries_left:
        then = message("verdict.then_hint" if hints_left is None or hints_left > 0
                       else "hint.skip", lang)
        left = message("verdict.try_left" if tries_left == 1 else "verdict.tries_left", lang,
                       n=tries_left, then=then)
        parts.append(Text(f"  {left}", style="dim"))
    return Group(*parts)


def diagnosis_view(diagnosis: str) -> Table:
    """``  ↳ what went wrong``, maths and markdown rendered, wrapped under itself."""
    return labelled(Text("↳ ", style="yellow"), markdown(diagnosis, style="yellow"), indent=2)


def diff_table(diffs: list[ElementDiff], lang: str = "en") -> Table:
    """Each element: index, your value, expected value, ✓/✗; wrong ones first if cut."""
    shown = diffs
    if len(diffs) > MAX_DIFF_ROWS:
        shown = sorted(diffs, key=lambda d: d.ok)[:MAX_DIFF_ROWS]
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1))
    table.add_column("  " + message("diff.element", lang), style="dim")
    table.add_column(message("diff.yours", lang), justify="right")
    table.add_column(message("diff.expected", lang), justify="right")
    table.add_column("")
    for diff in shown:
        mark = Text(RIGHT_MARK, style="green") if diff.ok else Text(WRONG_MARK, style="red")
        given = format_number(diff.given)
        table.add_row(
            "  [" + ", ".join(str(i) for i in diff.index) + "]",
            Text(given, style="" if diff.ok else "red"),
            format_number(diff.expected),
            mark,
        )
    if len(diffs) > len(shown):
        table.add_row("  " + message("diff.more", lang, n=len(diffs) - len(shown)), "", "", "")
    return table


def answer_line(
    label: str, answer: str, indent: int = 0, label_style: str = "bold", answer_style: str = ""
) -> Table:
    """``label`` then the answer (its maths as Unicode; one line per option of a multiple
    choice), wrapped under itself."""
    return labelled(Text(label, style=label_style), _answer_body(answer, answer_style), indent)


def _answer_body(answer: str, style: str) -> RenderableType:
    """Options (``a) text; c) text``) as they were shown in the question, one a line and
    wrapped under their own text; any other answer as plain text, maths converted."""
    matches = [_OPTION.match(part) for part in _NEXT_OPTION.split(answer)]
    options = [match.groups() for match in matches if match is not None]
    if len(options) < len(matches):
        return Text(render_math_in_text(visible(answer)), style=style)
    return options_view([text for _, text in options], [f"{letter})" for letter, _ in options],
                        style, style or "none")


def reveal_view(answer: str | None, explanation: str | None, skipped: bool = False,
                lang: str = "en") -> Group:
    """The answer (after a skip or the last wrong try) and the explanation."""
    parts: list[RenderableType] = []
    if answer:
        label = message("reveal.skipped" if skipped else "reveal.answer", lang)
        parts.append(answer_line(label, answer))
    if explanation:
        parts.append(markdown(explanation))
    return Group(*parts)
