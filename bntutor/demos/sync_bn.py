"""sync-bn: two processes, their own batch statistics, and synchronized ones."""

from __future__ import annotations

from bntutor.demos.base import DemoOptions, ReportProgress, Section, pick, small
from bntutor.live.results import LiveResult


def sections(options: DemoOptions, progress: ReportProgress) -> list[Section]:
    from bntutor.live.sync_bn import SyncBnArgs, check_block, run_sync_bn, stats_blocks

    args = SyncBnArgs(seed=options.seed, quick=options.quick)
    label = f"running {args.world_size} processes"
    progress(label, 0, 1)
    data = run_sync_bn(args)
    progress(label, 1, 1)
    values = data.values()
    return [
        Section(
            "ranks",
            "A batch split over processes",
            f"Data parallelism splits each batch over processes (ranks), usually one per GPU. "
            f"Here {data.world_size} processes on this machine, joined by `torch.distributed` "
            f"(gloo backend, CPU, localhost), get {args.batch} images each, and rank r's "
            "images are shifted by r, as when each GPU happens to see different kinds of "
            "images. Plain BN normalizes each rank's slice with that slice's statistics. "
            "Synchronized BN (`bntutor.engine.SyncBatchNorm`) sums, per channel, the count, "
            "the sum and the sum of squares over all ranks with one all-reduce, and every "
            "rank gets the whole batch's mean and variance.",
            LiveResult(stats_blocks(data),
                       pick(values, "world_size", "start_method", "local_mean", "local_var",
                            "sync_mean", "sync_var", "full_mean", "full_var")),
        ),
        Section(
            "check",
            "Synchronized BN equals BN of the whole batch",
            "The reference is PyTorch's `nn.BatchNorm2d` run on the unsplit batch in one "
            "process. Backward needs whole-batch sums too; the all-reduce passes gradients "
            "back through the same sum.",
            LiveResult([check_block(data)],
                       pick(values, "local_vs_full", "sync_vs_full", "output_max_diff",
                            "grad_input_max_diff", "grad_params_max_diff",
                            "running_max_diff", "torch_sync_bn")),
            f"Each rank's own statistics are off by up to {data.local_vs_full:.2f}; the "
            f"synchronized ones match the whole batch to {small(data.sync_vs_full)}, and so do "
            f"the outputs ({small(data.output_max_diff)}) and input gradients "
            f"({small(data.grad_input_max_diff)}). PyTorch's own `nn.SyncBatchNorm` needs a GPU "
            f"(or another accelerator) to train; asked here: {data.torch_sync_bn}",
        ),
    ]
