"""A rich Console that lets a closed stdout reach the error boundary."""

from __future__ import annotations

from rich.console import Console


class PipeConsole(Console):
    """Rich's own answer to a closed pipe (``| head``) is ``SystemExit(1)``, which would
    report a failure; raising BrokenPipeError lets ``bntutor.cli.main`` end quietly."""

    def on_broken_pipe(self) -> None:
        self.quiet = True  # nothing more to write
        raise BrokenPipeError
