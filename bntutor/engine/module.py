"""``BatchNorm``: a drop-in for ``nn.BatchNorm1d/2d/3d`` that also takes channels-last input.

The parameters, buffers, ``state_dict`` keys and forward semantics are torch's:

- training: normalize with the batch's statistics and move the running ones towards them,
  by ``momentum`` or, with ``momentum=None``, by the cumulative average
  ``1 / num_batches_tracked``;
- eval: normalize with the running statistics, unless ``track_running_stats=False``, in
  which case there are none and the batch's statistics are used in eval mode too.

The hot path is the native kernel (``torch.batch_norm``), so a training step costs what
torch's costs; :func:`trace` is the same computation written out, and the tests hold the
two together.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import Tensor, nn

from bntutor.engine._axes import channel_dim
from bntutor.engine._checks import check_batch_size, check_eps


class BatchNorm(nn.Module):
    """Batch Normalization over the channel axis of 2-D to 5-D input.

    ``channel_axis=1`` expects ``[N, C, ...]`` like torch; ``channel_axis=-1`` expects
    channels-last input such as ``[N, H, W, C]`` and returns the same layout.
    """

    _version = 2
    num_features: int
    eps: float
    momentum: float | None
    affine: bool
    track_running_stats: bool
    channel_axis: int
    running_mean: Tensor | None
    running_var: Tensor | None
    num_batches_tracked: Tensor | None

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float | None = 0.1,
        affine: bool = True,
        track_running_stats: bool = True,
        channel_axis: int = 1,
        *,
        device: torch.device | str | None = None,
        dtype: torch.dtype | None = None,
    ) -> None:
        super().__init__()
        if channel_axis == 0:
            raise ValueError("channel_axis 0 is the batch axis; use 1 (channels first) or -1"
                             " (channels last)")
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.track_running_stats = track_running_stats
        self.channel_axis = channel_axis
        factory: dict[str, Any] = {"device": device, "dtype": dtype}
        if affine:
            self.weight = nn.Parameter(torch.ones(num_features, **factory))
            self.bias = nn.Parameter(torch.zeros(num_features, **factory))
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        if track_running_stats:
            self.register_buffer("running_mean", torch.zeros(num_features, **factory))
            self.register_buffer("running_var", torch.ones(num_features, **factory))
            self.register_buffer(
                "num_batches_tracked", torch.tensor(0, dtype=torch.long, device=device)
            )
        else:
            self.register_buffer("running_mean", None)
            self.register_buffer("running_var", None)
            self.register_buffer("num_batches_tracked", None)

    def reset_running_stats(self) -> None:
        if self.running_mean is not None and self.running_var is not None:
            self.running_mean.zero_()
            self.running_var.fill_(1)
        if self.num_batches_tracked is not None:
            self.num_batches_tracked.zero_()

    def reset_parameters(self) -> None:
        self.reset_running_stats()
        if self.weight is not None and self.bias is not None:
            nn.init.ones_(self.weight)
            nn.init.zeros_(self.bias)

    def _count_batch(self) -> float:
        """Count a training batch; the factor the running statistics move by this step."""
        if self.training and self.track_running_stats and self.num_batches_tracked is not None:
            self.num_batches_tracked.add_(1)
            if self.momentum is None:  # cumulative average of all batches so far
                return 1.0 / float(self.num_batches_tracked)
        return 0.0 if self.momentum is None else self.momentum

    def forward(self, input: Tensor) -> Tensor:
        ndim = input.dim()
        if not 2 <= ndim <= 5:
            raise ValueError(f"expected 2D to 5D input (got {ndim}D input)")
        channels_first = self.channel_axis == 1
        x = input if channels_first else input.movedim(channel_dim(ndim, self.channel_axis), 1)

        factor = self._count_batch()
        # Batch statistics in training, and in eval mode when there are no running ones.
        use_batch = self.training or (self.running_mean is None and self.running_var is None)
        # Running statistics are read in eval mode and updated only when tracked.
        use_running = not self.training or self.track_running_stats
        if use_batch:
            check_batch_size(x.shape, 1)
        check_eps(self.eps, use_batch)
        y = torch.batch_norm(
            x,
            self.weight,
            self.bias,
            self.running_mean if use_running else None,
            self.running_var if use_running else None,
            use_batch,
            factor,
            self.eps,
            torch.backends.cudnn.enabled,
        )
        return y if channels_first else y.movedim(1, self.channel_axis)

    def extra_repr(self) -> str:
        text = (
            f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, "
            f"affine={self.affine}, track_running_stats={self.track_running_stats}"
        )
        return text if self.channel_axis == 1 else f"{text}, channel_axis={self.channel_axis}"

    def _load_from_state_dict(
        self,
        state_dict: dict[str, Any],
        prefix: str,
        local_metadata: dict[str, Any],
        strict: bool,
        missing_keys: list[str],
        unexpected_keys: list[str],
        error_msgs: list[str],
    ) -> None:
        # Checkpoints older than version 2 have no num_batches_tracked: the module keeps
        # the count it has (0 when it has none, or only a placeholder on the meta device),
        # and the key counts as matched, as in torch.
        version = local_metadata.get("version")
        key = prefix + "num_batches_tracked"
        if (version is None or version < 2) and self.track_running_stats \
                and key not in state_dict:
            current = self.num_batches_tracked
            keep = current is not None and current.device != torch.device("meta")
            state_dict[key] = current if keep else torch.tensor(0, dtype=torch.long)
        super()._load_from_state_dict(
            state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys,
            error_msgs,
        )
