"""The engine held to the cases of PyTorch's own BatchNorm tests (``test/test_nn.py``).

Every scenario runs twice, once on ``nn.BatchNorm1d/2d/3d`` and once on the engine's
``BatchNorm``, and records what a user could observe: outputs, gradients, buffers, the
``state_dict``, what ``load_state_dict`` reports, and any error (its type and message).
The two records must agree. Where torch's behaviour is the point of the case (running
statistics, the cumulative average), the torch record is also checked against numbers
worked out here, so a case cannot pass by both sides doing nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.autograd import gradcheck, gradgradcheck

from bntutor.engine import BatchNorm, batch_norm

Factory = Callable[..., nn.Module]
SHAPES = {2: (6, 3), 3: (5, 3, 4), 4: (4, 3, 2, 3), 5: (3, 3, 2, 2, 2)}
TORCH_CLASSES = {2: nn.BatchNorm1d, 3: nn.BatchNorm1d, 4: nn.BatchNorm2d, 5: nn.BatchNorm3d}


def torch_factory(ndim: int) -> Factory:
    return TORCH_CLASSES[ndim]


def engine_factory(ndim: int) -> Factory:
    return BatchNorm


IMPLEMENTATIONS = {"torch": torch_factory, "engine": engine_factory}


@dataclass
class Record:
    """What one implementation did, in order: named values and errors."""

    entries: list[tuple[str, Any]] = field(default_factory=list)

    def add(self, name: str, value: Any) -> None:
        self.entries.append((name, _plain(value)))

    def attempt(self, name: str, action: Callable[[], Any]) -> Any:
        """Run ``action``; record its result, or its error's type and message."""
        try:
            result = action()
        except Exception as exc:  # the error itself is what is compared
            self.add(name, ("raised", type(exc).__name__, _neutral(str(exc))))
            return None
        self.add(name, result)
        return result

    def value(self, name: str) -> Any:
        return dict(self.entries)[name]


def _neutral(message: str) -> str:
    """An error message without the class name, which differs by design."""
    return re.sub(r"\b(BatchNorm[123]d|BatchNorm)\b", "BN", message)


def _plain(value: Any) -> Any:
    """Tensors detached and cloned (later in-place updates must not change the record)."""
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if hasattr(value, "_asdict"):  # load_state_dict's (missing_keys, unexpected_keys)
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_plain(v) for v in value)
    return value


def assert_agree(ours: Record, theirs: Record, tol: float = 1e-6) -> None:
    assert [name for name, _ in ours.entries] == [name for name, _ in theirs.entries]
    for (name, a), (_, e) in zip(ours.entries, theirs.entries, strict=True):
        _assert_same(a, e, tol, name)


def _assert_same(a: Any, e: Any, tol: float, where: str) -> None:
    if isinstance(e, torch.Tensor):
        assert isinstance(a, torch.Tensor), f"{where}: {a!r} is not a tensor"
        assert a.dtype == e.dtype and a.shape == e.shape, f"{where}: {a.dtype} {a.shape}"
        torch.testing.assert_close(a, e, rtol=tol, atol=tol, msg=where)
    elif isinstance(e, dict):
        assert isinstance(a, dict) and list(a) == list(e), f"{where}: keys {a} vs {e}"
        for key in e:
            _assert_same(a[key], e[key], tol, f"{where}.{key}")
    elif isinstance(e, list | tuple):
        assert type(a) is type(e) and len(a) == len(e), f"{where}: {a!r} vs {e!r}"
        for i, (x, y) in enumerate(zip(a, e, strict=True)):
            _assert_same(x, y, tol, f"{where}[{i}]")
    else:
        assert a == e, f"{where}: {a!r} vs {e!r}"


def both(scenario: Callable[[Factory, Record], None], ndim: int) -> tuple[Record, Record]:
    """Run ``scenario`` on the engine and on torch from the same seed; (engine, torch)."""
    records = {}
    for name, factory in IMPLEMENTATIONS.items():
        torch.manual_seed(0)
        record = Record()
        scenario(factory(ndim), record)
        records[name] = record
    return records["engine"], records["torch"]


def buffers(module: nn.Module) -> dict[str, Any]:
    return {name: module.__dict__["_buffers"][name] for name in
            ("running_mean", "running_var", "num_batches_tracked")}


# -- update stats, momentum None, eval -------------------------------------------------


@pytest.mark.parametrize("momentum", [0.1, 0.5])
@pytest.mark.parametrize("ndim", [2, 3, 4, 5])
def test_training_updates_running_statistics(ndim: int, momentum: float) -> None:
    batches = [torch.randn(SHAPES[ndim]) * (i + 1) + i for i in range(3)]

    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3, momentum=momentum)
        for i, x in enumerate(batches):
            rec.add(f"y{i}", bn(x))
            rec.add(f"buffers{i}", buffers(bn))
        bn.eval()
        rec.add("eval y", bn(batches[0]))
        rec.add("eval buffers", buffers(bn))  # eval mode updates nothing

    ours, theirs = both(scenario, ndim)
    assert_agree(ours, theirs)
    mean, var = torch.zeros(3), torch.ones(3)
    dims = [d for d in range(ndim) if d != 1]
    for x in batches:
        mean = (1 - momentum) * mean + momentum * x.mean(dims)
        var = (1 - momentum) * var + momentum * x.var(dims, correction=1)
    final = theirs.value("buffers2")
    torch.testing.assert_close(final["running_mean"], mean)
    torch.testing.assert_close(final["running_var"], var)
    assert int(final["num_batches_tracked"]) == 3


@pytest.mark.parametrize("ndim", [2, 4])
def test_momentum_none_is_the_simple_average_of_the_batches(ndim: int) -> None:
    sizes = [2, 5, 3, 7]  # different batch sizes: each batch weighs the same all the same
    batches = [torch.randn(n, *SHAPES[ndim][1:]) + n for n in sizes]

    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3, momentum=None)
        for i, x in enumerate(batches):
            rec.add(f"y{i}", bn(x))
        rec.add("after four", buffers(bn))
        bn.reset_running_stats()
        rec.add("after reset", buffers(bn))
        for x in batches[2:]:
            bn(x)
        rec.add("after two more", buffers(bn))

    ours, theirs = both(scenario, ndim)
    assert_agree(ours, theirs)
    dims = [d for d in range(ndim) if d != 1]
    means = torch.stack([x.mean(dims) for x in batches])
    variances = torch.stack([x.var(dims, correction=1) for x in batches])
    torch.testing.assert_close(theirs.value("after four")["running_mean"], means.mean(0))
    torch.testing.assert_close(theirs.value("after four")["running_var"], variances.mean(0))
    torch.testing.assert_close(theirs.value("after two more")["running_mean"], means[2:].mean(0))
    assert int(theirs.value("after reset")["num_batches_tracked"]) == 0


@pytest.mark.parametrize("track", [True, False])
@pytest.mark.parametrize("ndim", [2, 3, 4, 5])
def test_eval_mode_outputs_and_gradients(ndim: int, track: bool) -> None:
    train, test = torch.randn(SHAPES[ndim]) * 3 + 1, torch.randn(SHAPES[ndim])

    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3, track_running_stats=track)
        bn(train)
        bn.eval()
        for i in range(2):  # twice: eval mode must not move anything
            x = test.clone().requires_grad_()
            y = bn(x)
            (y * torch.arange(y.numel()).reshape(y.shape)).sum().backward()
            rec.add(f"y{i}", y)
            rec.add(f"grads{i}", (x.grad, bn.weight.grad, bn.bias.grad))
            rec.add(f"buffers{i}", buffers(bn))
            bn.zero_grad()

    ours, theirs = both(scenario, ndim)
    assert_agree(ours, theirs)
    if track:  # eval normalizes with the running statistics, not the batch's
        mean = 0.1 * train.mean([d for d in range(ndim) if d != 1])
        assert not torch.allclose(theirs.value("y0"), F.batch_norm(test, None, None,
                                                                    training=True))
        assert torch.allclose(theirs.value("buffers0")["running_mean"], mean, atol=1e-6)


@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("track", [True, False])
@pytest.mark.parametrize("ndim", [2, 4])
def test_affine_and_tracking_flags(ndim: int, affine: bool, track: bool) -> None:
    x0 = torch.randn(SHAPES[ndim]) * 2 - 1

    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3, affine=affine, track_running_stats=track)
        rec.add("params", [name for name, _ in bn.named_parameters()])
        rec.add("state keys", list(bn.state_dict()))
        if affine:
            with torch.no_grad():
                bn.weight.copy_(torch.tensor([0.5, -2.0, 3.0]))
                bn.bias.copy_(torch.tensor([1.0, 0.0, -1.0]))
        for training in (True, False):
            bn.train(training)
            x = x0.clone().requires_grad_()
            y = bn(x)
            y.pow(2).sum().backward()
            rec.add(f"y train={training}", y)
            rec.add(f"grad x train={training}", x.grad)
            if affine:
                rec.add(f"grad w, b train={training}", (bn.weight.grad, bn.bias.grad))
                bn.zero_grad()
        rec.add("state", bn.state_dict())

    ours, theirs = both(scenario, ndim)
    assert_agree(ours, theirs)
    expected_keys = (["weight", "bias"] if affine else []) + (
        ["running_mean", "running_var", "num_batches_tracked"] if track else [])
    assert theirs.value("state keys") == expected_keys


# -- gradcheck and gradgradcheck in float64 --------------------------------------------


@pytest.mark.parametrize("mode", ["train", "eval", "eval, not tracked"])
@pytest.mark.parametrize("ndim", [2, 4])
def test_gradcheck_and_gradgradcheck_in_float64(ndim: int, mode: str) -> None:
    shape = (2, 3, 2, 2) if ndim == 4 else (5, 3)
    x = torch.randn(shape, dtype=torch.float64) * 2 + 0.5
    w = torch.tensor([0.7, -1.3, 2.0], dtype=torch.float64)
    b = torch.tensor([0.1, 0.2, -0.3], dtype=torch.float64)

    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3, dtype=torch.float64, track_running_stats=mode != "eval, not tracked")
        if bn.running_mean is not None:
            with torch.no_grad():
                bn.running_mean.copy_(torch.tensor([0.3, -0.2, 1.0]))
                bn.running_var.copy_(torch.tensor([2.0, 0.5, 1.5]))
        bn.train(mode == "train")
        del bn.weight, bn.bias  # differentiate with respect to them as plain inputs

        def f(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
            bn.weight, bn.bias = w, b
            return bn(x)  # training moves the running statistics, which it does not read

        inputs = tuple(t.clone().requires_grad_() for t in (x, w, b))
        if make is BatchNorm:  # torch's own derivatives are torch's business
            rec.add("gradcheck", gradcheck(f, inputs))
            rec.add("gradgradcheck", gradgradcheck(f, inputs))
        y = f(*inputs)
        grads = torch.autograd.grad((y**3 * y.detach().cos()).sum(), inputs, create_graph=True)
        second = torch.autograd.grad(sum(g.sin().sum() for g in grads), inputs,
                                     allow_unused=True, materialize_grads=True)
        rec.add("first derivatives", grads)
        rec.add("second derivatives", second)

    ours, theirs = both(scenario, ndim)
    assert ours.value("gradcheck") is True and ours.value("gradgradcheck") is True
    assert_agree(Record(ours.entries[2:]), theirs, tol=1e-10)


def test_functional_gradcheck_and_gradgradcheck_in_float64() -> None:
    x = torch.randn(6, 3, 2, dtype=torch.float64)
    w = torch.tensor([0.7, -1.3, 2.0], dtype=torch.float64)
    b = torch.tensor([0.1, 0.2, -0.3], dtype=torch.float64)
    inputs = tuple(t.clone().requires_grad_() for t in (x, w, b))
    for training in (True, False):
        def ours(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor,
                 training: bool = training) -> torch.Tensor:
            stats = (torch.zeros(3, dtype=torch.float64), torch.ones(3, dtype=torch.float64))
            return batch_norm(x, *stats, w, b, training=training)

        def theirs(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor,
                   training: bool = training) -> torch.Tensor:
            stats = (torch.zeros(3, dtype=torch.float64), torch.ones(3, dtype=torch.float64))
            return F.batch_norm(x, *stats, w, b, training=training)

        assert gradcheck(ours, inputs)
        assert gradgradcheck(ours, inputs)
        for fn in (ours, theirs):
            y = fn(*inputs)
            grads = torch.autograd.grad((y**3).sum(), inputs, create_graph=True)
            second = torch.autograd.grad(sum((g**2).sum() for g in grads), inputs,
                                         allow_unused=True, materialize_grads=True)
            if fn is ours:
                expected_first, expected_second = grads, second
        for a, e in zip((*expected_first, *expected_second), (*grads, *second), strict=True):
            torch.testing.assert_close(a, e, rtol=1e-10, atol=1e-10)


# -- empty batch, one value per channel, wrong sizes -----------------------------------


@pytest.mark.parametrize("ndim", [2, 3, 4, 5])
def test_empty_batch(ndim: int) -> None:
    shape = (0, *SHAPES[ndim][1:])

    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3)
        for training in (True, False):
            bn.train(training)
            x = torch.randn(shape, requires_grad=True)
            y = rec.attempt(f"y train={training}", lambda x=x: bn(x))
            if y is not None:
                y.sum().backward()
                rec.add(f"grads train={training}", (x.grad, bn.weight.grad, bn.bias.grad))
            rec.add(f"buffers train={training}", buffers(bn))

    ours, theirs = both(scenario, ndim)
    assert_agree(ours, theirs)


@pytest.mark.parametrize("shape", [(1, 3), (1, 3, 1), (1, 3, 1, 1), (1, 3, 1, 1, 1)])
def test_one_value_per_channel_is_refused_in_training_only(shape: tuple[int, ...]) -> None:
    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3)
        x = torch.randn(shape)
        rec.attempt("train", lambda: bn(x))
        rec.add("buffers", buffers(bn))
        bn.eval()
        rec.attempt("eval", lambda: bn(x))

    ours, theirs = both(scenario, len(shape))
    assert_agree(ours, theirs)
    assert theirs.value("train")[:2] == ("raised", "ValueError")


@pytest.mark.parametrize("name", ["running_mean", "running_var", "weight", "bias"])
@pytest.mark.parametrize("training", [True, False])
def test_wrong_sized_buffers_and_parameters(name: str, training: bool) -> None:
    x = torch.randn(4, 3, 2)

    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3)
        state = bn.state_dict()
        state[name] = torch.zeros(4)
        rec.attempt("load", lambda: bn.load_state_dict(state))
        rec.add("state after", bn.state_dict())
        if name in ("weight", "bias"):
            setattr(bn, name, nn.Parameter(torch.ones(4)))
        else:
            setattr(bn, name, torch.ones(4))
        bn.train(training)
        rec.attempt("forward", lambda: bn(x))

    ours, theirs = both(scenario, 3)
    assert_agree(ours, theirs)
    assert theirs.value("load")[:2] == ("raised", "RuntimeError")
    assert theirs.value("forward")[:2] == ("raised", "RuntimeError")


@pytest.mark.parametrize("name", ["running_mean", "running_var", "weight", "bias"])
@pytest.mark.parametrize("training", [True, False])
def test_functional_wrong_sizes(name: str, training: bool) -> None:
    x = torch.randn(4, 3, 2)
    results = []
    for fn in (batch_norm, F.batch_norm):
        args = {"running_mean": torch.zeros(3), "running_var": torch.ones(3),
                "weight": torch.ones(3), "bias": torch.zeros(3)}
        args[name] = torch.ones(4)
        rec = Record()
        rec.attempt("call", lambda fn=fn, args=args: fn(x, training=training, **args))
        results.append(rec)
    assert_agree(*results)
    assert results[1].value("call")[:2] == ("raised", "RuntimeError")


# -- the stats flag flipped after construction -----------------------------------------


@pytest.mark.parametrize("ndim", [2, 4])
def test_tracking_turned_off_after_construction(ndim: int) -> None:
    x = torch.randn(SHAPES[ndim]) + 2

    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3)
        bn(x)
        rec.add("tracked", buffers(bn))
        bn.track_running_stats = False
        rec.add("y train", bn(x))
        rec.add("untouched", buffers(bn))  # neither the statistics nor the count move
        bn.eval()
        rec.add("y eval", bn(x))  # eval still uses the running statistics it has
        rec.add("state", bn.state_dict())

    ours, theirs = both(scenario, ndim)
    assert_agree(ours, theirs)
    assert int(theirs.value("untouched")["num_batches_tracked"]) == 1


@pytest.mark.parametrize("ndim", [2, 4])
def test_tracking_turned_on_without_buffers(ndim: int) -> None:
    x = torch.randn(SHAPES[ndim])

    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3, track_running_stats=False)
        bn.track_running_stats = True
        rec.attempt("y train", lambda: bn(x))
        bn.eval()
        rec.attempt("y eval", lambda: bn(x))
        rec.add("state", bn.state_dict())

    ours, theirs = both(scenario, ndim)
    assert_agree(ours, theirs)


# -- state_dict versions ---------------------------------------------------------------


def _without_count(version: int | None) -> dict[str, Any]:
    """A checkpoint of BN3 with stats, lacking num_batches_tracked, saved at ``version``."""
    source = nn.BatchNorm2d(3)
    source(torch.randn(4, 3, 2, 2) * 2 + 1)
    state = source.state_dict()
    del state["num_batches_tracked"]
    if version is None:
        del state._metadata[""]["version"]  # type: ignore[attr-defined]
    else:
        state._metadata[""]["version"] = version  # type: ignore[attr-defined]
    return state


@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize("version", [None, 1, 2])
def test_checkpoint_without_num_batches_tracked(version: int | None, strict: bool) -> None:
    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3)
        bn.num_batches_tracked.fill_(10)  # the module has been trained for a while
        rec.attempt("load", lambda: bn.load_state_dict(_without_count(version), strict=strict))
        rec.add("after", bn.state_dict())

    ours, theirs = both(scenario, 4)
    assert_agree(ours, theirs)
    after = theirs.value("after")
    if version == 2 and strict:
        assert theirs.value("load")[:2] == ("raised", "RuntimeError")
    else:
        assert int(after["num_batches_tracked"]) == 10  # kept, not reset to 0
        missing = theirs.value("load")["missing_keys"]
        assert missing == (["num_batches_tracked"] if version == 2 else [])


def test_old_checkpoint_into_a_module_on_the_meta_device() -> None:
    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3, device="meta")
        rec.add("load", bn.load_state_dict(_without_count(1), assign=True))
        rec.add("count", bn.num_batches_tracked)

    ours, theirs = both(scenario, 4)
    assert_agree(ours, theirs)
    assert int(theirs.value("count")) == 0


def test_empty_state_dict_keeps_everything() -> None:
    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3)
        bn(torch.randn(5, 3, 2, 2))
        bn.num_batches_tracked.fill_(10)
        rec.add("load", bn.load_state_dict({}, strict=False))
        rec.add("after", bn.state_dict())

    ours, theirs = both(scenario, 4)
    assert_agree(ours, theirs)
    assert int(theirs.value("after")["num_batches_tracked"]) == 10


@pytest.mark.parametrize("track", [True, False])
def test_state_dict_metadata_and_unexpected_keys(track: bool) -> None:
    def scenario(make: Factory, rec: Record) -> None:
        bn = make(3, track_running_stats=track)
        state = bn.state_dict()
        rec.add("version", state._metadata[""]["version"])  # type: ignore[attr-defined]
        state["extra"] = torch.zeros(1)
        rec.attempt("strict", lambda: bn.load_state_dict(state))
        rec.add("lenient", bn.load_state_dict(state, strict=False))
        full = make(3).state_dict()  # a checkpoint with statistics, into a module without
        rec.attempt("with stats", lambda: bn.load_state_dict(full, strict=False))

    ours, theirs = both(scenario, 4)
    assert_agree(ours, theirs)
    assert theirs.value("version") == 2
