"""sync_bn_stats: combined statistics equal those of the whole batch (numpy as reference)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.live.sync_bn import SyncBnStatsArgs, sync_bn_stats

device = st.lists(st.integers(-50, 50).map(float), min_size=1, max_size=6)


@settings(max_examples=30, deadline=None)
@given(parts=st.lists(device, min_size=1, max_size=4).filter(lambda ps: sum(map(len, ps)) > 1))
def test_combined_equals_whole_batch(parts: list[list[float]]) -> None:
    values = sync_bn_stats(SyncBnStatsArgs(values=parts)).values
    everything = np.concatenate([np.array(p) for p in parts])
    assert values["global_mean"] == pytest.approx(everything.mean(), abs=1e-9)
    assert values["global_var"] == pytest.approx(everything.var(), abs=1e-9)
    assert values["mean_of_vars"] == pytest.approx(np.mean([np.var(p) for p in parts]), abs=1e-9)
    assert values["whole_diff"] < 1e-9


def test_a_batch_of_one_value_is_rejected() -> None:
    with pytest.raises(ValueError):
        SyncBnStatsArgs(values=[[1.0]])
    with pytest.raises(ValueError):
        SyncBnStatsArgs(devices=1, per_device=1)


def test_worked_example_from_lesson_8() -> None:
    values = sync_bn_stats(SyncBnStatsArgs(values=[[4, 9, 3, 0], [6, 12, 10, 6]])).values
    assert values["device_means"] == [4.0, 8.5]
    assert values["global_var"] == pytest.approx(13.6875)
    assert values["mean_of_vars"] == pytest.approx((10.5 + 6.75) / 2)
