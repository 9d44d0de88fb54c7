"""Parsing the learner's numbers: good text gives numbers, bad text names what is wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.cli._values import (
    MAX_ELEMENTS,
    build_batch,
    parse_matrix,
    parse_number,
    parse_shape,
    parse_vector,
    random_values,
)
from bntutor.errors import BadInputError, ExitStatus


def test_matrix_rows_are_samples_and_columns_features() -> None:
    assert parse_matrix("1,2,3;4,5,6") == [[1, 2, 3], [4, 5, 6]]
    assert parse_matrix(" 1 , -2.5e1 ; 3 , 0.5 ") == [[1, -25.0], [3, 0.5]]
    assert parse_matrix("1;2;3;4") == [[1], [2], [3], [4]]


def test_unicode_minus_is_a_minus() -> None:
    assert parse_number("−1.5", "here") == -1.5


@pytest.mark.parametrize(
    ("text", "what", "where"),
    [
        ("", "no numbers", "--values"),
        ("   ", "no numbers", "--values"),
        ("1,a;3,4", "'a' is not a number", "--values row 1, item 2"),
        ("1,2;3", "row 2 has 1 number but row 1 has 2 numbers", "--values"),
        ("1;;2", "row 2 is empty", "--values"),
        ("1,,2", "a number is missing", "--values row 1, item 2"),
        ("1;inf", "not a finite number", "--values row 2, item 1"),
        ("nan,1", "not a finite number", "--values row 1, item 1"),
    ],
)
def test_bad_matrix_names_the_place(text: str, what: str, where: str) -> None:
    with pytest.raises(BadInputError) as info:
        parse_matrix(text)
    assert what in info.value.what
    assert info.value.where == where
    assert info.value.status == ExitStatus.BAD_INPUT


def test_too_many_numbers_are_refused_before_parsing() -> None:
    with pytest.raises(BadInputError, match="too many numbers"):
        parse_matrix(";".join(["1"] * (MAX_ELEMENTS + 1)))


def test_vector_and_shape() -> None:
    assert parse_vector("1, 0.5", "--gamma") == [1.0, 0.5]
    assert parse_shape("8,3,4,4") == (8, 3, 4, 4)
    assert parse_shape("8x3x4x4") == (8, 3, 4, 4)
    assert parse_shape("(2, 3)") == (2, 3)


@pytest.mark.parametrize("text", ["", "2,,3", "a,b", "2,-3", "2,0", "2.5,3", "1000,1000"])
def test_bad_shape(text: str) -> None:
    with pytest.raises(BadInputError) as info:
        parse_shape(text)
    assert info.value.where == "--shape"


def test_batch_from_rows_defaults_to_nc() -> None:
    batch = build_batch("1,2;3,4;5,6", None, None, seed=0)
    assert (batch.shape, batch.layout, batch.channel_axis) == ((3, 2), "NC", 1)
    assert batch.values == [1, 2, 3, 4, 5, 6]
    assert (batch.num_channels, batch.per_channel, batch.seed) == (2, 3, None)


def test_batch_shape_arranges_values_in_row_major_order() -> None:
    batch = build_batch("1,2,3,4;5,6,7,8", "2,1,2,2", None, seed=0)
    assert (batch.shape, batch.layout, batch.num_channels, batch.per_channel) == (
        (2, 1, 2, 2),
        "NCHW",
        1,
        8,
    )
    nhwc = build_batch("1,2,3,4,5,6", "1,1,2,3", "nhwc", seed=0)
    assert (nhwc.layout, nhwc.channel_axis, nhwc.num_channels, nhwc.per_channel) == (
        "NHWC",
        -1,
        3,
        2,
    )


def test_random_batch_is_reproducible_and_seeded() -> None:
    a = build_batch(None, "4,3,2,2", None, seed=7)
    b = build_batch(None, "4,3,2,2", None, seed=7)
    c = build_batch(None, "4,3,2,2", None, seed=8)
    assert a.values == b.values != c.values
    assert len(a.values) == 48 and a.seed == 7
    assert random_values((5,), 0) == random_values((5,), 0)


@pytest.mark.parametrize(
    ("values", "shape", "layout", "where"),
    [
        (None, None, None, "--values"),
        ("1,2;3,4", None, "NCHW", "--shape"),
        ("1,2,3", "2,1,2,2", None, "--values"),
        (None, "2,3", "NHWC", "--shape"),
        (None, "2,3,4", None, "--shape"),
        (None, "2,3,4,4", "NC", "--shape"),
        ("1;2", None, "CHW", "--layout"),
    ],
)
def test_bad_batch_names_the_option(
    values: str | None, shape: str | None, layout: str | None, where: str
) -> None:
    with pytest.raises(BadInputError) as info:
        build_batch(values, shape, layout, seed=0)
    assert info.value.where == where


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_parses_or_raises_bad_input(text: str) -> None:
    try:
        rows = parse_matrix(text)
    except BadInputError as exc:
        assert exc.where and exc.where.startswith("--values")
    else:
        assert rows and all(len(row) == len(rows[0]) for row in rows)
