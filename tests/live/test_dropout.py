"""inverted_dropout: the survivors are scaled by 1/(1-p), eval mode is the identity."""

from __future__ import annotations

import pytest

from bntutor.live.dropout import (
    DropoutVarianceArgs,
    InvertedDropoutArgs,
    dropout_variance,
    inverted_dropout,
)


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 0.9])
def test_inverted_dropout(p: float) -> None:
    values = inverted_dropout(InvertedDropoutArgs(p=p, n=20, value=3.0, show=20)).values
    scale = 1 / (1 - p)
    assert values["scale"] == pytest.approx(scale)
    assert values["keep_prob"] == pytest.approx(1 - p)
    assert all(v == 0 or v == pytest.approx(3.0 * scale) for v in values["train_output"])
    assert values["kept"] == sum(1 for v in values["train_output"] if v != 0)
    assert values["eval_output"] == [3.0] * 20


def test_the_mean_is_kept_on_average() -> None:
    values = inverted_dropout(InvertedDropoutArgs(p=0.5, n=100_000)).values
    assert values["train_mean"] == pytest.approx(1.0, abs=0.02)
    assert values["eval_mean"] == 1.0


def test_dropout_variance_matches_the_formula() -> None:
    v = dropout_variance(DropoutVarianceArgs(quick=True)).values
    for i, rate in enumerate(v["rates"]):
        keep = 1 - rate
        formula = (1 + 1) / keep - 1  # μ = σ = 1
        assert v["train_var_formula"][i] == pytest.approx(formula)
        assert v["train_var_sim"][i] == pytest.approx(formula, rel=0.06)
        assert v["bn_test_var_sim"][i] == pytest.approx(1 / formula, rel=0.08)
    assert v["bn_test_var_sim"][0] == pytest.approx(1.0, rel=0.05)
    assert v["bn_test_var_sim"] == sorted(v["bn_test_var_sim"], reverse=True)
