"""bn_ignore_normalization against the drift worked out by hand (BN paper, section 2)."""

from __future__ import annotations

import pytest

from bntutor.live.ignore_norm import BnIgnoreNormalizationArgs, bn_ignore_normalization


@pytest.mark.parametrize(("steps", "lr", "offset"), [(20, 0.1, 1.0), (7, 0.3, -2.0)])
def test_ignoring_the_mean_makes_b_drift_while_the_loss_stays(
    steps: int, lr: float, offset: float
) -> None:
    args = BnIgnoreNormalizationArgs(steps=steps, lr=lr, offset=offset)
    values = bn_ignore_normalization(args).values
    # x_hat - t = -offset for every sample: loss offset², gradient -2·offset every step
    assert values["b_ignoring"] == pytest.approx(steps * lr * 2 * offset)
    assert values["b_per_step"] == pytest.approx(lr * 2 * offset)
    assert values["loss_before"] == pytest.approx(offset**2)
    assert values["loss_after_ignoring"] == pytest.approx(offset**2)
    assert values["b_full"] == pytest.approx(0.0, abs=1e-12)
    assert values["loss_after_full"] == pytest.approx(offset**2)


def test_the_losses_are_written_by_the_one_formatter() -> None:
    from bntutor.live.results import ScalarsBlock

    result = bn_ignore_normalization(BnIgnoreNormalizationArgs(steps=20, lr=0.1, offset=1.0))
    scalars = next(b for b in result.blocks if isinstance(b, ScalarsBlock))
    changes = [v for name, v in scalars.items if name.startswith("loss before")]
    assert changes == ["1 → 1", "1 → 1"]  # the loss stays at offset² either way
