"""Ridge and lasso where they have closed forms.

``ridge_closed_form``: ``w = (XᵀX + λI)⁻¹ Xᵀy`` minimizes ``‖y − Xw‖² + λ‖w‖²``, for a grid of
λ: it tends to the least-squares solution as λ → 0 and to zero, like ``Xᵀy / λ``, as λ → ∞.

``lasso_orthonormal``: with orthonormal columns (``XᵀX = I``) the lasso
``½‖y − Xw‖² + λ‖w‖₁`` separates per coordinate, and its solution is the soft-thresholded
least-squares coefficients ``sign(ŵ) max(|ŵ| − λ, 0)`` with ``ŵ = Xᵀy``. The computation
builds such a design, solves the lasso by proximal gradient descent, and compares.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from bntutor.live.progress import ReportProgress
from bntutor.live.registry import computation
from bntutor.live.results import LiveResult, ScalarsBlock, TensorBlock


class RidgeClosedFormArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = Field(0, ge=0, le=1_000_000)
    samples: int = Field(20, ge=2, le=500)
    features: int = Field(3, ge=1, le=20)
    x: list[list[float]] | None = Field(None, max_length=200, description="rows of X")
    y: list[float] | None = Field(None, max_length=200)
    lams: list[float] = Field(default_factory=lambda: [0.0, 0.01, 1.0, 10.0, 100.0, 1e4, 1e6],
                              min_length=1, max_length=12)


@computation(
    RidgeClosedFormArgs,
    "Ridge weights (XᵀX + λI)⁻¹Xᵀy over a grid of λ, and their limits",
    ("lams", "weights", "norms", "least_squares", "least_squares_gap", "first_weight"),
)
def ridge_closed_form(args: RidgeClosedFormArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.errors import ContentError
    from bntutor.live._tensors import floats, generator, labels

    if (args.x is None) != (args.y is None):
        raise ContentError("ridge_closed_form needs both x and y, or neither")
    if args.x is not None and args.y is not None:
        x = torch.tensor(args.x, dtype=torch.float64)
        y = torch.tensor(args.y, dtype=torch.float64)
        if x.dim() != 2 or x.shape[0] != y.shape[0]:
            raise ContentError("ridge_closed_form: x must be rows of equal length, one per y")
    else:
        gen = generator(args.seed)
        x = torch.randn(args.samples, args.features, generator=gen, dtype=torch.float64)
        w_true = torch.randn(args.features, generator=gen, dtype=torch.float64) * 2
        y = x @ w_true + 0.5 * torch.randn(args.samples, generator=gen, dtype=torch.float64)
    d = x.shape[1]
    gram, xty = x.T @ x, x.T @ y
    ols = torch.linalg.lstsq(x, y.unsqueeze(1)).solution.squeeze(1)
    weights = [torch.linalg.solve(gram + lam * torch.eye(d, dtype=torch.float64), xty)
               for lam in args.lams]
    norms = [float(w.norm()) for w in weights]
    lam_labels = [f"λ = {lam:g}" for lam in args.lams]
    return LiveResult(
        blocks=[
            TensorBlock("ridge weights (XᵀX + λI)⁻¹Xᵀy",
                        [[*floats(w), n] for w, n in zip(weights, norms, strict=True)],
                        lam_labels, [*labels("w", d), "‖w‖"]),
            ScalarsBlock("the two limits", [
                ("least squares (lstsq): ‖w‖", float(ols.norm())),
                ("smallest λ: largest |w − w_least squares|",
                 float((weights[0] - ols).abs().max())),
                ("largest λ: λ·w against Xᵀy, largest difference",
                 float((args.lams[-1] * weights[-1] - xty).abs().max())),
            ], digits=6),
        ],
        values={
            "lams": list(args.lams),
            "weights": [floats(w) for w in weights],
            "norms": norms,
            "least_squares": floats(ols),
            "least_squares_gap": float((weights[0] - ols).abs().max()),
            "first_weight": [float(w[0]) for w in weights],
        },
    )


class LassoOrthonormalArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    coefficients: list[float] = Field(default_factory=lambda: [3.0, -0.5, 1.2, 0.1],
                                      min_length=1, max_length=20,
                                      description="the least-squares coefficients Xᵀy")
    lam: float = Field(1.0, ge=0, le=1000)
    samples: int = Field(12, ge=2, le=200)
    seed: int = Field(0, ge=0, le=1_000_000)


@computation(
    LassoOrthonormalArgs,
    "Lasso with orthonormal columns: soft-thresholded least squares",
    ("least_squares", "lasso", "soft_threshold", "ridge", "hard_threshold", "max_abs_diff",
     "zeros"),
)
def lasso_orthonormal(args: LassoOrthonormalArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.errors import ContentError
    from bntutor.live._tensors import floats, generator, labels

    d = len(args.coefficients)
    if args.samples <= d:
        raise ContentError("lasso_orthonormal needs more samples than coefficients")
    gen = generator(args.seed)
    q, _ = torch.linalg.qr(torch.randn(args.samples, d + 1, generator=gen, dtype=torch.float64))
    x, residual = q[:, :d], q[:, d]  # orthonormal columns, and a direction orthogonal to them
    w_ls = torch.tensor(args.coefficients, dtype=torch.float64)
    y = x @ w_ls + 0.7 * residual  # least-squares coefficients Xᵀy = w_ls exactly
    soft = torch.sign(w_ls) * torch.clamp(w_ls.abs() - args.lam, min=0.0)
    ridge = w_ls / (1 + args.lam)
    hard = torch.where(w_ls.abs() > args.lam, w_ls, torch.zeros_like(w_ls))

    w = torch.zeros(d, dtype=torch.float64)  # proximal gradient (ISTA), step 1 = 1/‖XᵀX‖
    for _ in range(200):
        z = w - x.T @ (x @ w - y)
        w = torch.sign(z) * torch.clamp(z.abs() - args.lam, min=0.0)
    gap = float((w - soft).abs().max())
    names = labels("w", d)
    return LiveResult(
        blocks=[
            TensorBlock(f"orthonormal design, λ = {args.lam:g}",
                        [floats(x.T @ y), floats(w), floats(soft), floats(ridge)],
                        ["least squares ŵ = Xᵀy", "lasso, by proximal gradient",
                         "soft threshold of ŵ", "ridge, ŵ / (1 + λ)"], names),
            ScalarsBlock("lasso solver against soft thresholding",
                         [("largest difference", gap),
                          ("coefficients set to exactly 0", int((w == 0).sum()))], digits=12),
        ],
        values={
            "least_squares": floats(x.T @ y),
            "lasso": floats(w),
            "soft_threshold": floats(soft),
            "ridge": floats(ridge),
            "hard_threshold": floats(hard),
            "max_abs_diff": gap,
            "zeros": int((w == 0).sum()),
        },
    )
