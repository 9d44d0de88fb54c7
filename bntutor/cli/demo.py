"""`bntutor demo [NAME]`: list the demos or run one.

A demo is content (``data/demos/<name>.yaml``): its computations run first (with a
progress bar at a terminal), then the lesson player shows it a step at a time. Listing
the demos never imports torch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from bntutor.cli.context import AppContext, get_context
from bntutor.cli.json_out import print_json

if TYPE_CHECKING:
    from bntutor.content.demo_run import DemoRun
    from bntutor.ui.prompt import AnswerSource

app = typer.Typer()

SEED_MAX = 2**32 - 1


@app.command("demo")
def demo_cmd(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument()] = None,
    seed: Annotated[int, typer.Option("--seed", min=0, max=SEED_MAX)] = 0,
    quick: Annotated[bool, typer.Option("--quick")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List the demos, or run one: cnn-bn, fc-bn, similar-batch, ..."""
    from bntutor.content.demos import demo_list, find_demo, load_demo
    from bntutor.content.i18n import localize

    app_ctx = get_context(ctx)
    lang = app_ctx.lang
    if name is None:
        demos = demo_list()
        if as_json:
            listing = [{"name": d.slug, "title": localize(d.title, lang),
                        "summary": localize(d.summary, lang)} for d in demos]
            print_json({"demos": listing}, allow_nan=False)
        else:
            from bntutor.ui.demo_view import demo_list as list_view

            app_ctx.console.print(list_view(demos, lang))
        return

    from bntutor.content.demo_run import run_demo
    from bntutor.live.catalog import default_registry
    from bntutor.ui.demo_view import progress_bars

    registry = default_registry()
    demo = load_demo(find_demo(name).path, registry)
    show_bars = not as_json and app_ctx.err_console.is_terminal
    with progress_bars(app_ctx.err_console, show_bars, lang) as report:
        run = run_demo(demo, registry, seed, quick, report)
    if as_json:
        print_json(run.document(lang), allow_nan=False)
    else:
        _play(app_ctx, run)


def _play(app: AppContext, run: DemoRun) -> None:
    """The demo through the lesson player: no questions, nothing recorded."""
    from bntutor import tutor
    from bntutor.content.i18n import localize
    from bntutor.messages import message
    from bntutor.player.lesson import LessonPlayer
    from bntutor.ui.blocks import render_blocks
    from bntutor.ui.lesson_screen import LessonScreen
    from bntutor.ui.prompt import TerminalSource

    lesson = run.lesson()
    source = _UntilEnd(TerminalSource(app.console) if app.interactive else None)
    screen = LessonScreen(app.console, source,
                          lambda _, args: render_blocks(run.blocks(args["step"]), app.lang),
                          app.lang, kind="demo")
    seed = message("demo.run_quick" if run.quick else "demo.run", app.lang, seed=run.seed)
    result = LessonPlayer(lesson, None, io=screen, lang=app.lang).play(
        tutor.start(lesson), f"{localize(lesson.summary, app.lang)}  ({seed})")
    if result.ending == "interrupted":
        raise KeyboardInterrupt  # the error boundary says so in one line


class _UntilEnd:
    """At a terminal the player pauses after each step; once input ends, it shows the
    rest straight through. Without a terminal it never pauses."""

    def __init__(self, source: AnswerSource | None) -> None:
        self._source = source

    @property
    def interactive(self) -> bool:
        return self._source is not None

    def read(self, prompt: str = "") -> str | None:
        line = self._source.read(prompt) if self._source is not None else None
        if line is None:
            self._source = None
            return ""
        return line
