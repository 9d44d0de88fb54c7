"""Every demo, run with --quick: its document is JSON, its texts are filled in both
languages, its numbers mean what it says.

Runs are cached per session (one run per demo); the CLI tests in tests/cli/test_demo.py
drive the real command.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from typing import Any

import pytest
from rich.console import Console

from bntutor.content.demo_run import DemoRun, run_demo
from bntutor.content.demos import demo_list, find_demo, load_demo
from bntutor.content.i18n import localize
from bntutor.content.models import ComputeStep
from bntutor.errors import NotFoundError
from bntutor.live.catalog import default_registry
from bntutor.live.results import LiveResult
from bntutor.ui.blocks import render_blocks
from bntutor.ui.step_view import step_content

REGISTRY = default_registry()
_RUNS: dict[str, DemoRun] = {}
ISSUE_DEMOS = ["cnn-bn", "fc-bn", "similar-batch", "moving-average", "l1-vs-l2", "overfit",
               "dropout-variance", "fold-bn", "small-batch", "sync-bn"]


def demo_run(name: str, seed: int = 0) -> DemoRun:
    key = f"{name}/{seed}"
    if key not in _RUNS:
        demo = load_demo(find_demo(name).path, REGISTRY)
        _RUNS[key] = run_demo(demo, REGISTRY, seed=seed, quick=True)
    return _RUNS[key]


def sections(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(demo_run(name).document(), allow_nan=False))
    return document["sections"]


def screen(run: DemoRun, lang: str, width: int = 100) -> str:
    """The filled demo, every step as the player draws it."""
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True, color_system=None)

    def compute(_: str, args: dict[str, Any]) -> Any:
        return render_blocks(run.blocks(args["step"]), lang)

    for step in run.lesson().steps:
        console.print(step_content(step, lang, compute))
    return out.getvalue()


def test_the_issue_s_demos_are_all_listed_in_order() -> None:
    demos = demo_list()
    assert [d.slug for d in demos] == ISSUE_DEMOS
    for d in demos:
        assert isinstance(d.summary, dict) and isinstance(d.title, dict)
        assert d.title["zh"] and 0 < len(d.summary["en"]) <= 62 and d.summary["zh"]


def test_unknown_demo_names_the_known_ones() -> None:
    with pytest.raises(NotFoundError) as caught:
        find_demo("simlar-batch")
    assert "similar-batch" in caught.value.one_line()
    assert "similar-batch" in caught.value.one_line("zh") and "演示" in caught.value.one_line("zh")


@pytest.mark.parametrize("name", ISSUE_DEMOS)
def test_demo_runs_quick_and_renders_in_both_languages(name: str) -> None:
    run = demo_run(name)
    document = json.loads(json.dumps(run.document(), allow_nan=False))
    assert document["demo"] == name and document["seed"] == 0 and document["quick"] is True
    computes = [s for s in run.lesson().steps if isinstance(s, ComputeStep)]
    assert computes and list(document["sections"]) == [s.id for s in computes]
    for step in computes:
        assert run.blocks(step.id), step.id
        for lang in ("en", "zh"):  # every placeholder filled, every text in both languages
            for text in (step.body, step.after):
                if text is not None:
                    assert isinstance(text, dict) and not re.search(r"[{}]", text[lang])
    english, chinese = screen(run, "en"), screen(run, "zh")
    assert localize(run.lesson().steps[0].title, "en") in english
    assert localize(run.lesson().steps[0].title, "zh") in chinese
    assert re.search(r"[\u4e00-\u9fff]", chinese)
    assert screen(run, "en", width=30)  # a narrow terminal still gets every step


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
    check = v["check"]
    assert max(check[k] for k in ("diff_trace", "diff_module_nchw", "diff_module_nhwc",
                                  "diff_running")) < 1e-5


def test_fc_bn_gamma_sigma_beta_mu_gives_the_input_back() -> None:
    v = sections("fc-bn")
    assert v["gamma-beta"]["max_abs_diff"] < 1e-5 < v["gamma-beta"]["next_batch_max_abs_diff"]
    assert v["gamma-beta"]["beta"][0] == v["batch"]["mean"]  # the same batch in both steps


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
    timing = v["time"]
    assert timing["time_unfolded_ms"] > 0 and timing["time_folded_ms"] > 0
    assert timing["saving"] == ("measured" if timing["saved_fraction"] > 0.02 else "none")


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
    demo = load_demo(find_demo("moving-average").path, REGISTRY)
    again = run_demo(demo, REGISTRY, seed=0, quick=True).document()
    assert again == demo_run("moving-average").document()
    other = run_demo(demo, REGISTRY, seed=1, quick=True).document()
    assert other["sections"]["curves"] != again["sections"]["curves"]


def test_a_computation_shown_by_several_steps_runs_once() -> None:
    run = demo_run("similar-batch")
    assert len({id(r) for r in run.results.values()}) == 1


def test_progress_is_reported_for_training() -> None:
    seen: list[tuple[str, int, int]] = []
    demo = load_demo(find_demo("similar-batch").path, REGISTRY)
    run_demo(demo, REGISTRY, seed=2, quick=True,
             report=lambda label, done, total: seen.append((label, done, total)))
    labels = {label for label, _, _ in seen}
    assert len(labels) == 2
    assert all(0 < done <= total for _, done, total in seen)
    assert any(done == total for _, done, total in seen)


def _fix_text(before: float, after: float, batch: int, lang: str = "en") -> str:
    """The similar-batch demo's last words on eval accuracy, for a run that moved it from
    ``before`` to ``after`` (fractions of ``batch`` images); the computation names the case."""
    from bntutor.live.similar_batch import SimilarBatchData

    run = demo_run("similar-batch")
    values = dict(run.results["fix"].values)
    data = SimilarBatchData(**{k: values[k] for k in (
        "steps", "train_size", "images", "final_loss", "similar_accuracy", "shift_mean",
        "shift_max", "batch_std", "eval_alone_max_diff", "running_std_after")},
        diverse_accuracy=[before, before, 1.0, 1.0], eval_accuracy_after=after, batch=batch)
    result = LiveResult(run.results["fix"].blocks, data.values())
    args = {**run.args["fix"], "batch": batch}
    moved = replace(run, results={**run.results, "fix": result}, args={**run.args, "fix": args})
    step = next(s for s in moved.lesson().steps if s.id == "fix")
    assert isinstance(step, ComputeStep)
    return localize(step.after, lang)


def test_similar_batch_counts_the_images_whose_answer_changed() -> None:
    one = _fix_text(31 / 32, 1.0, 32)
    assert "from 97% to 100% (31 to 32 of its 32 images right)" in one
    assert "a few" not in one
    assert "32 张图片中分对的从 31 张变成 32 张" in _fix_text(31 / 32, 1.0, 32, "zh")
    assert "(12 to 15 of its 16 images right)" in _fix_text(0.75, 15 / 16, 16)
    assert _fix_text(1.0, 31 / 32, 32).startswith("Here eval-mode accuracy on the diverse "
                                                  "batch fell from 100% to 97%.")
    assert "happens to survive it (eval-mode accuracy stays 75%)" in _fix_text(0.75, 0.75, 16)


def test_what_the_demos_say_about_pytorch_holds_for_the_installed_torch() -> None:
    import torch

    x = torch.randn(8, 3) * 3 + 2
    bn = torch.nn.BatchNorm1d(3)
    assert bn.momentum == 0.1  # "a tenth per batch at PyTorch's default momentum 0.1"
    y = bn.train()(x)  # training mode normalizes with the batch's own statistics
    assert torch.allclose(y.mean(0), torch.zeros(3), atol=1e-5)
    assert torch.allclose(y, (x - x.mean(0)) / (x.var(0, unbiased=False) + bn.eps).sqrt(),
                          atol=1e-5)
    # ... and blends the batch's unbiased variance into the running one: the new batch
    # weighted by momentum (Keras weights the old value by its momentum instead)
    assert torch.allclose(bn.running_var, 0.9 * torch.ones(3) + 0.1 * x.var(0, unbiased=True))
    assert torch.allclose(bn.running_mean, 0.1 * x.mean(0))
    # eval mode uses the running statistics: an image alone gets what it gets in a batch
    bn.eval()
    assert torch.allclose(bn(x[:1]), bn(x)[:1])
    # momentum=None keeps the plain average of every batch so far
    cumulative = torch.nn.BatchNorm1d(3, momentum=None).train()
    batches = [torch.randn(4, 3) for _ in range(5)]
    for batch in batches:
        cumulative(batch)
    expected = torch.stack([b.mean(0) for b in batches]).mean(0)
    assert torch.allclose(cumulative.running_mean, expected, atol=1e-6)
    # inverted dropout keeps the mean: kept units are divided by q = 1 - rate
    kept = torch.nn.Dropout(0.5).train()(torch.ones(1000))
    assert set(kept.unique().tolist()) <= {0.0, 2.0}
