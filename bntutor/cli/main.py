"""The one error boundary: every exception becomes one line and an exit status."""

from __future__ import annotations

import os
import sys

import typer

from bntutor.errors import BntutorError, ExitStatus


def _debug_requested(args: list[str]) -> bool:
    return "--debug" in args or bool(os.environ.get("BNTUTOR_DEBUG"))


def _error(text: str) -> None:
    sys.stderr.write(f"bntutor: error: {text}\n")
    sys.stderr.flush()


def run(args: list[str] | None = None) -> int:
    """Run the app on ``args`` and return the exit status instead of exiting."""
    from bntutor.cli.app import app

    argv = list(sys.argv[1:] if args is None else args)
    debug = _debug_requested(argv)
    try:
        result = app(args=argv, prog_name="bntutor", standalone_mode=False)
        return int(result) if isinstance(result, int) else ExitStatus.OK
    except BntutorError as exc:
        if debug:
            raise
        _error(exc.one_line())
        return int(exc.status)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:  # end of input at a typer prompt
        _error("interrupted")
        return int(ExitStatus.INTERRUPTED)
    except typer.TyperException as exc:  # usage errors: bad option, missing argument
        if debug:
            raise
        where = ""
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            where = f" (see {ctx.command_path} --help)"
        if exc.format_message():  # an empty message means help was already shown
            _error(f"{exc.format_message()}{where}")
        return int(ExitStatus.BAD_INPUT) if exc.exit_code == 2 else int(exc.exit_code)
    except KeyboardInterrupt:
        _error("interrupted")
        return int(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        # stdout closed by a pager or `head`: nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return int(ExitStatus.OK)
    except Exception as exc:  # a bug: one line, the traceback only with --debug
        if debug:
            raise
        _error(f"unexpected {type(exc).__name__}: {exc} (rerun with --debug for the traceback)")
        return int(ExitStatus.ERROR)


def main() -> None:
    sys.exit(run())
