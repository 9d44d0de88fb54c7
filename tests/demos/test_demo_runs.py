"""Every demo, run with --quick: its document is JSON, its numbers mean what it says.

Reports are cached per session (one run per demo); the CLI tests in test_demo_cli.py
drive the real command.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from rich.console import Console

from bntutor.demos.base import DemoOptions, DemoReport
from bntutor.demos.registry import DEMOS, demo_names, find_demo
from bntutor.errors import NotFoundError
from bntutor.ui.demo_view import demo_view

_REPORTS: dict[str, DemoReport] = {}
ISSUE_DEMOS = ["cnn-bn", "fc-bn", "similar-batch", "moving-average", "l1-vs-l2", "overfit",
               "dropout-variance", "fold-bn", "small-batch", "sync-bn"]


def report(name: str) -> DemoReport:
    if name not in _REPORTS:
        _REPORTS[name] = find_demo(name).run(DemoOptions(seed=0, quick=True))
    return _REPORTS[name]


def sections(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(report(name).document(), allow_nan=False))
    return document["sections"]


def test_the_issue_s_demos_are_all_listed_in_order() -> None:
    assert demo_names() == ISSUE_DEMOS
    assert all(d.title and d.summary and len(d.summary) <= 62 for d in DEMOS)


def test_unknown_demo_names_the_known_ones() -> None:
    with pytest.raises(NotFoundError) as caught:
        find_demo("simlar-batch")
    assert "similar-batch" in caught.value.one_line()


@pytest.mark.parametrize("name", ISSUE_DEMOS)
def test_demo_runs_quick_and_renders(name: str) -> None:
    done = report(name)
    keys = [s.key for s in done.sections]
    assert keys and len(keys) == len(set(keys))
    assert all(s.heading and s.intro for s in done.sections)
    document = json.loads(json.dumps(done.document(), allow_nan=False))
    assert document["demo"] == name and document["seed"] == 0 and document["quick"] is True
    out = io.StringIO()
    Console(file=out, width=100, no_color=True, color_system=None).print(demo_view(done))
    text = out.getvalue()
    assert done.title in text
    assert all(s.heading in text for s in done.sections)
    narrow = io.StringIO()
    Console(file=narrow, width=30, no_color=True, color_system=None).print(demo_view(done))
    assert done.title.split()[0] in narrow.getvalue()


def test_similar_batch_reproduces_the_puzzle() -> None:
    v = sections("similar-batch")
    acc = v["predict"]["similar_accuracy"]
    modes = v["predict"]["modes"]
    bn_train, bn_eval = modes.index("BN, training mode"), modes.index("BN, eval mode")
    assert acc[bn_train] < acc[bn_eval] - 0.3
    shift = v["batch-mates"]["shift_max"]
    assert shift[bn_eval] < 1e-5 and shift[bn_train] > 0.1
    assert v["batch-mates"]["eval_alone_max_diff"] < 1e-5


def test_cnn_bn_layouts_agree_and_engine_matches_torch() -> None:
    v = sections("cnn-bn")
    assert v["layouts"]["mean_nhwc"] == pytest.approx(v["slices"]["mean"], abs=1e-6)
    assert max(v["check"].values()) < 1e-5


def test_fc_bn_gamma_sigma_beta_mu_gives_the_input_back() -> None:
    assert sections("fc-bn")["gamma-beta"]["identity_max_diff"] < 1e-5


def test_moving_average_none_is_the_mean_of_batch_means() -> None:
    v = sections("moving-average")
    curves = v["curves"]["curves"]
    means = curves["torch momentum=None"]["mean"]
    assert means[-1] == pytest.approx(v["cumulative"]["mean_of_batch_means"], abs=1e-5)
    assert v["cumulative"]["cumulative_max_diff"] < 1e-5


def test_l1_has_more_exact_zeros_than_l2() -> None:
    zeros = sections("l1-vs-l2")["zeros"]
    assert sum(zeros["l1_zeros"]) > sum(zeros["l2_zeros"]) == 0


def test_overfit_l2_tames_the_highest_degree() -> None:
    v = sections("overfit")["sweep"]
    assert v["test_mse"][-1] > v["test_mse_l2"][-1]


def test_dropout_variance_sim_beside_formula() -> None:
    v = sections("dropout-variance")["shift"]
    for sim, formula in zip(v["bn_test_var_sim"], v["bn_test_var_formula"], strict=True):
        assert sim == pytest.approx(formula, rel=0.1)


def test_fold_bn_outputs_equal() -> None:
    v = sections("fold-bn")
    assert v["fold"]["max_diff"] < 1e-5
    assert set(v["time"]["timing"]) == {"time_unfolded_ms", "time_folded_ms", "saved_fraction"}


def test_small_batch_noise_falls_with_batch_size() -> None:
    noise = sections("small-batch")["noise"]["std_of_mean"]
    assert noise == sorted(noise, reverse=True)


def test_sync_bn_synced_stats_equal_full_batch_while_ranks_differ() -> None:
    v = sections("sync-bn")
    check = v["check"]
    assert check["sync_vs_full"] < 1e-6
    assert check["local_vs_full"] > 0.1
    assert check["output_max_diff"] < 1e-5 and check["grad_input_max_diff"] < 1e-4
    ranks = v["ranks"]
    assert ranks["local_mean"][0] != pytest.approx(ranks["local_mean"][1], abs=0.1)
    assert ranks["sync_mean"][0] == pytest.approx(ranks["sync_mean"][1], abs=1e-6)
    # torch's own SyncBatchNorm was asked too: it ran (and then agrees) or it refused
    verdict = check["torch_sync_bn"]
    assert verdict.startswith(("ran on", "refused on"))
    if verdict.startswith("ran on"):
        assert float(verdict.rsplit(" ", 1)[1]) < 1e-5


def test_same_seed_same_numbers() -> None:
    again = find_demo("moving-average").run(DemoOptions(seed=0, quick=True)).document()
    assert again == report("moving-average").document()
    other = find_demo("moving-average").run(DemoOptions(seed=1, quick=True)).document()
    assert other["sections"]["curves"] != again["sections"]["curves"]


def test_progress_is_reported_for_training() -> None:
    seen: list[tuple[str, int, int]] = []
    find_demo("similar-batch").run(DemoOptions(seed=2, quick=True),
                                   lambda label, done, total: seen.append((label, done, total)))
    labels = {label for label, _, _ in seen}
    assert len(labels) == 2
    assert all(0 < done <= total for _, done, total in seen)
    assert any(done == total for _, done, total in seen)


def test_similar_batch_counts_the_images_whose_answer_changed() -> None:
    from bntutor.demos.similar_batch import damage_text

    one = damage_text(31 / 32, 1.0, 32)
    assert "from 97% to 100% (31 to 32 of its 32 images right)" in one
    assert "a few" not in one
    assert "(12 to 15 of its 16 images right)" in damage_text(0.75, 15 / 16, 16)
    assert damage_text(1.0, 31 / 32, 32).startswith("Here eval-mode accuracy on the diverse "
                                                   "batch fell from 100% to 97%.")
