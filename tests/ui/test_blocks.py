"""Live-result blocks rendered to text: tables, scalars, markdown and terminal plots."""

from __future__ import annotations

import math

import pytest

from bntutor.live.results import (
    LiveResult,
    PlotBlock,
    ScalarsBlock,
    Series,
    TensorBlock,
    TextBlock,
)
from bntutor.ui.blocks import MIN_PLOT_WIDTH, render_block, render_blocks

from ..screen import screen_text


def test_tensor_block_shows_labels_highlight_and_caption() -> None:
    block = TensorBlock("stats", [[1.0, 2.5], [3.0, -0.25]], row_labels=["a", "b"],
                        col_labels=["x", "y"], highlight=[(1, 1)], caption="a note")
    text = screen_text(render_block(block))
    assert "stats" in text and "a note" in text
    assert "[-0.25]" in text and "2.5" in text


def test_scalars_block_formats_numbers_and_keeps_strings() -> None:
    block = ScalarsBlock("checks", [("diff", 4.76837158203125e-07), ("status", "skipped"),
                                    ("count", 144)])
    text = screen_text(render_block(block))
    assert "4.768e-07" in text and "skipped" in text and "144" in text


def test_scalars_title_wraps_at_the_screen_and_values_line_up() -> None:
    block = ScalarsBlock("engine vs nn.BatchNorm2d (largest absolute difference)",
                         [("trace output", 2.5), ("a much longer name for a value", 10),
                          ("count", 0.125)])
    lines = [line.rstrip() for line in screen_text(render_block(block), width=44).splitlines()]
    assert lines[0] == "engine vs nn.BatchNorm2d (largest absolute"  # the screen's width,
    assert lines[1] == "difference)"  # not the narrower table's
    values = [line for line in lines[2:] if line]
    assert {line.index(".") for line in values if "." in line} == {len(values[0]) - 2}
    assert values[1].endswith("10") and len(values[1]) == len(values[0]) - 2


def test_text_block_is_markdown_with_maths() -> None:
    text = screen_text(render_block(TextBlock(r"**mean** is $\mu_B$")))
    assert "mean" in text and "μ" in text and "$" not in text


@pytest.mark.parametrize("kind", ["line", "scatter"])
def test_line_plot_has_title_axes_and_a_legend(kind: str) -> None:
    block = PlotBlock("curves", kind, [Series("up", [1, 2, 3], [1, 2, 3]),  # type: ignore[arg-type]
                                       Series("down", [1, 2, 3], [3, 2, 1])], xlabel="step")
    text = screen_text(render_block(block))
    assert "curves" in text and "step" in text
    assert "• up" in text and "x down" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_histograms_get_one_panel_per_series() -> None:
    block = PlotBlock("before and after", "hist",
                      [Series("before", [0.1 * i for i in range(50)], []),
                       Series("after", [0.2 * i - 5 for i in range(50)], [])], bins=10)
    text = screen_text(render_block(block))
    assert text.count("before") >= 2 and "after" in text  # title, then the panels


def test_bar_plot_shows_category_labels() -> None:
    block = PlotBlock("accuracy", "bar", [Series("acc", [0, 1], [0.3, 0.9])],
                      labels=["BN train", "BN eval"])
    text = screen_text(render_block(block))
    assert "BN train" in text and "BN eval" in text


def test_plot_in_colour_uses_ansi_and_fits() -> None:
    block = PlotBlock("c", "line", [Series("s", [1, 2], [1, 2])])
    text = screen_text(render_block(block), color=True)
    assert "\x1b[" in text


def test_narrow_console_gets_a_summary_instead_of_a_plot() -> None:
    block = PlotBlock("curves", "line", [Series("up", [1, 2, 3], [1.0, 2.0, 4.0])])
    text = screen_text(render_block(block), width=MIN_PLOT_WIDTH - 1)
    assert "too narrow" in text and "4" in text and "┤" not in text
    chinese = screen_text(render_block(block, "zh"), width=MIN_PLOT_WIDTH - 1)
    assert "（屏幕太窄，画不下图）" in chinese and "序列" in chinese and "末值" in chinese


def test_data_plotext_cannot_draw_still_shows_numbers() -> None:
    block = PlotBlock("bad", "line", [Series("nan", [1, 2], [math.nan, math.inf])])
    text = screen_text(render_block(block))
    assert "no plot" in text and "∞" in text


def test_render_blocks_takes_a_live_result_or_a_list() -> None:
    blocks = [ScalarsBlock("one", [("a", 1)]), ScalarsBlock("two", [("b", 2)])]
    assert screen_text(render_blocks(LiveResult(blocks=list(blocks)))) == screen_text(
        render_blocks(blocks))


def test_legend_entries_are_never_split_across_lines() -> None:
    from bntutor.ui._plot import legend

    series = [Series(label, [0.0], [0.0]) for label in ("train", "test", "train, L2", "test, L2")]
    lines = [line.rstrip() for line in screen_text(legend(series, True, 30), 30).splitlines()]
    assert lines == ["• train   x test   + train, L2", "o test, L2"]
    assert screen_text(legend(series, True), 80).strip() == (
        "• train   x test   + train, L2   o test, L2"
    )


def test_a_long_text_value_follows_the_table_so_numbers_stay_readable_at_80() -> None:
    refusal = ("refused on cpu: ValueError: SyncBatchNorm expected input tensor to be on GPU "
               "or XPU or privateuseone")
    block = ScalarsBlock("synchronized BN vs BN of the whole batch (largest absolute difference)",
                         [("own batch statistics", 1.1061), ("output", 3.6e-07),
                          ("gradient of γ and β (summed over ranks)", 2.1e-06),
                          ("torch.nn.SyncBatchNorm", refusal)])
    for width in (60, 80, 140):
        text = screen_text(render_block(block), width=width)
        lines = [line.rstrip() for line in text.splitlines()]
        assert max(len(line) for line in lines) <= width
        # every name sits on a line with its number (nothing squeezed out or wrapped away)
        assert any("own batch statistics" in line and "1.1061" in line for line in lines)
        assert any(line.startswith("output") and "3.6e-07" in line for line in lines)
        # the refusal comes whole, after the numbers, under its name
        joined = " ".join(line.strip() for line in lines)
        assert "torch.nn.SyncBatchNorm " + refusal in joined
        assert joined.index("3.6e-07") < joined.index("refused on cpu")
