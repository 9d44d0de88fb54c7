"""The small CNN the experiments train, with BN or GroupNorm, and its training loop."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Literal

import torch
from torch import Tensor, nn

Norm = Literal["batch", "group"]


def small_cnn(norm: Norm, size: int, classes: int) -> nn.Sequential:
    """conv-norm-relu-pool twice, then a fully connected layer with its own norm.

    ``norm="batch"`` uses BN (BatchNorm2d after the convs, BatchNorm1d after the linear
    layer); ``norm="group"`` the GroupNorm twin, which normalizes each sample on its own.
    """

    def norm2d(channels: int) -> nn.Module:
        return nn.BatchNorm2d(channels) if norm == "batch" else nn.GroupNorm(4, channels)

    def norm1d(features: int) -> nn.Module:
        return nn.BatchNorm1d(features) if norm == "batch" else nn.GroupNorm(4, features)

    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), norm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), norm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * (size // 4) ** 2, 32), norm1d(32), nn.ReLU(),
        nn.Linear(32, classes),
    )


class Adam:
    """Plain Adam (Kingma & Ba), the same update as ``torch.optim.Adam`` without weight decay.

    Written out because creating any ``torch.optim`` optimizer imports torch's compiler
    stack, over a second of start-up that would dwarf these tiny experiments.
    """

    def __init__(self, params: list[nn.Parameter], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8) -> None:
        self.params, self.lr, self.betas, self.eps = params, lr, betas, eps
        self.m = [torch.zeros_like(p) for p in params]
        self.v = [torch.zeros_like(p) for p in params]
        self.t = 0

    @torch.no_grad()
    def step(self) -> None:
        self.t += 1
        beta1, beta2 = self.betas
        for p, m, v in zip(self.params, self.m, self.v, strict=True):
            if p.grad is None:
                continue
            m.mul_(beta1).add_(p.grad, alpha=1 - beta1)
            v.mul_(beta2).addcmul_(p.grad, p.grad, value=1 - beta2)
            # p -= lr * m_hat / (sqrt(v_hat) + eps), with m_hat, v_hat the bias-corrected m, v
            denom = (v.sqrt() / math.sqrt(1 - beta2**self.t)).add_(self.eps)
            p.addcdiv_(m, denom, value=-self.lr / (1 - beta1**self.t))


def train(
    model: nn.Module,
    images: Tensor,
    labels: Tensor,
    steps: int,
    batch: int,
    generator: torch.Generator,
    on_step: Callable[[int], None] | None = None,
) -> float:
    """Adam (learning rate 0.01) on random mini-batches of ``batch`` samples; returns the
    last batch's loss."""
    model.train()
    optimizer = Adam(list(model.parameters()), lr=1e-2)
    loss = torch.zeros(())
    for step in range(steps):
        index = torch.randint(0, len(images), (batch,), generator=generator)
        loss = nn.functional.cross_entropy(model(images[index]), labels[index])
        model.zero_grad()
        loss.backward()
        optimizer.step()
        if on_step is not None:
            on_step(step + 1)
    return float(loss.detach())


@torch.no_grad()
def predict(model: nn.Module, images: Tensor, training: bool) -> Tensor:
    """Class probabilities ``[n, classes]`` with the model in training or eval mode.

    Training mode makes BN normalize with this batch's own statistics (and update its
    running statistics: pass a copy if the model is to be used again).
    """
    model.train(training)
    return torch.softmax(model(images), dim=1)


def accuracy(probs: Tensor, labels: Tensor) -> float:
    """The fraction of rows of ``probs`` ``[n, classes]`` whose argmax is the label."""
    return float((probs.argmax(dim=1) == labels).float().mean())
