"""What a live computation returns: display blocks plus named values.

Plain data, no torch and no rich: ``ui/`` renders blocks, lessons and quizzes read
``values`` (JSON-friendly numbers, lists and strings) as expected answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bntutor.errors import ContentError

Number = float | int


@dataclass(frozen=True)
class TensorBlock:
    """A 1-D or 2-D table of numbers; ``highlight`` marks (row, col) cells to emphasise."""

    title: str
    values: list[list[float]]
    row_labels: list[str] | None = None
    col_labels: list[str] | None = None
    highlight: list[tuple[int, int]] = field(default_factory=list)
    caption: str = ""
    digits: int = 4


@dataclass(frozen=True)
class ScalarsBlock:
    """Named scalars shown as a two-column table (name, value)."""

    title: str
    items: list[tuple[str, Number | str]]
    digits: int = 4


@dataclass(frozen=True)
class Series:
    label: str
    x: list[float]
    y: list[float]


@dataclass(frozen=True)
class PlotBlock:
    """A small terminal plot: ``line`` curves, ``hist`` histograms (x = samples), ``bar``."""

    title: str
    kind: Literal["line", "hist", "bar", "scatter"]
    series: list[Series]
    xlabel: str = ""
    ylabel: str = ""
    bins: int = 20
    labels: list[str] | None = None  # category names for ``bar``


@dataclass(frozen=True)
class TextBlock:
    """Markdown text (inline LaTeX allowed) produced by a computation."""

    text: str


Block = TensorBlock | ScalarsBlock | PlotBlock | TextBlock


@dataclass(frozen=True)
class LiveResult:
    """Display blocks and the named values a lesson may check answers against."""

    blocks: list[Block] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    def value(self, key: str, computation: str) -> Any:
        """The value named ``key`` (of ``computation``, named in the error if it has none);
        ``a.b`` and ``a[0]`` index into nested values."""
        current: Any = self.values
        for part in _path(key):
            try:
                current = current[part]
            except (KeyError, IndexError, TypeError):
                known = ", ".join(sorted(self.values)) or "none"
                raise ContentError(
                    f"computation {computation} has no value {key!r} (it gives: {known})"
                ) from None
        return current


def _path(key: str) -> list[str | int]:
    parts: list[str | int] = []
    for dotted in key.split("."):
        name, *indexes = dotted.split("[")
        if name:
            parts.append(name)
        for index in indexes:
            parts.append(int(index.rstrip("]")))
    return parts
