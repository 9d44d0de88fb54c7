"""The list of demos, in the order ``bntutor demo`` shows them."""

from __future__ import annotations

from bntutor.demos.base import DemoInfo
from bntutor.errors import NotFoundError

DEMOS: tuple[DemoInfo, ...] = (
    DemoInfo(
        "cnn-bn",
        "BN on a conv feature map",
        "Per-channel statistics over N×H×W, in NCHW and NHWC; engine vs nn.BatchNorm2d.",
        "bntutor.demos.cnn_bn:sections",
    ),
    DemoInfo(
        "fc-bn",
        "BN in a fully connected layer",
        "One feature's statistics down a batch of 8; γ and β turned by hand.",
        "bntutor.demos.fc_bn:sections",
    ),
    DemoInfo(
        "similar-batch",
        "The similar-images puzzle",
        "Why near-identical images predict badly in training mode, and not in eval mode.",
        "bntutor.demos.similar_batch:sections",
    ),
    DemoInfo(
        "moving-average",
        "Running statistics",
        "Running mean and variance vs the truth: momenta, torch vs Keras, momentum=None.",
        "bntutor.demos.moving_average:sections",
    ),
    DemoInfo(
        "l1-vs-l2",
        "L1 vs L2",
        "Coefficient paths over λ for lasso and ridge, and how many weights are exactly 0.",
        "bntutor.demos.l1_vs_l2:sections",
    ),
    DemoInfo(
        "overfit",
        "Overfitting a polynomial",
        "Train and test error as the degree grows, with and without L2.",
        "bntutor.demos.overfit:sections",
    ),
    DemoInfo(
        "dropout-variance",
        "Dropout before BN",
        "The variance shift dropout leaves at test time, simulated beside the formula.",
        "bntutor.demos.dropout_variance:sections",
    ),
    DemoInfo(
        "fold-bn",
        "Folding BN into a conv",
        "An eval-mode BN merged into the conv before it: same outputs, less time.",
        "bntutor.demos.fold_bn:sections",
    ),
    DemoInfo(
        "small-batch",
        "Small batches",
        "Noise of batch statistics as the batch shrinks; BN vs GroupNorm at batch size 2.",
        "bntutor.demos.small_batch:sections",
    ),
    DemoInfo(
        "sync-bn",
        "Synchronized BN",
        "Two processes: per-rank statistics differ, synchronized ones equal full-batch BN.",
        "bntutor.demos.sync_bn:sections",
    ),
)


def demo_names() -> list[str]:
    return [d.name for d in DEMOS]


def find_demo(name: str) -> DemoInfo:
    """The demo called ``name``; a NotFoundError lists the known names."""
    for demo in DEMOS:
        if demo.name == name:
            return demo
    raise NotFoundError(
        f"unknown demo {name!r}",
        hint=f"known demos: {', '.join(demo_names())} (list them with `bntutor demo`)",
    )
