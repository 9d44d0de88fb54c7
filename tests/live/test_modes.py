"""bn_modes against torch's nn.BatchNorm1d driven through the same batches; bn_one_value:
torch's BN refuses a training batch exactly when a channel has one value."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from bntutor.live.modes import BnModesArgs, BnOneValueArgs, batches, bn_modes, bn_one_value, shapes


def test_modes_match_torch() -> None:
    args = BnModesArgs(seed=4, features=3, batch_size=6, warmup=30)
    values = bn_modes(args).values
    warmup, test = batches(args)
    bn = nn.BatchNorm1d(3, dtype=torch.float64).train()
    with torch.no_grad():
        for b in warmup:
            bn(b)
        assert bn.running_mean is not None
        before = float(bn.running_mean[0])
        y_eval = bn.eval()(test)
        y_train = bn.train()(test)
        after = float(bn.running_mean[0])
    assert values["train_first"] == pytest.approx(y_train[0].tolist(), abs=1e-9)
    assert values["eval_first"] == pytest.approx(y_eval[0].tolist(), abs=1e-9)
    assert values["running_mean_before"] == pytest.approx(before, abs=1e-12)
    assert values["running_mean_train"] == pytest.approx(after, abs=1e-12)


def test_what_each_switch_changes() -> None:
    values = bn_modes(BnModesArgs(warmup=50)).values
    assert values["nograd_vs_train_diff"] == 0.0
    assert values["running_mean_nograd"] == values["running_mean_train"]
    assert values["running_mean_nograd"] != values["running_mean_before"]
    assert values["running_mean_eval"] == values["running_mean_before"]
    assert (values["tracked_before"], values["tracked_nograd"], values["tracked_eval"]) == (
        50, 51, 50)
    assert values["eval_alone_diff"] < 1e-12
    assert values["eval_vs_train_diff"] > 1e-3
    assert "Expected more than 1 value per channel" in values["batch1_error"]


def test_raises_exactly_when_one_value_per_channel() -> None:
    values = bn_one_value(BnOneValueArgs(channels=3)).values
    for shape, raised, n in zip(shapes(3), values["raises"], values["values_per_channel"],
                                strict=True):
        assert n == shape[0] * math.prod(shape[2:])
        assert raised == (n == 1), shape
    assert values["engine_raises"] == values["raises"]
    assert values["raised_count"] == 3


@pytest.mark.parametrize("shape", [(1, 3, 1, 1), (1, 3, 4, 4), (2, 3, 1, 1)])
def test_one_image_claims_checked_on_torch(shape: tuple[int, ...]) -> None:
    # The lesson's claim: BatchNorm2d accepts one image with H·W > 1 but not [1, C, 1, 1]
    bn = nn.BatchNorm2d(3).train()
    one_value = shape[0] * shape[2] * shape[3] == 1
    if one_value:
        with pytest.raises(ValueError, match="more than 1 value per channel"):
            bn(torch.randn(shape))
    else:
        assert bn(torch.randn(shape)).shape == shape
