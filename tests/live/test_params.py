"""bn_param_counts against the counts worked out by hand."""

from __future__ import annotations

import pytest

from bntutor.live.params import BnParamCountsArgs, bn_param_counts


def test_batchnorm2d_64_has_128_parameters_and_3_buffers() -> None:
    values = bn_param_counts(BnParamCountsArgs(kind="BatchNorm2d", num_features=64)).values
    assert values["parameters"] == 128
    assert values["buffers"] == 3
    assert values["buffer_elements"] == 129
    assert values["params_and_running"] == 256
    assert values["state_dict_keys"] == [
        "weight", "bias", "running_mean", "running_var", "num_batches_tracked"
    ]
    assert values["same_keys_as_engine"] is True


@pytest.mark.parametrize("kind", ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d"])
@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("track", [True, False])
def test_counts_follow_the_flags(kind: str, affine: bool, track: bool) -> None:
    args = BnParamCountsArgs.model_validate(
        {"kind": kind, "num_features": 5, "affine": affine, "track_running_stats": track}
    )
    values = bn_param_counts(args).values
    assert values["parameters"] == (10 if affine else 0)
    assert values["buffers"] == (3 if track else 0)
    assert values["buffer_elements"] == (11 if track else 0)
    assert values["same_keys_as_engine"] is True
