"""The list of demos, in the order ``bntutor demo`` shows them."""

from __future__ import annotations

from bntutor.demos.base import DemoInfo
from bntutor.named import ByName

DEMOS: tuple[DemoInfo, ...] = (
    DemoInfo(
        "cnn-bn",
        "BN on a conv feature map",
        "Per-channel stats over N×H×W, NCHW and NHWC, vs BatchNorm2d",
        "bntutor.demos.cnn_bn:sections",
    ),
    DemoInfo(
        "fc-bn",
        "BN in a fully connected layer",
        "One feature's stats down a batch of 8; γ and β by hand",
        "bntutor.demos.fc_bn:sections",
    ),
    DemoInfo(
        "similar-batch",
        "The similar-images puzzle",
        "Near-identical images fail in training mode, not in eval",
        "bntutor.demos.similar_batch:sections",
    ),
    DemoInfo(
        "moving-average",
        "Running statistics",
        "Running mean/var vs the truth: momenta, torch vs Keras",
        "bntutor.demos.moving_average:sections",
    ),
    DemoInfo(
        "l1-vs-l2",
        "L1 vs L2",
        "Lasso and ridge paths over λ; weights that are exactly 0",
        "bntutor.demos.l1_vs_l2:sections",
    ),
    DemoInfo(
        "overfit",
        "Overfitting a polynomial",
        "Train/test error by polynomial degree, with and without L2",
        "bntutor.demos.overfit:sections",
    ),
    DemoInfo(
        "dropout-variance",
        "Dropout before BN",
        "Dropout's test-time variance shift: simulated and formula",
        "bntutor.demos.dropout_variance:sections",
    ),
    DemoInfo(
        "fold-bn",
        "Folding BN into a conv",
        "Eval-mode BN merged into its conv: same outputs, one pass less",
        "bntutor.demos.fold_bn:sections",
    ),
    DemoInfo(
        "small-batch",
        "Small batches",
        "Noisy stats as batches shrink; BN vs GroupNorm at batch 2",
        "bntutor.demos.small_batch:sections",
    ),
    DemoInfo(
        "sync-bn",
        "Synchronized BN",
        "Two processes: synchronized stats equal full-batch BN",
        "bntutor.demos.sync_bn:sections",
    ),
)


_BY_NAME = ByName(DEMOS, lambda d: d.name, "demo",
                  "known demos: {names} (list them with `bntutor demo`)")


def demo_names() -> list[str]:
    return _BY_NAME.names()


def find_demo(name: str) -> DemoInfo:
    """The demo called ``name``; a NotFoundError lists the known names."""
    return _BY_NAME.get(name)
