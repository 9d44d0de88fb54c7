"""similar_batch: the puzzle shows in training mode only, and the numbers lesson 6 explains."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from bntutor.live.similar_batch import SimilarBatchArgs, similar_batch


@functools.cache
def _quick_run() -> dict[str, Any]:
    """similar_batch(seed=0, quick=True), trained once for the module."""
    return similar_batch(SimilarBatchArgs(seed=0, quick=True)).values


def test_similar_batch_collapses_only_in_training_mode() -> None:
    v = _quick_run()
    bn_train, bn_eval, gn_train, gn_eval = range(4)
    similar, diverse = v["similar_accuracy"], v["diverse_accuracy"]
    assert similar[bn_train] < similar[bn_eval] - 0.3, "the puzzle must be plain to see"
    assert diverse[bn_train] >= 0.8 and diverse[bn_eval] >= 0.8
    # eval mode: a prediction does not depend on the rest of the batch
    assert v["shift_max"][bn_eval] < 1e-5
    assert v["eval_alone_max_diff"] < 1e-5
    assert v["shift_max"][bn_train] > 0.1
    # GroupNorm has no batch statistics: same predictions in both modes, any batch
    assert similar[gn_train] == similar[gn_eval]
    assert v["shift_max"][gn_train] < 1e-5 and v["shift_max"][gn_eval] < 1e-5
    assert v["batch_std"]["near_copies"] < v["batch_std"]["diverse"]
    assert v["running_std_after"] != v["running_std_before"]


def test_similar_batch_numbers_that_lesson_6_explains() -> None:
    # Lesson 6 plays similar_batch(seed=0, quick=True) and explains these numbers in words.
    v = _quick_run()
    bn_eval, gn_eval = 1, 3
    similar = v["similar_accuracy"]
    # eval-mode BN scores the near-copies lower; the GroupNorm twin gets the same copies
    # (almost) all right, so the copies are not simply harder images
    assert similar[bn_eval] < v["diverse_accuracy"][bn_eval]
    assert similar[gn_eval] > similar[bn_eval] and similar[gn_eval] >= 0.95
    # predicting near-copies in training mode blends their statistics into the running
    # ones (momentum 0.1 per batch), it does not overwrite them with the last batch's
    std = v["batch_std"]
    assert std["near_copies"] < v["running_std_after"] < v["running_std_before"]
    # and eval accuracy on the 32 varied images then moves by one image, upwards
    assert v["eval_accuracy_after"] - v["eval_accuracy_before"] == pytest.approx(1 / 32)
