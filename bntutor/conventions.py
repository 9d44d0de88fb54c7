"""How frameworks update BN's running statistics: the ``momentum`` means different things.

torch:  ``new = (1 - momentum) * old + momentum * batch``, unbiased variance stored
keras:  ``new = momentum * old + (1 - momentum) * batch``, biased variance stored
cs231n: ``new = momentum * old + (1 - momentum) * batch``, biased variance stored

torch and Keras start the running variance at 1; CS231n's ``batchnorm_forward`` starts it
at zeros (``bn_param.get('running_var', np.zeros(D))``).

So torch's ``momentum=0.1`` and Keras's ``momentum=0.99`` both keep most of the old value.
Each :class:`Convention` also records that framework's default ``momentum`` and ``eps``.
Torch-free (the engine applies the rule to tensors), so a command can check a convention's
name before torch is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch


@dataclass(frozen=True)
class Convention:
    """One framework's running-statistics rule and its defaults."""

    name: str
    momentum: float
    """The framework's default momentum."""
    eps: float
    """The framework's default eps."""
    momentum_weights_old: bool
    """True: ``momentum`` multiplies the old value (Keras, cs231n); False: the batch (torch)."""
    stores_unbiased_var: bool
    """True: the running variance tracks ``var * n / (n - 1)`` (torch); False: ``var``."""
    initial_var: float = 1.0
    """Where the running variance starts: 1 (torch, keras) or 0 (cs231n)."""

    def update(self, old: torch.Tensor, batch: torch.Tensor, momentum: float) -> torch.Tensor:
        """The new running value from the ``old`` one and this ``batch``'s statistic, ``[C]``."""
        keep = momentum if self.momentum_weights_old else 1.0 - momentum
        return keep * old + (1.0 - keep) * batch


CONVENTIONS: dict[str, Convention] = {
    c.name: c
    for c in (
        Convention("torch", momentum=0.1, eps=1e-5, momentum_weights_old=False,
                   stores_unbiased_var=True),
        Convention("keras", momentum=0.99, eps=1e-3, momentum_weights_old=True,
                   stores_unbiased_var=False),
        Convention("cs231n", momentum=0.9, eps=1e-5, momentum_weights_old=True,
                   stores_unbiased_var=False, initial_var=0.0),
    )
}


def convention_named(name: str) -> Convention:
    """The convention called ``name``; a ValueError names the allowed values."""
    try:
        return CONVENTIONS[name]
    except (KeyError, TypeError):
        allowed = ", ".join(repr(n) for n in CONVENTIONS)
        raise ValueError(f"unknown convention {name!r}; allowed: {allowed}") from None
