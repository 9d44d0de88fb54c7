"""A procedurally generated image dataset: small grey images of four kinds of shape.

No download: every image is drawn from a seeded generator, so the same seed gives the
same dataset on any machine. Classes: a horizontal bar, a vertical bar, a square and a
diagonal line, at a random place, thickness and brightness, on a noisy background.
"""

from __future__ import annotations

import torch
from torch import Tensor

CLASSES: tuple[str, ...] = ("horizontal bar", "vertical bar", "square", "diagonal")


def make_shapes(n: int, size: int, generator: torch.Generator) -> tuple[Tensor, Tensor]:
    """``n`` images ``[n, 1, size, size]`` (float32) and their labels ``[n]`` (int64)."""
    yy, xx = torch.meshgrid(
        torch.arange(size, dtype=torch.float32),
        torch.arange(size, dtype=torch.float32),
        indexing="ij",
    )
    labels = torch.randint(0, len(CLASSES), (n,), generator=generator)
    row = torch.randint(3, size - 3, (n, 1, 1), generator=generator).float()
    col = torch.randint(3, size - 3, (n, 1, 1), generator=generator).float()
    half = torch.randint(1, 3, (n, 1, 1), generator=generator).float() * 0.5 + 0.25
    brightness = 0.6 + 0.4 * torch.rand(n, 1, 1, generator=generator)
    dy, dx = (yy - row).abs(), (xx - col).abs()
    masks = torch.stack(
        [
            dy <= half,
            dx <= half,
            (dy <= 2.5 * half) & (dx <= 2.5 * half),
            ((xx - col) - (yy - row)).abs() <= half,
        ],
        dim=1,
    ).float()
    images = masks[torch.arange(n), labels] * brightness
    images = images + 0.15 * torch.randn(n, size, size, generator=generator)
    return images.unsqueeze(1), labels


def near_copies(image: Tensor, n: int, generator: torch.Generator) -> Tensor:
    """``n`` slightly augmented copies ``[n, 1, S, S]`` of one ``[1, S, S]`` image.

    Each copy is shifted by at most one pixel, its brightness scaled by 0.95 to 1.05 and
    fresh faint noise added: what a batch of test-time augmentations looks like.
    """
    shifts = torch.randint(-1, 2, (n, 2), generator=generator)
    copies = torch.stack(
        [torch.roll(image, (int(s[0]), int(s[1])), dims=(1, 2)) for s in shifts]
    )
    scale = 0.95 + 0.1 * torch.rand(n, 1, 1, 1, generator=generator)
    return copies * scale + 0.05 * torch.randn(copies.shape, generator=generator)
