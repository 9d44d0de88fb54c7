"""`bntutor compute bn|ln|rms`: step-by-step normalization of the learner's own numbers.

Parsing lives in ``_values``, the maths in the engine, the rendering in
``ui.trace_view`` and ``ui.norm_view``; torch is imported only when the command runs.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated

import typer

from bntutor.cli.context import get_context
from bntutor.cli.json_out import print_json
from bntutor.conventions import CONVENTIONS

if TYPE_CHECKING:  # imported when the command runs, to keep `bntutor --help` fast
    import numpy as np
    import torch

    from bntutor.cli._values import Batch
    from bntutor.ui.norm_data import NormData
    from bntutor.ui.trace_data import TraceData

app = typer.Typer()
compute_app = typer.Typer()
app.add_typer(compute_app, name="compute")

_Seed = Annotated[int, typer.Option("--seed", min=0)]


@compute_app.callback(invoke_without_command=True)
def compute_group(ctx: typer.Context) -> None:
    """Compute step by step with your own numbers."""
    if ctx.invoked_subcommand is None:  # `bntutor compute` alone: what can be computed
        typer.echo(ctx.get_help())


@compute_app.command("bn")
def bn_cmd(
    ctx: typer.Context,
    values: Annotated[str | None, typer.Option("--values")] = None,
    shape: Annotated[str | None, typer.Option("--shape")] = None,
    seed: _Seed = 0,
    layout: Annotated[str | None, typer.Option("--layout")] = None,
    convention: Annotated[str, typer.Option("--convention")] = "torch",
    momentum: Annotated[float | None, typer.Option("--momentum")] = None,
    eps: Annotated[float | None, typer.Option("--eps")] = None,
    training: Annotated[bool, typer.Option("--training/--eval")] = True,
    running_mean: Annotated[str | None, typer.Option("--running-mean")] = None,
    running_var: Annotated[str | None, typer.Option("--running-var")] = None,
    gamma: Annotated[str | None, typer.Option("--gamma")] = None,
    beta: Annotated[str | None, typer.Option("--beta")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Batch-normalize your own numbers, showing every step."""
    from bntutor.cli._values import bad_input, build_batch, vector_for

    app_ctx = get_context(ctx)
    _check_scalars(momentum, eps)
    convention = convention.lower()
    if convention not in CONVENTIONS:
        raise bad_input("input.convention", "--convention", "input.use.hint",
                        name=repr(convention), choices=", ".join(CONVENTIONS))
    batch = build_batch(values, shape, layout, seed)
    vectors = {
        option: vector_for(text, option, batch.num_channels, "channel")
        for option, text in (
            ("--gamma", gamma),
            ("--beta", beta),
            ("--running-mean", running_mean),
            ("--running-var", running_var),
        )
    }
    running = vectors["--running-var"]
    if running is not None and min(running) < 0:
        raise bad_input("input.negative_var", "--running-var", "input.negative_var.hint")
    if training and batch.per_channel < 2:
        raise bad_input("input.one_value", "--values", "input.one_value.hint")

    data = _compute(batch, vectors, convention, momentum, eps, training)
    if as_json:
        from bntutor.ui.trace_data import trace_json

        app_ctx.console.out(trace_json(data), highlight=False)
    else:
        from bntutor.ui.trace_view import render_trace

        app_ctx.console.print(render_trace(data, lang=app_ctx.lang))


def _check_scalars(momentum: float | None, eps: float | None) -> None:
    from bntutor.cli._values import bad_input

    if momentum is not None and not 0.0 <= momentum <= 1.0:
        raise bad_input("input.momentum", "--momentum", "input.momentum.hint", m=momentum)
    if eps is not None and not (math.isfinite(eps) and eps > 0.0):
        raise bad_input("input.eps", "--eps", "input.eps.hint", eps=eps)


def _compute(
    batch: Batch,
    vectors: dict[str, list[float] | None],
    convention: str,
    momentum: float | None,
    eps: float | None,
    training: bool,
) -> TraceData:
    """Run the engine's explained path and turn its tensors into plain arrays."""
    import torch

    from bntutor.engine import trace
    from bntutor.ui.trace_data import TraceData

    rule = CONVENTIONS[convention]
    momentum = rule.momentum if momentum is None else momentum
    eps = rule.eps if eps is None else eps
    x = torch.tensor(batch.values, dtype=torch.float64).reshape(batch.shape)
    gamma, beta = _tensor(vectors["--gamma"]), _tensor(vectors["--beta"])
    c = batch.num_channels
    old_mean = _tensor(vectors["--running-mean"])
    old_var = _tensor(vectors["--running-var"])
    old_mean = torch.zeros(c, dtype=torch.float64) if old_mean is None else old_mean
    if old_var is None:  # where the convention starts it: 1, or zeros in CS231n's code
        old_var = torch.full((c,), rule.initial_var, dtype=torch.float64)
    tr = trace(
        x, gamma, bias=beta, eps=eps, channel_axis=batch.channel_axis,
        running_mean=old_mean, running_var=old_var, momentum=momentum,
        convention=convention, training=training,
    )  # fmt: skip
    steps = ("mean", "var", "var_unbiased", "invstd", "x_hat", "y", "new_running_mean",
             "new_running_var")
    return TraceData(
        x=x.numpy(), layout=batch.layout, channel_axis=tr.channel_axis, training=training,
        convention=rule.name, momentum=momentum, eps=eps, gamma=_array(gamma),
        beta=_array(beta), running_mean=old_mean.numpy(), running_var=old_var.numpy(),
        reduce_dims=tr.reduce_dims, count=tr.count, seed=batch.seed,
        **{name: getattr(tr, name).detach().numpy() for name in steps},
    )


def _tensor(values: list[float] | None) -> torch.Tensor | None:
    import torch

    return None if values is None else torch.tensor(values, dtype=torch.float64)


def _array(t: torch.Tensor | None) -> np.ndarray | None:
    return None if t is None else t.detach().numpy()


_NormValues = Annotated[str | None, typer.Option("--values")]
_NormShape = Annotated[str | None, typer.Option("--shape")]
_Gamma = Annotated[str | None, typer.Option("--gamma")]
_Json = Annotated[bool, typer.Option("--json")]


@compute_app.command("ln")
def ln_cmd(
    ctx: typer.Context,
    values: _NormValues = None,
    shape: _NormShape = None,
    seed: _Seed = 0,
    eps: Annotated[float | None, typer.Option("--eps")] = None,
    gamma: _Gamma = None,
    beta: Annotated[str | None, typer.Option("--beta")] = None,
    as_json: _Json = False,
) -> None:
    """LayerNorm of your own numbers, each sample on its own."""
    _run_norm(ctx, "layer", values, shape, seed, eps, gamma, beta, as_json)


@compute_app.command("rms")
def rms_cmd(
    ctx: typer.Context,
    values: _NormValues = None,
    shape: _NormShape = None,
    seed: _Seed = 0,
    eps: Annotated[float | None, typer.Option("--eps")] = None,
    gamma: _Gamma = None,
    as_json: _Json = False,
) -> None:
    """RMSNorm of your own numbers, each sample on its own."""
    _run_norm(ctx, "rms", values, shape, seed, eps, gamma, None, as_json)


def _run_norm(
    ctx: typer.Context, kind: str, values: str | None, shape: str | None, seed: int,
    eps: float | None, gamma: str | None, beta: str | None, as_json: bool,
) -> None:
    from bntutor.cli._values import norm_input, vector_for

    app_ctx = get_context(ctx)
    _check_scalars(None, eps)
    numbers, sizes = norm_input(values, shape, seed)
    features = sizes[-1]
    data = _compute_norm(
        kind, numbers, sizes, vector_for(gamma, "--gamma", features, "feature"),
        vector_for(beta, "--beta", features, "feature"), eps, seed if values is None else None,
    )
    if as_json:
        from bntutor.ui.norm_data import norm_document

        print_json(norm_document(data))
    else:
        from bntutor.ui.norm_view import render_norm

        app_ctx.console.print(render_norm(data, lang=app_ctx.lang))


def _compute_norm(
    kind: str, values: list[float], shape: tuple[int, ...], gamma: list[float] | None,
    beta: list[float] | None, eps: float | None, seed: int | None,
) -> NormData:
    """The engine's ``ln_trace`` or ``rms_trace`` in float64, each sample normalized over
    the last dimension, as plain arrays for the views."""
    import torch

    from bntutor.engine import ln_trace, rms_trace
    from bntutor.ui.norm_data import NormData

    x = torch.tensor(values, dtype=torch.float64).reshape(shape)
    d = shape[-1]
    if kind == "layer":
        tr = ln_trace(x, (d,), _tensor(gamma), _tensor(beta), 1e-5 if eps is None else eps)
    else:
        tr = rms_trace(x, (d,), _tensor(gamma), eps)
    rows = {name: getattr(tr, name).detach().reshape(-1, d).numpy() for name in ("x_hat", "y")}
    per_row = {name: getattr(tr, name).detach().reshape(-1).numpy()
               for name in ("mean", "var", "invstd", "std")}
    return NormData(kind=kind, shape=shape, x=x.reshape(-1, d).numpy(), eps=tr.eps,
                    gamma=_array(_tensor(gamma)), beta=_array(_tensor(beta)), count=tr.count,
                    seed=seed, **rows, **per_row)
