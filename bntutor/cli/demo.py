"""`bntutor demo [NAME]`: list the demos or run one.

The demos' computations live in ``bntutor.live``, their narratives in ``bntutor.demos``,
their rendering in ``bntutor.ui.demo_view``. Listing them never imports torch.
"""

from __future__ import annotations

from typing import Annotated

import typer

from bntutor.cli.context import get_context

app = typer.Typer()

SEED_MAX = 2**32 - 1


@app.command("demo")
def demo_cmd(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Demo to run; leave out to list them.")] = None,
    seed: Annotated[
        int, typer.Option("--seed", min=0, max=SEED_MAX, help="Same seed, same numbers.")
    ] = 0,
    quick: Annotated[bool, typer.Option("--quick", help="A smaller, faster run.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the results as one JSON document.")
    ] = False,
) -> None:
    """List the demos, or run one: cnn-bn, fc-bn, similar-batch, ...

    \b
    Examples:
      bntutor demo
      bntutor demo similar-batch
      bntutor demo moving-average --seed 3 --quick
      bntutor demo fold-bn --json
    """
    from bntutor.demos.base import DemoOptions
    from bntutor.demos.registry import DEMOS, find_demo

    app_ctx = get_context(ctx)
    if name is None:
        if as_json:
            listing = [{"name": d.name, "title": d.title, "summary": d.summary} for d in DEMOS]
            _print_json({"demos": listing})
        else:
            from bntutor.ui.demo_view import demo_list

            app_ctx.console.print(demo_list(DEMOS))
        return

    demo = find_demo(name)
    from bntutor.ui.demo_view import demo_sections, progress_bars
    from bntutor.ui.pager import Pager
    from bntutor.ui.prompt import TerminalSource

    show_bars = not as_json and app_ctx.err_console.is_terminal
    with progress_bars(app_ctx.err_console, show_bars) as progress:
        report = demo.run(DemoOptions(seed=seed, quick=quick), progress)
    if as_json:
        _print_json(report.document())
    else:  # a section at a time when someone reads at a terminal, else straight through
        reader = TerminalSource(app_ctx.console).read if app_ctx.interactive else None
        Pager(app_ctx.console, reader, app_ctx.lang).sections(demo_sections(report))


def _print_json(document: dict[str, object]) -> None:
    """Plain JSON on stdout, no rich: valid JSON, or an error (never NaN)."""
    import json

    typer.echo(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False))
