"""Run a function in a few local processes joined by ``torch.distributed`` (gloo, CPU).

The parent starts the processes first and only then opens the rendezvous store on a free
localhost port chosen by the OS (port 0), and hands the port to each child: no race for
the port, and no store thread alive in the parent while it forks. Whatever happens — a
child fails, hangs past the timeout, or Ctrl-C arrives — every child is terminated (then
killed) before :func:`run_workers` returns or raises.

Results travel back as plain Python data (lists, numbers, strings): tensors sent through
a multiprocessing queue would go by shared memory, which outlives a child badly.
"""

from __future__ import annotations

import multiprocessing
import queue
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from bntutor.errors import BntutorError

HOST = "127.0.0.1"

Target = Callable[[int, int, Any], Any]
"""``target(rank, world_size, payload) -> result``, run inside the process group."""


class WorkerError(BntutorError):
    """A worker failed, or did not answer in time; the message says which and why."""


def default_start_method() -> str:
    """``fork`` where it is safe: on Linux, from a process running one Python thread (a
    second thread might hold a lock at the moment of the fork, and the child would inherit
    it held). The children then inherit the imported torch and start in milliseconds.
    Otherwise ``spawn``: a fresh interpreter per child, a second or two slower."""
    methods = multiprocessing.get_all_start_methods()
    single = threading.active_count() == 1
    return "fork" if sys.platform.startswith("linux") and "fork" in methods and single \
        else "spawn"


def run_workers(
    target: Target,
    world_size: int,
    payload: Any,
    timeout: float = 60.0,
    start_method: str | None = None,
) -> list[Any]:
    """Run ``target`` on ranks ``0 .. world_size-1``; their results in rank order.

    ``target`` must be a module-level function (``spawn`` pickles it).
    """
    import torch.distributed as dist

    ctx: Any = multiprocessing.get_context(start_method or default_start_method())
    results: Any = ctx.Queue()  # only children put: no feeder thread in this process
    pipes = [ctx.Pipe() for _ in range(world_size)]  # the port, sent without a thread
    procs = [
        ctx.Process(target=_child, args=(target, rank, world_size, payload, timeout,
                                         pipes[rank][1], results),
                    daemon=True, name=f"bntutor-rank{rank}")
        for rank in range(world_size)
    ]
    store = None
    try:
        for p in procs:
            p.start()
        store = dist.TCPStore(HOST, 0, world_size, is_master=True, wait_for_workers=False,
                              timeout=timedelta(seconds=timeout))
        for sender, _ in pipes:
            sender.send(store.port)
        return _collect(procs, results, world_size, time.monotonic() + timeout)
    finally:
        _stop(procs)
        for sender, receiver in pipes:
            sender.close()
            receiver.close()
        results.close()
        results.cancel_join_thread()
        del store


def _collect(procs: list[Any], results: Any, world_size: int, deadline: float) -> list[Any]:
    answers: dict[int, Any] = {}
    while len(answers) < world_size:
        try:
            rank, ok, value = results.get(timeout=0.1)
        except queue.Empty:
            dead = [p for p in procs if p.exitcode not in (None, 0)]
            if dead:
                raise WorkerError(f"{dead[0].name} died (exit code {dead[0].exitcode})") from None
            if time.monotonic() > deadline:
                raise WorkerError(f"workers did not finish in time ({len(answers)} of "
                                  f"{world_size} answered)") from None
            continue
        if not ok:
            raise WorkerError(f"rank {rank} failed: {value}")
        answers[rank] = value
    return [answers[r] for r in range(world_size)]


def _stop(procs: list[Any], grace: float = 1.0) -> None:
    """Give the children ``grace`` seconds in all to exit; terminate, then kill, the rest."""
    deadline = time.monotonic() + grace
    for p in procs:
        if p.pid is not None:
            p.join(timeout=max(0.0, deadline - time.monotonic()))
    for p in procs:
        if p.is_alive():
            p.terminate()
            p.join(timeout=1.0)
        if p.is_alive():
            p.kill()
            p.join()


def _child(target: Target, rank: int, world_size: int, payload: Any, timeout: float,
           port_pipe: Any, results: Any) -> None:
    import os

    try:
        import torch
        import torch.distributed as dist

        torch.set_num_threads(1)  # tiny work; and a forked child must not use OpenMP threads
        if not port_pipe.poll(timeout):  # the parent is gone or stuck: do not linger
            raise TimeoutError("no rendezvous port from the parent")
        port = port_pipe.recv()
        os.environ.update(MASTER_ADDR=HOST, MASTER_PORT=str(port))
        store = dist.TCPStore(HOST, port, world_size, is_master=False,
                              timeout=timedelta(seconds=timeout))
        dist.init_process_group("gloo", store=store, rank=rank, world_size=world_size,
                                timeout=timedelta(seconds=timeout))
        try:
            results.put((rank, True, target(rank, world_size, payload)))
        finally:
            dist.destroy_process_group()
    except BaseException as exc:  # reported to the parent, which raises
        results.put((rank, False, f"{type(exc).__name__}: {exc}"))
