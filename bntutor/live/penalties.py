"""L1 and L2 penalties up close: their gradients, and the step that makes L1 sparse.

``l1_l2_gradients``: autograd's gradients of ``λ·Σ|w|`` and ``λ·Σw²`` at given weights.
``l1_prox_step``: one step of each penalty on its own, from the same weights: L2 shrinks
every weight by the same factor (never to zero); L1's proximal step (soft thresholding)
moves each weight ``lr·λ`` towards zero and stops *at* zero; a plain subgradient step on
L1 overshoots zero instead.

L1 vs L2 on the same regression: coefficient paths over λ and the count of exact zeros.

The data come from a sparse truth (a few features matter, the rest are noise). Lasso's
soft-thresholding puts weights at exactly 0 once λ is large enough; ridge only shrinks
them towards 0 and none of them ever gets there.

Ridge and lasso where they have closed forms.

``ridge_closed_form``: ``w = (XᵀX + λI)⁻¹ Xᵀy`` minimizes ``‖y − Xw‖² + λ‖w‖²``, for a grid of
λ: it tends to the least-squares solution as λ → 0 and to zero, like ``Xᵀy / λ``, as λ → ∞.

``lasso_orthonormal``: with orthonormal columns (``XᵀX = I``) the lasso
``½‖y − Xw‖² + λ‖w‖₁`` separates per coordinate, and its solution is the soft-thresholded
least-squares coefficients ``sign(ŵ) max(|ŵ| − λ, 0)`` with ``ŵ = Xᵀy``. The computation
builds such a design, solves the lasso by proximal gradient descent, and compares.
"""

from __future__ import annotations

import math

from pydantic import Field

from bntutor.live._tensors import floats, generator, labels, torch_session
from bntutor.live.progress import ReportProgress
from bntutor.live.registry import Args, RunArgs, SeededArgs, computation
from bntutor.live.results import LiveResult, PlotBlock, ScalarsBlock, Series, TensorBlock

Weights = list[float]


class L1L2GradientsArgs(Args):
    w: Weights = Field(default_factory=lambda: [2.0, -0.5, 0.1], min_length=1, max_length=16)
    lam: float = Field(0.1, ge=0, le=100, description="λ, the penalty strength")


@computation(
    L1L2GradientsArgs,
    "Autograd's gradients of the L1 and L2 penalties at given weights",
    ("l1_grad", "l2_grad", "l1_penalty"),
)
def l1_l2_gradients(args: L1L2GradientsArgs, report: ReportProgress) -> LiveResult:
    import torch

    w = torch.tensor(args.w, dtype=torch.float64, requires_grad=True)
    l1 = args.lam * w.abs().sum()
    (l1_grad,) = torch.autograd.grad(l1, w)
    l2 = args.lam * (w**2).sum()
    (l2_grad,) = torch.autograd.grad(l2, w)
    table = TensorBlock(
        f"gradients by autograd, λ = {args.lam:g}",
        [floats(w), floats(l1_grad), floats(l2_grad)],
        row_labels=["w", "∂(λ·Σ|w|)/∂w", "∂(λ·Σw²)/∂w"],
        col_labels=[f"w{i + 1}" for i in range(len(args.w))],
    )
    penalties = ScalarsBlock(
        "penalties", [("λ·Σ|w|", float(l1.detach())), ("λ·Σw²", float(l2.detach()))]
    )
    return LiveResult(
        blocks=[table, penalties],
        values={
            "l1_grad": floats(l1_grad),
            "l2_grad": floats(l2_grad),
            "l1_penalty": float(l1.detach()),
        },
    )


class L1ProxStepArgs(Args):
    w: Weights = Field(default_factory=lambda: [0.8, -0.3, 0.05, -0.02, 1.5],
                       min_length=1, max_length=16)
    lr: float = Field(0.5, gt=0, le=10, description="step size")
    lam: float = Field(0.2, ge=0, le=100, description="λ")


@computation(
    L1ProxStepArgs,
    "One step of L1 (proximal and subgradient) and of L2 on the same weights",
    ("threshold", "prox", "subgradient", "l2_step", "zeros_prox", "zeros_l2"),
)
def l1_prox_step(args: L1ProxStepArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.live._linear import soft_threshold

    w = torch.tensor(args.w, dtype=torch.float64)
    threshold = args.lr * args.lam
    prox = soft_threshold(w, threshold)
    subgradient = w - threshold * torch.sign(w)
    l2 = w - args.lr * 2 * args.lam * w  # gradient step on λ·Σw²
    table = TensorBlock(
        f"one step of the penalty alone, step size {args.lr:g}, λ = {args.lam:g}",
        [floats(w), floats(prox), floats(subgradient), floats(l2)],
        row_labels=["w", "L1, proximal (soft threshold)", "L1, subgradient step",
                    "L2, gradient step"],
        col_labels=[f"w{i + 1}" for i in range(len(args.w))],
    )
    zeros = ScalarsBlock(
        "weights that are exactly zero after the step",
        [
            ("soft-threshold level lr·λ", threshold),
            ("L1, proximal", int((prox == 0).sum())),
            ("L1, subgradient", int((subgradient == 0).sum())),
            ("L2", int((l2 == 0).sum())),
        ],
    )
    return LiveResult(
        blocks=[table, zeros],
        values={
            "threshold": threshold,
            "prox": floats(prox),
            "subgradient": floats(subgradient),
            "l2_step": floats(l2),
            "zeros_prox": int((prox == 0).sum()),
            "zeros_l2": int((l2 == 0).sum()),
        },
    )


class LassoRidgeArgs(RunArgs):
    samples: int = Field(default=60, ge=5, le=2000)
    features: int = Field(default=8, ge=2, le=50)
    informative: int = Field(default=3, ge=1, le=50,
                             description="features with a non-zero true weight")
    lambdas: int | None = Field(default=None, ge=2, le=60, description="points on the λ grid")
    noise: float = Field(default=0.5, ge=0, le=100)


@computation(
    LassoRidgeArgs,
    "Coefficient paths of L1 (proximal gradient) and L2 (closed form) over λ.",
    ("lambdas", "true_weights", "l1_weights", "l2_weights", "l1_zeros", "l2_zeros"),
)
def lasso_vs_ridge(args: LassoRidgeArgs, report: ReportProgress) -> LiveResult:
    import torch

    from bntutor.live._linear import lasso, ridge

    count = args.lambdas or (8 if args.quick else 16)
    informative = min(args.informative, args.features)
    with torch_session(args.seed) as gen:
        x = torch.randn(args.samples, args.features, generator=gen, dtype=torch.float64)
        truth = torch.zeros(args.features, dtype=torch.float64)
        truth[:informative] = torch.linspace(3.0, 1.0, informative, dtype=torch.float64)
        y = x @ truth + args.noise * torch.randn(args.samples, generator=gen,
                                                 dtype=torch.float64)
        top = float((x.T @ y).abs().max()) / args.samples  # from here up, every weight is 0
        lambdas = torch.logspace(math.log10(top), math.log10(top) - 3, count,
                                 dtype=torch.float64).tolist()
        l1, l2 = [], []
        w = None
        for lam in lambdas:  # large λ first, each solve warm-starts the next
            w = lasso(x, y, lam, start=w)
            l1.append(w + 0.0)  # no -0.0
            l2.append(ridge(x, y, lam))
    v = {
        "lambdas": lambdas,
        "true_weights": truth.tolist(),
        "l1_weights": [w.tolist() for w in l1],  # [len(lambdas)][features]
        "l2_weights": [w.tolist() for w in l2],
        "l1_zeros": [int((w == 0).sum()) for w in l1],
        "l2_zeros": [int((w == 0).sum()) for w in l2],
    }
    p, mid = args.features, count // 2
    log_lambdas = [math.log10(lam) for lam in lambdas]

    def path(title: str, weights: list[list[float]]) -> PlotBlock:
        return PlotBlock(
            title,
            "line",
            [Series(f"w{j}", log_lambdas, [w[j] for w in weights]) for j in range(p)],
            xlabel="log10 λ",
            ylabel="weight value",
        )

    return LiveResult(blocks=[
        path("L1 (lasso) coefficient path", v["l1_weights"]),
        path("L2 (ridge) coefficient path", v["l2_weights"]),
        TensorBlock(
            f"weights exactly 0 (out of {p})",
            [[lam, z1, z2] for lam, z1, z2 in zip(lambdas, v["l1_zeros"], v["l2_zeros"],
                                                    strict=True)],
            col_labels=["λ", "L1 zeros", "L2 zeros"],
        ),
        TensorBlock(
            f"the weights at λ = {lambdas[mid]:.3g}",
            [v["true_weights"], v["l1_weights"][mid], v["l2_weights"][mid]],
            row_labels=["truth", "L1", "L2"],
            col_labels=[f"w{j}" for j in range(p)],
            highlight=[(1, j) for j in range(p) if v["l1_weights"][mid][j] == 0.0],
            digits=2,
        ),
    ], values=v)


class RidgeClosedFormArgs(SeededArgs):
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


class LassoOrthonormalArgs(Args):
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
    from bntutor.live._linear import soft_threshold

    d = len(args.coefficients)
    if args.samples <= d:
        raise ContentError("lasso_orthonormal needs more samples than coefficients")
    gen = generator(args.seed)
    q, _ = torch.linalg.qr(torch.randn(args.samples, d + 1, generator=gen, dtype=torch.float64))
    x, residual = q[:, :d], q[:, d]  # orthonormal columns, and a direction orthogonal to them
    w_ls = torch.tensor(args.coefficients, dtype=torch.float64)
    y = x @ w_ls + 0.7 * residual  # least-squares coefficients Xᵀy = w_ls exactly
    soft = soft_threshold(w_ls, args.lam)
    ridge = w_ls / (1 + args.lam)
    hard = torch.where(w_ls.abs() > args.lam, w_ls, torch.zeros_like(w_ls))

    w = torch.zeros(d, dtype=torch.float64)  # proximal gradient (ISTA), step 1 = 1/‖XᵀX‖
    for _ in range(200):
        z = w - x.T @ (x @ w - y)
        w = soft_threshold(z, args.lam)
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
