"""number_table: numbers formatted, labels in place, highlights visible with or without colour."""

from __future__ import annotations

import io

import numpy as np
import pytest
from rich.console import Console
from rich.table import Table

from bntutor.ui._numfmt import format_number
from bntutor.ui.tables import number_table


def render(table: Table, **console: object) -> str:
    out = io.StringIO()
    Console(file=out, width=100, **console).print(table)  # type: ignore[arg-type]
    return out.getvalue()


def plain_rows(table: Table) -> list[list[str]]:
    """The table's body as lists of cell texts (row label first when there is one)."""
    lines = render(table, color_system=None).splitlines()
    body = [line.split() for line in lines if line.strip() and not set(line.strip()) <= {"─"}]
    return body


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (2.5, 4, "2.5"),
        (1 / 3, 4, "0.3333"),
        (-2 / 3, 2, "-0.67"),
        (1.0, 4, "1"),
        (3, 4, "3"),
        (-0.00001, 4, "-1e-05"),
        (-0.00004, 2, "-4e-05"),
        (1e-12, 4, "1e-12"),
        (0.0, 4, "0"),
        (-0.0, 4, "0"),
        (-0.00001, 2, "-1e-05"),
        (123456.789, 2, "123456.79"),
        (2e10, 4, "2e+10"),
        (float("nan"), 4, "nan"),
        (float("inf"), 4, "∞"),
        (float("-inf"), 4, "-∞"),
        (None, 4, "…"),
        (np.float32(0.25), 4, "0.25"),
    ],
)
def test_format_number(value: float | None, digits: int, text: str) -> None:
    assert format_number(value, digits) == text


def test_values_labels_and_title() -> None:
    table = number_table(
        [[1, 2.5], [1 / 3, -4]], row_labels=["n0", "n1"], col_labels=["f0", "f1"], title="x"
    )
    assert plain_rows(table) == [["x"], ["f0", "f1"], ["n0", "1", "2.5"], ["n1", "0.3333", "-4"]]


def test_a_flat_list_is_one_row_and_digits_apply() -> None:
    assert plain_rows(number_table([1 / 3, 2 / 3], digits=2)) == [["0.33", "0.67"]]


def test_numpy_rows_and_ellipsis_cells() -> None:
    table = number_table(np.array([[0.5, 1.5]]).tolist() + [[None, None]])
    assert plain_rows(table) == [["0.5", "1.5"], ["…", "…"]]


def test_highlight_is_visible_without_colour() -> None:
    table = number_table([[1, 2], [3, 4]], highlight=[(0, 1), (1, 1)])
    assert plain_rows(table) == [["1", "[2]"], ["3", "[4]"]]
    text = render(table, color_system=None)
    assert "\x1b[" not in text


def test_highlight_is_styled_with_colour() -> None:
    text = render(number_table([[1, 2]], highlight=[(0, 0)]), force_terminal=True)
    assert "\x1b[" in text and "[1]" in text
    plain = render(number_table([[1, 2]]), force_terminal=True)
    assert "[1]" not in plain


def test_markup_in_labels_is_shown_as_text() -> None:
    table = number_table([[1]], row_labels=["[bold]r[/bold]"], col_labels=["[red]c"])
    text = render(table, color_system=None)
    assert "[bold]r[/bold]" in text and "[red]c" in text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": [[1, 2], [3]]}, "equal length"),
        ({"values": [[1, 2]], "row_labels": ["a", "b"]}, "2 row labels for 1 rows"),
        ({"values": [[1, 2]], "col_labels": ["a"]}, "1 column labels for 2 columns"),
    ],
)
def test_mismatched_sizes_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        number_table(**kwargs)  # type: ignore[arg-type]
