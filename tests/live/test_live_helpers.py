"""The helpers behind the experiments: solvers, optimizer, dataset, seeded session."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from bntutor.live._linear import lasso, ridge, soft_threshold
from bntutor.live._nets import Adam, small_cnn
from bntutor.live._tensors import torch_session
from bntutor.live.shape_images import CLASSES, make_shapes, near_copies


def _problem(seed: int, n: int = 40, p: int = 6) -> tuple[torch.Tensor, torch.Tensor]:
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(n, p, generator=gen, dtype=torch.float64)
    w = torch.zeros(p, dtype=torch.float64)
    w[:2] = torch.tensor([2.0, -1.0], dtype=torch.float64)
    return x, x @ w + 0.3 * torch.randn(n, generator=gen, dtype=torch.float64)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), lam=st.floats(1e-3, 2.0))
def test_lasso_meets_its_optimality_conditions(seed: int, lam: float) -> None:
    """KKT: the squared error's gradient is -λ·sign(w) where w ≠ 0, at most λ where w = 0."""
    x, y = _problem(seed)
    w = lasso(x, y, lam)
    grad = x.T @ (x @ w - y) / len(y)
    zero = w == 0
    assert torch.all(grad[zero].abs() <= lam + 1e-6)
    torch.testing.assert_close(grad[~zero], -lam * torch.sign(w[~zero]), atol=1e-6, rtol=0)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), lam=st.floats(1e-4, 10.0))
def test_ridge_solves_the_augmented_least_squares(seed: int, lam: float) -> None:
    x, y = _problem(seed)
    n, p = x.shape
    # (1/2n)||y - Xw||² + (λ/2)||w||² is least squares on [X; √(nλ) I] against [y; 0]
    a = torch.cat([x, (n * lam) ** 0.5 * torch.eye(p, dtype=x.dtype)])
    b = torch.cat([y, torch.zeros(p, dtype=x.dtype)])
    expected = torch.linalg.lstsq(a, b.unsqueeze(1)).solution[:, 0]
    torch.testing.assert_close(ridge(x, y, lam), expected, atol=1e-8, rtol=1e-8)


def test_soft_threshold() -> None:
    w = torch.tensor([-3.0, -0.5, 0.0, 0.2, 2.0])
    assert soft_threshold(w, 1.0).tolist() == [-2.0, 0.0, 0.0, 0.0, 1.0]


def test_adam_takes_torch_optim_adams_steps() -> None:
    # no BN here: a bias right before BN gets a zero gradient, and Adam's step on a zero
    # gradient is float noise divided by float noise, which no two implementations share
    torch.manual_seed(0)

    def mlp() -> torch.nn.Sequential:
        return torch.nn.Sequential(torch.nn.Linear(5, 8), torch.nn.Tanh(), torch.nn.Linear(8, 4))

    ours, theirs = mlp(), mlp()
    theirs.load_state_dict(ours.state_dict())
    mine = Adam(list(ours.parameters()), lr=1e-2)
    reference = torch.optim.Adam(theirs.parameters(), lr=1e-2)
    gen = torch.Generator().manual_seed(1)
    for _ in range(20):
        x = torch.randn(6, 5, generator=gen)
        labels = torch.randint(0, 4, (6,), generator=gen)
        for model, step in ((ours, mine.step), (theirs, reference.step)):
            model.zero_grad()
            torch.nn.functional.cross_entropy(model(x), labels).backward()
            step()
    for a, b in zip(ours.parameters(), theirs.parameters(), strict=True):
        torch.testing.assert_close(a, b, atol=1e-6, rtol=1e-5)


def test_shapes_are_seeded_labelled_and_sized() -> None:
    x1, y1 = make_shapes(50, 12, torch.Generator().manual_seed(5))
    x2, y2 = make_shapes(50, 12, torch.Generator().manual_seed(5))
    assert x1.shape == (50, 1, 12, 12) and y1.shape == (50,)
    assert torch.equal(x1, x2) and torch.equal(y1, y2)
    assert set(y1.tolist()) <= set(range(len(CLASSES)))
    copies = near_copies(x1[0], 7, torch.Generator().manual_seed(0))
    assert copies.shape == (7, 1, 12, 12)
    # near copies: each one far closer to its original than to another image
    own = (copies - x1[0]).pow(2).mean(dim=(1, 2, 3))
    other = (copies - x1[1]).pow(2).mean(dim=(1, 2, 3))
    assert torch.all(own > 0) and torch.all(own < other)


def test_session_restores_threads_and_rng() -> None:
    threads = torch.get_num_threads()
    torch.manual_seed(7)
    expected = torch.rand(2)
    torch.manual_seed(7)
    with torch_session(3) as gen:
        assert torch.get_num_threads() == 1
        inside = torch.rand(2, generator=gen)
    assert torch.equal(torch.rand(2), expected)
    assert torch.get_num_threads() == threads
    with torch_session(3) as gen:
        assert torch.equal(torch.rand(2, generator=gen), inside)


@pytest.mark.parametrize("norm", ["batch", "group"])
def test_small_cnn_outputs_one_logit_per_class(norm: str) -> None:
    model = small_cnn(norm, 16, 4)  # type: ignore[arg-type]
    assert model(torch.zeros(3, 1, 16, 16)).shape == (3, 4)
