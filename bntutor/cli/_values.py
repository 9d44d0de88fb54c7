"""The learner's numbers as typed on the command line: ``"1,2,3;4,5,6"``, ``"8,3,4,4"``.

Pure parsing and checking: every problem is a :class:`BadInputError` naming the option,
the row and the item, so the learner can fix the one thing that is wrong; its words come
from the message catalog (``input.*``), in English and Chinese.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from bntutor.errors import BadInputError
from bntutor.messages import error_words, message

Layout = Literal["NC", "NCHW", "NHWC"]
LAYOUTS: tuple[Layout, ...] = ("NC", "NCHW", "NHWC")
MAX_ELEMENTS = 100_000  # a lesson-sized batch; more would flood the terminal and memory
_MAX_CHARS = 40 * MAX_ELEMENTS
_FORMAT_HINT = "input.format.hint"


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


def bad_input(key: str, where: str | None, hint: str | None = None,
              zh_where: str | None = None, **values: object) -> BadInputError:
    """The catalog's error ``key`` (and ``hint``, a catalog key too) at ``where``."""
    what, hint_text, zh = error_words(key, hint, **values)
    return BadInputError(what, where, hint_text, zh=zh, zh_where=zh_where)


def parse_number(text: str, where: str, zh_where: str | None = None,
                 hint: str = _FORMAT_HINT) -> float:
    """One finite number; ``−`` (the Unicode minus) is read as ``-``. ``hint`` is a
    catalog key."""
    cleaned = text.strip().replace("−", "-")
    if not cleaned:
        raise bad_input("input.missing", where, hint, zh_where)
    try:
        value = float(cleaned)
    except ValueError:
        raise bad_input("input.not_number", where, hint, zh_where,
                        text=repr(cleaned[:20])) from None
    if not math.isfinite(value):
        raise bad_input("input.not_finite", where, "input.not_finite.hint", zh_where,
                        text=repr(cleaned))
    return value


def _where(key: str, **values: object) -> tuple[str, str]:
    """A place in the learner's numbers (``--values row 2, item 3``), in English and Chinese."""
    return message(key, "en", **values), message(key, "zh", **values)


def parse_rows(text: str, option: str = "--values") -> list[list[float]]:
    """``"1,2;3,4"`` -> ``[[1, 2], [3, 4]]``; rows may differ in length."""
    _check_size(text, option)
    if not text.strip():
        raise bad_input("input.none", option, _FORMAT_HINT)
    rows: list[list[float]] = []
    for r, row_text in enumerate(text.split(";"), start=1):
        if not row_text.strip():
            raise bad_input("input.row_empty", option, _FORMAT_HINT, r=r)
        rows.append([parse_number(item, *_where("where.row_item", option=option, r=r, i=i))
                     for i, item in enumerate(row_text.split(","), start=1)])
    return rows


def parse_matrix(text: str, option: str = "--values") -> list[list[float]]:
    """Rows of equal length: one row per sample, one column per feature."""
    rows = parse_rows(text, option)
    for r, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            raise bad_input("input.ragged", option, "input.ragged.hint", r=r,
                            got=_numbers(len(row)), first=_numbers(len(rows[0])))
    return rows


def parse_vector(text: str, option: str) -> list[float]:
    """``"1, 0.5"`` -> ``[1.0, 0.5]``: one number per channel."""
    _check_size(text, option)
    hint = "input.vector.hint"
    if not text.strip():
        raise bad_input("input.none", option, hint)
    return [parse_number(item, *_where("where.item", option=option, i=i), hint=hint)
            for i, item in enumerate(re.split(r"[,;]", text), start=1)]


def vector_for(text: str | None, option: str, count: int, unit: str) -> list[float] | None:
    """``--gamma``/``--beta``: one number per ``unit`` (channel, feature), ``count`` in all."""
    if text is None:
        return None
    vector = parse_vector(text, option)
    if len(vector) != count:
        zh_unit = {"channel": "通道", "feature": "特征"}.get(unit, unit)
        raise bad_input("input.per_unit", option, "input.per_unit.hint",
                        given=_numbers(len(vector)),
                        count={"en": f"{count} {unit}{'s' * (count != 1)}",
                               "zh": f"{count} 个{zh_unit}"},
                        unit={"en": unit, "zh": zh_unit})
    return vector


def parse_shape(text: str, option: str = "--shape") -> tuple[int, ...]:
    """``"8,3,4,4"`` or ``"8x3x4x4"`` -> ``(8, 3, 4, 4)``; every size at least 1."""
    parts = [p.strip() for p in re.split(r"[,x×]", text.strip().strip("()[]"))]
    if not text.strip() or any(not p for p in parts):
        raise bad_input("input.not_shape", option, "input.not_shape.hint", text=repr(text))
    sizes: list[int] = []
    for p in parts:
        if not p.isdigit() or len(p) > 9:
            raise bad_input("input.not_size", option, "input.not_size.hint", text=repr(p[:20]))
        sizes.append(int(p))
    if min(sizes) < 1:
        raise bad_input("input.zero_size", option, "input.zero_size.hint")
    if math.prod(sizes) > MAX_ELEMENTS:
        raise bad_input("input.too_big", option, "input.too_big.hint", shape=text.strip(),
                        count=f"{math.prod(sizes):,}", most=f"{MAX_ELEMENTS:,}")
    return tuple(sizes)


def build_batch(values: str | None, shape: str | None, layout: str | None, seed: int) -> Batch:
    """Decide the batch from ``--values``, ``--shape`` and ``--layout`` (random if no values)."""
    if values is None and shape is None:
        raise bad_input("input.none", "--values", "input.format_or_shape.hint", shape="8,3,4,4")
    sizes = parse_shape(shape) if shape is not None else None
    chosen = _layout(layout, sizes)
    if sizes is None and chosen != "NC":
        raise bad_input("input.layout_needs_shape", "--shape",
                        "input.layout_needs_shape.hint", layout=chosen)
    flat, sizes = shaped_values(values, sizes, seed, "input.count_shape.hint")
    return Batch(flat, sizes, chosen, seed=seed if values is None else None)


def norm_input(values: str | None, shape: str | None, seed: int) -> tuple[list[float],
                                                                          tuple[int, ...]]:
    """The numbers and their shape for ``compute ln|rms`` (any number of dimensions)."""
    if values is None and shape is None:
        raise bad_input("input.none", "--values", "input.rows_or_shape.hint", shape="2,4,8")
    sizes = parse_shape(shape) if shape is not None else None
    return shaped_values(values, sizes, seed, "input.count_shape_any.hint")


def shaped_values(values: str | None, sizes: tuple[int, ...] | None, seed: int,
                  count_hint: str) -> tuple[list[float], tuple[int, ...]]:
    """Typed rows (no ``sizes``), typed numbers arranged in ``sizes``, or random ones."""
    if sizes is None:
        assert values is not None
        rows = parse_matrix(values)
        return [v for row in rows for v in row], (len(rows), len(rows[0]))
    if values is None:
        return random_values(sizes, seed), sizes
    flat = [v for row in parse_rows(values) for v in row]
    if len(flat) != math.prod(sizes):
        raise bad_input("input.count_shape", "--values", count_hint,
                        given=_numbers(len(flat)), shape=",".join(map(str, sizes)),
                        need=math.prod(sizes))
    return flat, sizes


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
        raise bad_input("input.no_layout", "--shape", "input.no_layout.hint", d=len(sizes))
    upper = layout.upper()
    if upper not in LAYOUTS:
        raise bad_input("input.unknown_layout", "--layout", "input.unknown_layout.hint",
                        layout=repr(layout))
    wanted = 2 if upper == "NC" else 4
    if sizes is not None and len(sizes) != wanted:
        raise bad_input("input.layout_dims", "--shape", "input.layout_dims.hint", layout=upper,
                        wanted=wanted, got=len(sizes))
    return upper


def _numbers(count: int) -> dict[str, str]:
    return {"en": f"{count} number{'s' * (count != 1)}", "zh": f"{count} 个数"}


def _check_size(text: str, option: str) -> None:
    count = text.count(",") + text.count(";") + 1
    if len(text) > _MAX_CHARS or count > MAX_ELEMENTS:
        raise bad_input("input.too_many", option, "input.too_many.hint", most=f"{MAX_ELEMENTS:,}")
