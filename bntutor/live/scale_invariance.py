"""``bn_scale_invariance``: a linear layer followed by BN ignores the scale of its weights.

``BN((a·W) x) = BN(W x)`` for any ``a > 0``, and the gradient with respect to the scaled
weights is ``1/a`` times as large: bigger weights learn more slowly, which is why BN
tolerates large learning rates and why weight decay on such weights acts as a knob on
the effective learning rate.
"""

from __future__ import annotations

from pydantic import Field

from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, computation
from bntutor.live.results import LiveResult, ScalarsBlock


class BnScaleInvarianceArgs(Args):
    seed: int = Field(0, ge=0, le=1_000_000)
    scale: float = Field(10.0, gt=0, le=1e6, description="a: the weights are multiplied by it")
    samples: int = Field(16, ge=2, le=256)
    in_features: int = Field(5, ge=1, le=64)
    out_features: int = Field(3, ge=1, le=64)


@computation(
    BnScaleInvarianceArgs,
    "Scaling the weights before BN: same output, smaller gradient",
    ("output_diff", "grad_ratio", "grad_norm", "grad_norm_scaled"),
)
def bn_scale_invariance(args: BnScaleInvarianceArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.engine import trace
    from bntutor.live._tensors import generator

    gen = generator(args.seed)
    x = torch.randn((args.samples, args.in_features), generator=gen, dtype=torch.float64)
    weight = torch.randn((args.out_features, args.in_features), generator=gen,
                         dtype=torch.float64)
    target = torch.randn((args.samples, args.out_features), generator=gen, dtype=torch.float64)

    def forward(w: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        w = w.clone().requires_grad_(True)
        y = trace(x @ w.T).y
        loss = ((y - target) ** 2).mean()
        (grad,) = torch.autograd.grad(loss, w)
        return y.detach(), grad

    y1, g1 = forward(weight)
    ya, ga = forward(args.scale * weight)
    out_diff = float((y1 - ya).abs().max())
    ratio = float(ga.norm() / g1.norm())
    return LiveResult(
        blocks=[
            ScalarsBlock(
                f"Linear → BN with weights W and with {args.scale:g}·W",
                [
                    ("largest difference between the outputs", out_diff),
                    ("‖∂loss/∂W‖ with W", float(g1.norm())),
                    (f"‖∂loss/∂W‖ with {args.scale:g}·W", float(ga.norm())),
                    ("ratio", ratio),
                ],
                digits=8,
            )
        ],
        values={"output_diff": out_diff, "grad_ratio": ratio,
                "grad_norm": float(g1.norm()), "grad_norm_scaled": float(ga.norm())},
    )
