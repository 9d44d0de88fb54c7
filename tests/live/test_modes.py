"""bn_modes against torch's nn.BatchNorm1d driven through the same batches."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from bntutor.live.modes import BnModesArgs, batches, bn_modes


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
