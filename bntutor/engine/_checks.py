"""Argument checks shared by the engine, raising the same errors as torch's batch norm."""

from __future__ import annotations

from collections.abc import Sequence

import torch

from bntutor.engine._axes import values_per_channel


def check_batch_size(shape: Sequence[int], channel: int) -> None:
    """Training needs at least two values per channel: the variance of one value is 0."""
    if values_per_channel(shape, channel) == 1:
        raise ValueError(
            "Expected more than 1 value per channel when training, "
            f"got input size {torch.Size(shape)}"
        )


def check_eps(eps: float, training: bool) -> None:
    """``eps`` keeps ``1 / sqrt(var + eps)`` finite: positive in training, never negative."""
    if training and eps <= 0.0:
        raise ValueError(f"batch_norm eps must be positive during training, but got {eps}")
    if eps < 0.0:
        raise ValueError(f"batch_norm eps must be non-negative, but got {eps}")


def check_running_pair(
    running_mean: torch.Tensor | None, running_var: torch.Tensor | None
) -> None:
    if (running_mean is None) != (running_var is None):
        raise ValueError(
            "running_mean and running_var must either both be None or neither be None"
        )


def check_per_channel(name: str, tensor: torch.Tensor | None, num_channels: int) -> None:
    """A per-channel tensor (weight, bias, running stats) holds exactly one value per channel."""
    if tensor is not None and tensor.numel() != num_channels:
        raise RuntimeError(f"{name} should contain {num_channels} elements not {tensor.numel()}")
