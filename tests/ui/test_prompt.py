"""Answer sources: scripted lines (blank ones skipped, echoed) and a terminal stream."""

from __future__ import annotations

import io

from rich.console import Console

from bntutor.ui.prompt import ScriptedSource, TerminalSource


def test_scripted_source_skips_blank_lines_and_echoes() -> None:
    out = io.StringIO()
    source = ScriptedSource(io.StringIO("first\n\n   \r\n:hint\r\nlast"), Console(file=out))
    assert not source.interactive
    assert [source.read(), source.read(), source.read(), source.read()] == [
        "first", ":hint", "last", None
    ]
    assert out.getvalue().splitlines() == ["› first", "› :hint", "› last"]


def test_terminal_source_keeps_empty_lines_and_reports_the_end() -> None:
    out = io.StringIO()
    source = TerminalSource(Console(file=out), stream=io.StringIO("\nanswer\n"))
    assert source.interactive
    assert source.read() == ""
    assert source.read("press Enter › ") == "answer"
    assert source.read() is None
    assert "press Enter › " in out.getvalue()
