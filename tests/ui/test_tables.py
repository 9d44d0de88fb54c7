"""number_table: numbers formatted, labels in place, highlights visible with or without colour."""

from __future__ import annotations

import numpy as np
import pytest
from rich.console import RenderableType

from bntutor.numbers import format_number
from bntutor.ui.tables import decimal_padding, number_table

from ..screen import screen_text


def plain_rows(table: RenderableType) -> list[list[str]]:
    """The table's body as lists of cell texts (row label first when there is one)."""
    lines = screen_text(table, 100).splitlines()
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
    text = screen_text(table, 100)
    assert "\x1b[" not in text


def test_highlight_is_styled_with_colour() -> None:
    text = screen_text(number_table([[1, 2]], highlight=[(0, 0)]), color=True)
    assert "\x1b[" in text and "[1]" in text
    plain = screen_text(number_table([[1, 2]]), color=True)
    assert "[1]" not in plain


def test_markup_in_labels_is_shown_as_text() -> None:
    table = number_table([[1]], row_labels=["[bold]r[/bold]"], col_labels=["[red]c"])
    text = screen_text(table, 100)
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


def test_decimal_points_line_up() -> None:
    assert decimal_padding(["1", "2.5", "0.125", "-3e-05", "…"]) == [4, 2, 0, 0, 0]
    assert decimal_padding(["1", "20"]) == [0, 0]
    table = number_table([[1], [2.5], [0.125], [-10]], col_labels=["x"])
    lines = screen_text(table, 40).splitlines()
    points = {line.index(".") for line in lines if "." in line}
    assert len(points) == 1  # every decimal point in the same column
    assert lines[2:] == ["  1", "  2.5", "  0.125", "-10"]


def test_a_wide_table_is_split_into_parts_with_row_labels_never_cutting_numbers() -> None:
    values = [[float(c + 10 * r) + 0.25 for c in range(8)] for r in range(2)]
    table = number_table(values, ["sample 0", "sample 1"], [f"feature {c}" for c in range(8)],
                         title="x")
    lines = screen_text(table, 60).splitlines()
    assert "…" not in "\n".join(lines)
    assert all(len(line) <= 60 for line in lines)
    assert lines[0] == "x"
    headers = [line.split("feature ")[1:] for line in lines if "feature" in line]
    assert [[h.strip() for h in part] for part in headers] == [["0", "1", "2", "3"],
                                                              ["4", "5", "6", "7"]]
    body = " ".join(lines)
    for value in values[0] + values[1]:
        assert format_number(value) in body
    assert sum(line.startswith("sample 1") for line in lines) == 2  # labels in each part


def test_long_row_labels_and_headers_wrap_before_the_table_is_split() -> None:
    labels = ["BN, training mode", "GroupNorm, training mode"]
    table = number_table([[0.969, 0.305], [1, 0.98]], labels,
                         ["diverse batch", "near-identical batch"], title="accuracy")
    lines = screen_text(table, 50).splitlines()
    assert all(len(line) <= 50 for line in lines)
    assert "…" not in "\n".join(lines)
    assert sum("0.98" in line for line in lines) == 1  # one part: nothing repeated
    assert any(line.startswith("GroupNorm,") for line in lines)


def test_without_row_labels_the_first_column_starts_every_part() -> None:
    rows = [[d, 0.1 * d, 0.2 * d, 1000.5 * d, 2000.25 * d] for d in (1, 2, 12)]
    table = number_table(rows, col_labels=["degree", "train", "test", "‖w‖", "‖w‖, L2"])
    lines = screen_text(table, 36).splitlines()
    assert [line.split()[0] for line in lines if "degree" in line] == ["degree", "degree"]
    assert sum(line.split()[:1] == ["12"] for line in lines) == 2
    assert all(len(line) <= 36 for line in lines) and "…" not in "\n".join(lines)
