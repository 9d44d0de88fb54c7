"""Synchronized BN over real processes (gloo, CPU) against nn.BatchNorm on the whole batch.

Each test splits one batch between ranks, runs ``SyncBatchNorm`` forward and backward on
every rank, and compares with torch's own BN on the unsplit batch in this process.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
import torch
from torch import nn

from bntutor.engine import BatchNorm, SyncBatchNorm, sync_stats
from bntutor.live._workers import run_workers


def _rank(rank: int, world_size: int, payload: dict[str, Any]) -> dict[str, Any]:
    x = torch.tensor(payload["slices"][rank], requires_grad=True)
    grad_out = torch.tensor(payload["grads"][rank])
    bn = SyncBatchNorm(x.shape[payload["axis"]], momentum=payload["momentum"],
                       channel_axis=payload["axis"])
    with torch.no_grad():
        bn.weight.copy_(torch.tensor(payload["weight"]))
        bn.bias.copy_(torch.tensor(payload["bias"]))
    outputs = []
    for _ in range(payload["steps"]):
        x.grad = None
        bn.weight.grad = None
        bn.bias.grad = None
        y = bn(x)
        (y * grad_out).sum().backward()
        outputs.append(y.detach().tolist())
    assert x.grad is not None and bn.weight.grad is not None and bn.bias.grad is not None
    assert bn.running_mean is not None and bn.running_var is not None
    mean, var, count = sync_stats(x.detach(), payload["axis"])
    bn.eval()
    return {
        "y": outputs[-1],
        "grad_x": x.grad.tolist(),
        "grad_w": bn.weight.grad.tolist(),
        "grad_b": bn.bias.grad.tolist(),
        "running": [bn.running_mean.tolist(), bn.running_var.tolist()],
        "stats": [mean.tolist(), var.tolist(), count],
        "eval_y": bn(x.detach()).tolist(),
    }


def _split_and_compare(sizes: list[int], shape: tuple[int, ...], axis: int = 1,
                       momentum: float | None = 0.1, steps: int = 1) -> None:
    gen = torch.Generator().manual_seed(sum(sizes) + len(shape))
    slices = [torch.randn(n, *shape, generator=gen) * (1 + r) + 3 * r
              for r, n in enumerate(sizes)]
    grads = [torch.randn(s.shape, generator=gen) for s in slices]
    channels = shape[0] if axis == 1 else shape[-1]
    weight, bias = torch.rand(channels, generator=gen) + 0.5, torch.randn(channels, generator=gen)
    payload = {"slices": [s.tolist() for s in slices], "grads": [g.tolist() for g in grads],
               "weight": weight.tolist(), "bias": bias.tolist(), "axis": axis,
               "momentum": momentum, "steps": steps}
    threads = threading.active_count()
    ranks = run_workers(_rank, len(sizes), payload, timeout=60)
    assert threading.active_count() == threads, "workers must leave no thread behind"

    # torch's BN on the whole batch (channels first), the reference
    full = torch.cat(slices)
    full_cf = (full if axis == 1 else full.movedim(-1, 1)).clone().requires_grad_(True)
    bn_type = {2: nn.BatchNorm1d, 3: nn.BatchNorm1d, 4: nn.BatchNorm2d}[full_cf.dim()]
    ref = bn_type(channels, momentum=momentum)
    with torch.no_grad():
        ref.weight.copy_(weight)
        ref.bias.copy_(bias)
    for _ in range(steps):
        full_cf.grad = None
        ref.weight.grad = None
        ref.bias.grad = None
        y_ref = ref(full_cf)
        grad_cf = torch.cat(grads) if axis == 1 else torch.cat(grads).movedim(-1, 1)
        (y_ref * grad_cf).sum().backward()
    assert full_cf.grad is not None and ref.weight.grad is not None
    assert ref.running_mean is not None and ref.running_var is not None

    def back(t: torch.Tensor) -> torch.Tensor:  # reference output in the input's layout
        return t if axis == 1 else t.movedim(1, -1)

    y = torch.cat([torch.tensor(r["y"]) for r in ranks])
    grad_x = torch.cat([torch.tensor(r["grad_x"]) for r in ranks])
    torch.testing.assert_close(y, back(y_ref.detach()), atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(grad_x, back(full_cf.grad), atol=1e-4, rtol=1e-4)
    grad_w = sum(torch.tensor(r["grad_w"]) for r in ranks)
    grad_b = sum(torch.tensor(r["grad_b"]) for r in ranks)
    torch.testing.assert_close(grad_w, ref.weight.grad, atol=1e-4, rtol=1e-5)
    torch.testing.assert_close(grad_b, ref.bias.grad, atol=1e-4, rtol=1e-5)
    dims = [d for d in range(full_cf.dim()) if d != 1]
    for r in ranks:
        mean, var, count = r["stats"]
        assert count == full_cf.numel() // channels
        torch.testing.assert_close(torch.tensor(mean), full_cf.detach().mean(dims),
                                   atol=1e-6, rtol=1e-6)
        torch.testing.assert_close(torch.tensor(var),
                                   full_cf.detach().var(dims, unbiased=False),
                                   atol=1e-6, rtol=1e-6)
        torch.testing.assert_close(torch.tensor(r["running"][0]), ref.running_mean,
                                   atol=1e-6, rtol=1e-6)
        torch.testing.assert_close(torch.tensor(r["running"][1]), ref.running_var,
                                   atol=1e-6, rtol=1e-6)
    ref.eval()
    eval_ref = back(ref(full_cf.detach()))
    eval_y = torch.cat([torch.tensor(r["eval_y"]) for r in ranks])
    torch.testing.assert_close(eval_y, eval_ref.detach(), atol=1e-5, rtol=1e-5)


def test_two_ranks_equal_whole_batch_bn_nchw() -> None:
    _split_and_compare([3, 3], (4, 5, 5))


def test_unequal_slices_and_three_ranks() -> None:
    _split_and_compare([2, 5, 1], (3, 4, 4))


def test_channels_last_and_cumulative_momentum_over_steps() -> None:
    _split_and_compare([4, 2], (3, 3, 5), axis=-1, momentum=None, steps=3)


def test_fully_connected_input() -> None:
    _split_and_compare([3, 4], (6,))


def test_outside_a_process_group_it_is_plain_batchnorm() -> None:
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(4, 3, 5, 5, generator=gen)
    sync, plain, ref = SyncBatchNorm(3), BatchNorm(3), nn.BatchNorm2d(3)
    y = sync(x)
    torch.testing.assert_close(y, ref(x))
    torch.testing.assert_close(y, plain(x))
    assert sync.running_mean is not None and ref.running_mean is not None
    torch.testing.assert_close(sync.running_mean, ref.running_mean)
    assert set(sync.state_dict()) == set(ref.state_dict())


@pytest.mark.parametrize("fail", ["raise", "hang"])
def test_failed_or_hung_workers_are_cleaned_up(fail: str) -> None:
    import multiprocessing

    from bntutor.live._workers import WorkerError

    with pytest.raises(WorkerError, match="rank 1 failed|in time"):
        run_workers(_misbehave, 2, fail, timeout=1.0)
    assert not multiprocessing.active_children()


def test_interrupted_parent_kills_its_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    from bntutor.live import _workers

    def interrupted(*args: object) -> list[Any]:
        assert len(multiprocessing.active_children()) == 2
        raise KeyboardInterrupt

    monkeypatch.setattr(_workers, "_collect", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_workers(_misbehave, 2, "hang", timeout=30.0)
    assert not multiprocessing.active_children()


def _misbehave(rank: int, world_size: int, how: str) -> None:
    import time

    if rank == 1:
        if how == "raise":
            raise ValueError("on purpose")
        time.sleep(60)


def test_workers_are_spawned_when_another_thread_is_running() -> None:
    from bntutor.live._workers import default_start_method

    assert default_start_method() in ("fork", "spawn")
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert default_start_method() == "spawn"
    finally:
        stop.set()
        helper.join()


@pytest.mark.slow
def test_spawned_workers_give_the_same_answer_as_forked_ones() -> None:
    from bntutor.live.sync_bn import SyncBnArgs, sync_bn

    forked = sync_bn(SyncBnArgs(start_method="fork")).values
    spawned = sync_bn(SyncBnArgs(start_method="spawn")).values
    forked.pop("start_method")
    assert spawned.pop("start_method") == "spawn"
    assert spawned == forked
