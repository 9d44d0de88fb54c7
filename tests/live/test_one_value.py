"""bn_one_value: torch's BN refuses a training batch exactly when a channel has one value."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from bntutor.live.one_value import BnOneValueArgs, bn_one_value, shapes


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
