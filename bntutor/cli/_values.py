"""The learner's numbers as typed on the command line: ``"1,2,3;4,5,6"``, ``"8,3,4,4"``.

Pure parsing and checking: every problem is a :class:`BadInputError` naming the option,
the row and the item, so the learner can fix the one thing that is wrong.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from bntutor.errors import BadInputError

Layout = Literal["NC", "NCHW", "NHWC"]
LAYOUTS: tuple[Layout, ...] = ("NC", "NCHW", "NHWC")
MAX_ELEMENTS = 100_000  # a lesson-sized batch; more would flood the terminal and memory
_MAX_CHARS = 40 * MAX_ELEMENTS
_FORMAT_HINT = 'separate samples with ";" and features with ",", e.g. --values "1,2;3,4"'


@dataclass(frozen=True)
class Batch:
    """Numbers in row-major order with their shape and where the channels are."""

    values: list[float]
    shape: tuple[int, ...]
    layout: Layout
    seed: int | None = None
    """The seed of random numbers; None when the learner typed them."""

    @property
    def channel_axis(self) -> int:
        return -1 if self.layout == "NHWC" else 1

    @property
    def num_channels(self) -> int:
        return self.shape[self.channel_axis]

    @property
    def per_channel(self) -> int:
        """How many values each channel has (``N`` or ``N*H*W``)."""
        return math.prod(self.shape) // self.num_channels


def parse_number(text: str, where: str, hint: str = _FORMAT_HINT) -> float:
    """One finite number; ``−`` (the Unicode minus) is read as ``-``."""
    cleaned = text.strip().replace("−", "-")
    if not cleaned:
        raise BadInputError("a number is missing", where, hint)
    try:
        value = float(cleaned)
    except ValueError:
        raise BadInputError(f"{cleaned[:20]!r} is not a number", where, hint) from None
    if not math.isfinite(value):
        raise BadInputError(f"{cleaned!r} is not a finite number", where, "use ordinary numbers")
    return value


def parse_rows(text: str, option: str = "--values") -> list[list[float]]:
    """``"1,2;3,4"`` -> ``[[1, 2], [3, 4]]``; rows may differ in length."""
    _check_size(text, option)
    if not text.strip():
        raise BadInputError("no numbers given", option, _FORMAT_HINT)
    rows: list[list[float]] = []
    for r, row_text in enumerate(text.split(";"), start=1):
        if not row_text.strip():
            raise BadInputError(f"row {r} is empty", option, _FORMAT_HINT)
        rows.append(
            [
                parse_number(item, f"{option} row {r}, item {i}")
                for i, item in enumerate(row_text.split(","), start=1)
            ]
        )
    return rows


def parse_matrix(text: str, option: str = "--values") -> list[list[float]]:
    """Rows of equal length: one row per sample, one column per feature."""
    rows = parse_rows(text, option)
    for r, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            raise BadInputError(
                f"row {r} has {_numbers(len(row))} but row 1 has {_numbers(len(rows[0]))}",
                option,
                "give every sample (row) one number per feature",
            )
    return rows


def parse_vector(text: str, option: str) -> list[float]:
    """``"1, 0.5"`` -> ``[1.0, 0.5]``: one number per channel."""
    _check_size(text, option)
    hint = 'give one number per channel, e.g. "1,0.5"'
    if not text.strip():
        raise BadInputError("no numbers given", option, hint)
    return [
        parse_number(item, f"{option} item {i}", hint)
        for i, item in enumerate(re.split(r"[,;]", text), start=1)
    ]


def vector_for(text: str | None, option: str, count: int, unit: str) -> list[float] | None:
    """``--gamma``/``--beta``: one number per ``unit`` (channel, feature), ``count`` in all."""
    if text is None:
        return None
    vector = parse_vector(text, option)
    if len(vector) != count:
        raise BadInputError(
            f"{len(vector)} number{'s' * (len(vector) != 1)} given for "
            f"{count} {unit}{'s' * (count != 1)}", option, f"give one number per {unit}",
        )
    return vector


def parse_shape(text: str, option: str = "--shape") -> tuple[int, ...]:
    """``"8,3,4,4"`` or ``"8x3x4x4"`` -> ``(8, 3, 4, 4)``; every size at least 1."""
    parts = [p.strip() for p in re.split(r"[,x×]", text.strip().strip("()[]"))]
    if not text.strip() or any(not p for p in parts):
        raise BadInputError(f"{text!r} is not a shape", option, "write sizes like 8,3,4,4")
    sizes: list[int] = []
    for p in parts:
        if not p.isdigit() or len(p) > 9:
            raise BadInputError(f"{p[:20]!r} is not a size", option, "sizes are whole numbers >= 1")
        sizes.append(int(p))
    if min(sizes) < 1:
        raise BadInputError("a size of 0 leaves nothing to normalize", option, "sizes must be >= 1")
    if math.prod(sizes) > MAX_ELEMENTS:
        raise BadInputError(
            f"shape {text.strip()} holds {math.prod(sizes):,} values, more than {MAX_ELEMENTS:,}",
            option,
            "use a smaller shape",
        )
    return tuple(sizes)


def build_batch(values: str | None, shape: str | None, layout: str | None, seed: int) -> Batch:
    """Decide the batch from ``--values``, ``--shape`` and ``--layout`` (random if no values)."""
    if values is None and shape is None:
        raise BadInputError("no numbers given", "--values", f"{_FORMAT_HINT}, or --shape 8,3,4,4")
    sizes = parse_shape(shape) if shape is not None else None
    chosen = _layout(layout, sizes)
    if sizes is None:
        if chosen != "NC":
            raise BadInputError(
                f"--layout {chosen} needs --shape to arrange the values",
                "--shape",
                "give the shape of the batch, e.g. --shape 2,3,2,2",
            )
        assert values is not None
        rows = parse_matrix(values)
        return Batch([v for row in rows for v in row], (len(rows), len(rows[0])), chosen)
    if values is None:
        return Batch(random_values(sizes, seed), sizes, chosen, seed=seed)
    flat = [v for row in parse_rows(values) for v in row]
    if len(flat) != math.prod(sizes):
        raise BadInputError(
            f"{_numbers(len(flat))} given but shape {','.join(map(str, sizes))} needs "
            f"{math.prod(sizes)}",
            "--values",
            "give exactly as many numbers as the shape holds, in row-major order",
        )
    return Batch(flat, sizes, chosen)


def random_values(shape: tuple[int, ...], seed: int) -> list[float]:
    """Reproducible numbers for ``shape`` (mean 1, spread 2, two decimals) from ``seed``."""
    import numpy as np

    rng = np.random.default_rng(seed)
    return [round(float(v), 2) for v in rng.normal(1.0, 2.0, size=math.prod(shape))]


def _layout(layout: str | None, sizes: tuple[int, ...] | None) -> Layout:
    if layout is None:
        if sizes is None or len(sizes) == 2:
            return "NC"
        if len(sizes) == 4:
            return "NCHW"
        raise BadInputError(
            f"a {len(sizes)}-D shape has no layout",
            "--shape",
            "give N,C for a fully-connected batch, N,C,H,W for images (N,H,W,C with --layout NHWC)",
        )
    upper = layout.upper()
    if upper not in LAYOUTS:
        raise BadInputError(f"unknown layout {layout!r}", "--layout", "use NC, NCHW or NHWC")
    wanted = 2 if upper == "NC" else 4
    if sizes is not None and len(sizes) != wanted:
        raise BadInputError(
            f"--layout {upper} needs a {wanted}-D shape, got {len(sizes)}-D",
            "--shape",
            "N,C for NC; N,C,H,W for NCHW; N,H,W,C for NHWC",
        )
    return upper


def _numbers(count: int) -> str:
    return f"{count} number{'s' * (count != 1)}"


def _check_size(text: str, option: str) -> None:
    count = text.count(",") + text.count(";") + 1
    if len(text) > _MAX_CHARS or count > MAX_ELEMENTS:
        raise BadInputError(
            f"too many numbers (at most {MAX_ELEMENTS:,})", option, "use a smaller batch"
        )
