"""Wrong solutions a learner could write, made by editing each exercise's own reference
listing: (exercise, mistake the checker must name, [(text, replacement), ...])."""

from __future__ import annotations

MISTAKES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("bn-forward", "unbiased-variance", [("x.var(axis=0)", "x.var(axis=0, ddof=1)")]),
    ("bn-forward", "eps-outside-sqrt", [("np.sqrt(var + eps)", "(np.sqrt(var) + eps)")]),
    ("bn-forward", "wrong-axis-layernorm", [("axis=0)", "axis=1, keepdims=True)")]),
    ("bn-forward", "gamma-beta-missing", [("return gamma * x_hat + beta", "return x_hat")]),
    ("bn-forward", "gamma-beta-swapped", [("gamma * x_hat + beta", "beta * x_hat + gamma")]),
    ("bn-running-torch", "momentum-keras-way", [
        ("(1 - momentum) * running_mean + momentum * mean",
         "momentum * running_mean + (1 - momentum) * mean"),
        ("(1 - momentum) * running_var + momentum * var",
         "momentum * running_var + (1 - momentum) * var")]),
    ("bn-running-torch", "biased-running-variance", [("x.var(axis=0, ddof=1)", "x.var(axis=0)")]),
    ("bn-running-keras", "momentum-torch-way", [
        ("momentum * running_mean + (1 - momentum) * mean",
         "(1 - momentum) * running_mean + momentum * mean"),
        ("momentum * running_var + (1 - momentum) * var",
         "(1 - momentum) * running_var + momentum * var")]),
    ("bn-running-keras", "unbiased-running-variance", [("x.var(axis=0)", "x.var(axis=0, ddof=1)")]),
    ("bn-eval", "batch-stats-in-eval", [
        ("(x - running_mean) / np.sqrt(running_var + eps)",
         "(x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)")]),
    ("bn-eval", "variance-as-std", [("np.sqrt(running_var + eps)", "(running_var + eps)")]),
    ("bn-backward", "missing-mean-path", [(" + dmu / n", "")]),
    ("bn-backward", "missing-variance-path", [(" + dvar * 2.0 * xc / n", "")]),
    ("bn-backward", "dgamma-without-xhat", [("(dout * x_hat).sum(axis=0)", "dout.sum(axis=0)")]),
    ("bn-backward", "dgamma-wrong-axes", [
        ("dout.sum(axis=0)", "dout.sum(axis=1)"),
        ("(dout * x_hat).sum(axis=0)", "(dout * x_hat).sum(axis=1)")]),
    ("bn-backward-simple", "simple-missing-xhat-term", [(" - x_hat * dgamma", "")]),
    ("bn-backward-simple", "simple-missing-1-over-n", [("inv_std / n *", "inv_std *")]),
    ("bn-backward-simple", "simple-unbiased-variance", [
        ("x.var(axis=0) + eps", "x.var(axis=0, ddof=1) + eps")]),
    ("spatial-bn", "per-position-statistics", [
        ("cols = x.transpose(0, 2, 3, 1).reshape(-1, c)  # [N*H*W, C]",
         "cols = x.reshape(n, -1)"),
        ("out = gamma * x_hat + beta",
         "out = (x_hat.reshape(x.shape) * gamma.reshape(1, -1, 1, 1)"
         " + beta.reshape(1, -1, 1, 1)).transpose(0, 2, 3, 1)")]),
    ("spatial-bn", "reshape-without-transpose", [
        ("x.transpose(0, 2, 3, 1).reshape(-1, c)", "x.reshape(-1, c)"),
        ("out.reshape(n, h, w, c).transpose(0, 3, 1, 2)", "out.reshape(n, c, h, w)")]),
    ("layernorm-forward", "ln-batch-axis", [("axis=1", "axis=0")]),
    ("layernorm-forward", "ln-unbiased-variance", [
        ("x.var(axis=1, keepdims=True)", "x.var(axis=1, ddof=1, keepdims=True)")]),
    ("layernorm-backward", "ln-dgamma-wrong-axes", [
        ("(dout * x_hat).sum(axis=0), dout.sum(axis=0)",
         "(dout * x_hat).sum(axis=1), dout.sum(axis=1)")]),
    ("layernorm-backward", "ln-missing-mean-path", [("g - g.mean(axis=1, keepdims=True)", "g")]),
    ("groupnorm-forward", "gn-instance-norm", [("axis=(2, 3, 4)", "axis=(3, 4)")]),
    ("groupnorm-forward", "gn-strided-groups", [
        ("x.reshape(n, G, c // G, h, w)", "x.reshape(n, c // G, G, h, w)"),
        ("axis=(2, 3, 4)", "axis=(1, 3, 4)")]),
    ("batch-renorm", "renorm-r-inverted", [("np.clip(sigma_b / sigma", "np.clip(sigma / sigma_b")]),
    ("batch-renorm", "renorm-unclipped", [
        ("np.clip(sigma_b / sigma, 1.0 / rmax, rmax)", "sigma_b / sigma"),
        ("np.clip((mu_b - running_mean) / sigma, -dmax, dmax)", "(mu_b - running_mean) / sigma")]),
    ("dropout", "dropout-not-inverted", [("mask = (u >= p) / (1 - p)", "mask = u >= p")]),
    ("dropout", "dropout-scaled-at-test", [("return x.copy()", "return x * (1 - p)")]),
    ("dropout", "dropout-p-as-keep", [
        ("mask = (u >= p) / (1 - p)\n    return x * mask",
         "with np.errstate(all='ignore'):\n        return np.where(u < p, x / p, 0.0)")]),
    ("soft-threshold", "prox-hard-threshold", [
        ("np.sign(w) * np.maximum(np.abs(w) - t, 0.0)", "np.where(np.abs(w) > t, w, 0.0)")]),
    ("soft-threshold", "prox-subgradient-step", [
        ("np.sign(w) * np.maximum(np.abs(w) - t, 0.0)", "w - t * np.sign(w)")]),
    ("ridge", "ridge-lam-ignored", [
        ("np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)",
         "np.linalg.lstsq(X, y, rcond=None)[0]")]),
    ("ridge", "ridge-lam-everywhere", [
        ("np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)",
         "np.linalg.lstsq(X.T @ X + lam, X.T @ y, rcond=None)[0]")]),
    ("fold-bn", "fold-forgot-mean", [("(b - running_mean) * s + beta", "b * s + beta")]),
    ("fold-bn", "fold-eps-outside-sqrt", [
        ("np.sqrt(running_var + eps)", "(np.sqrt(running_var) + eps)")]),
    ("adamw-step", "adam-with-l2", [
        ("w = w * (1 - lr * weight_decay)  # decoupled decay", "g = g + weight_decay * w")]),
    ("adamw-step", "decay-without-lr", [("(1 - lr * weight_decay)", "(1 - weight_decay)")]),
]


def wrong_solution(listing: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert old in listing, f"{old!r} is not in the reference listing"
        listing = listing.replace(old, new)
    return listing
