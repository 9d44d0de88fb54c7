"""Finding maths in markdown: code spans found through the one index of backtick runs,
and a text as large as content may hold is rendered whole."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.content._texts import MAX_TEXT
from bntutor.ui._mathmarkdown import _BacktickRuns, replace_math
from bntutor.ui.prose import markdown

from ..screen import screen_text


def _reference_code_span_end(text: str, start: int) -> int:
    """The definition: the next maximal run of the same length closes the span."""
    run = len(re.match(r"`+", text[start:]).group())  # type: ignore[union-attr]
    match = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(text, start + run)
    return match.end() if match else start + run


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="`a \\\n", max_size=60), st.data())
def test_the_run_index_finds_the_span_the_definition_does(text: str, data: st.DataObject) -> None:
    starts = [i for i, ch in enumerate(text) if ch == "`"]
    if not starts:
        return
    start = data.draw(st.sampled_from(starts))
    assert _BacktickRuns(text).code_span_end(start) == _reference_code_span_end(text, start)


def _runs_text(n: int) -> str:
    """Unmatched backtick runs of growing length: each was searched for to the end."""
    parts, k = [], 1
    while sum(map(len, parts)) < n:
        parts.append("`" * k + " x ")
        k += 1
    return "".join(parts)[:n]


def test_a_text_as_long_as_content_may_hold_is_rendered_whole() -> None:
    body = "The mean $\\mu_B$ is `x.mean(0)`; ``a`b`` and $$\\frac{1}{m}\\sum_i x_i$$ end. "
    copies = (MAX_TEXT - 20) // len(body)
    text = body * copies + "the last words"
    assert MAX_TEXT - len(body) < len(text) <= MAX_TEXT
    shown = screen_text(markdown(text))
    assert shown.count("μ_B") == copies and "the last words" in shown


def test_unmatched_runs_are_copied_as_they_are() -> None:
    text = _runs_text(MAX_TEXT)
    assert replace_math(text, lambda latex: "MATH") == text
