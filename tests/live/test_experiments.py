"""The demo experiments, run by name through the live registry as lessons run them.

Every result is checked for what it means (against torch's own modules, closed forms,
or the statistics the experiment is about), not for fixed numbers.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from typing import Any

import pytest

from bntutor.errors import ContentError
from bntutor.live import LiveResult, default_registry

REGISTRY = default_registry()
_CACHE: dict[str, LiveResult] = {}


def run(name: str, **args: Any) -> LiveResult:
    """Each computation once per session with ``quick=True`` (plus ``args``)."""
    key = f"{name}{sorted(args.items())}"
    if key not in _CACHE:
        _CACHE[key] = REGISTRY.run(name, {"quick": True, **args})
    return _CACHE[key]


def test_bad_arguments_are_content_errors() -> None:
    with pytest.raises(ContentError, match="batch"):
        REGISTRY.check_args("similar_batch", {"batch": 1})
    with pytest.raises(ContentError, match="rates"):
        REGISTRY.check_args("dropout_variance", {"rates": [1.0]})
    with pytest.raises(ContentError, match="column"):
        REGISTRY.check_args("bn_column", {"features": 2, "column": 5})
    with pytest.raises(ContentError, match="nonsense"):
        REGISTRY.check_args("fold_bn", {"nonsense": 1})


def test_importing_the_catalog_and_demo_list_does_not_import_torch() -> None:
    code = ("import sys\n"
            "import bntutor.live.catalog, bntutor.content.demos, bntutor.cli.demo\n"
            "from bntutor.live import default_registry\n"
            "default_registry().check_args('similar_batch', {'quick': True})\n"
            "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "NO-TORCH"


def test_same_seed_same_numbers_other_seed_other_numbers() -> None:
    a = REGISTRY.run("cnn_channel_stats", {"seed": 3}).values
    b = REGISTRY.run("cnn_channel_stats", {"seed": 3}).values
    c = REGISTRY.run("cnn_channel_stats", {"seed": 4}).values
    assert a == b
    assert a["mean"] != c["mean"]


def test_computations_leave_no_trace_on_torch_globals() -> None:
    import torch

    threads = torch.get_num_threads()
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    REGISTRY.run("dropout_variance", {"quick": True})
    assert torch.equal(torch.rand(3), expected)
    assert torch.get_num_threads() == threads


# -- one experiment at a time -------------------------------------------------------------


def test_cnn_channel_stats_pool_n_h_w_per_channel() -> None:
    v = run("cnn_channel_stats").values
    n, c, h, w = v["shape_nchw"]
    assert v["count"] == n * h * w and v["shape_nhwc"] == [n, h, w, c]
    for ch in range(c):
        assert statistics.fmean(v["slice_means"][ch]) == pytest.approx(v["mean"][ch], abs=1e-6)
        # the pooled variance = mean within-slice variance + variance of the slice means
        within = statistics.fmean(v["slice_vars"][ch])
        between = statistics.pvariance(v["slice_means"][ch])
        assert within + between == pytest.approx(v["var"][ch], rel=1e-5)
        assert statistics.fmean(v["channel0_before"]) == pytest.approx(v["mean"][0], abs=1e-6)
    assert v["mean_nhwc"] == pytest.approx(v["mean"], abs=1e-6)
    assert v["var_nhwc"] == pytest.approx(v["var"], rel=1e-5)
    for key in ("diff_trace", "diff_module_nchw", "diff_module_nhwc", "diff_running"):
        assert v[key] < 1e-5, key
    assert v["after_mean"] == pytest.approx([0.0] * c, abs=1e-6)
    assert v["after_var"] == pytest.approx([s / (s + 1e-5) for s in v["var"]], rel=1e-5)


def test_lasso_has_exact_zeros_ridge_has_none() -> None:
    v = run("lasso_vs_ridge").values
    p = len(v["true_weights"])
    assert v["l1_zeros"][0] == p, "at the largest λ every lasso weight is 0"
    assert all(z == 0 for z in v["l2_zeros"])
    assert any(z1 > z2 for z1, z2 in zip(v["l1_zeros"], v["l2_zeros"], strict=True))
    assert v["l1_zeros"] == sorted(v["l1_zeros"], reverse=True), "λ falls, zeros fall"
    assert v["lambdas"] == sorted(v["lambdas"], reverse=True)


def test_polynomial_sweep_overfits_without_l2() -> None:
    v = run("poly_overfit").values
    train = v["train_mse"]
    assert all(b <= a + 1e-9 for a, b in zip(train, train[1:], strict=False))
    assert v["test_mse"][-1] > v["test_mse_l2"][-1]
    assert v["test_mse"][-1] > min(v["test_mse"])
    assert v["coef_norm_l2"][-1] < v["coef_norm"][-1]
    assert v["best_degree"] == v["degrees"][v["test_mse"].index(min(v["test_mse"]))]


def test_dropout_variance_matches_the_formula() -> None:
    v = run("dropout_variance").values
    for i, rate in enumerate(v["rates"]):
        keep = 1 - rate
        formula = (1 + 1) / keep - 1  # μ = σ = 1
        assert v["train_var_formula"][i] == pytest.approx(formula)
        assert v["train_var_sim"][i] == pytest.approx(formula, rel=0.06)
        assert v["bn_test_var_sim"][i] == pytest.approx(1 / formula, rel=0.08)
    assert v["bn_test_var_sim"][0] == pytest.approx(1.0, rel=0.05)
    assert v["bn_test_var_sim"] == sorted(v["bn_test_var_sim"], reverse=True)


def test_folded_conv_gives_the_same_outputs() -> None:
    v = run("fold_bn").values
    assert v["max_diff"] < 1e-5 and v["linear_max_diff"] < 1e-5
    assert v["time_unfolded_ms"] > 0 and v["time_folded_ms"] > 0


def test_batch_statistics_noise_shrinks_like_one_over_root_b() -> None:
    v = run("small_batch_noise").values
    for got, want in zip(v["std_of_mean"], v["std_of_mean_formula"], strict=True):
        assert got == pytest.approx(want, rel=0.15)
    for got, want in zip(v["std_of_var"], v["std_of_var_formula"], strict=True):
        assert got == pytest.approx(want, rel=0.2)
    assert v["std_of_mean"][0] > 5 * v["std_of_mean"][-1]


def test_groupnorm_beats_bn_at_batch_size_two() -> None:
    from bntutor.live.batch_noise import SmallBatchTrainingArgs, run_small_batch_training

    v = run_small_batch_training(SmallBatchTrainingArgs(quick=True)).values()
    acc = v["accuracy"]
    assert set(acc) == {"BN, batch size 2", "GroupNorm, batch size 2", "BN, batch size 32"}
    assert acc["GroupNorm, batch size 2"] > acc["BN, batch size 2"] + 0.1
    assert acc["BN, batch size 32"] > acc["BN, batch size 2"] + 0.1


def test_similar_batch_collapses_only_in_training_mode() -> None:
    v = run("similar_batch").values
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
    v = REGISTRY.run("similar_batch", {"seed": 0, "quick": True}).values
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
