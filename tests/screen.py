"""How tests see a rich renderable: printed on a console of a given width, as text."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType


def screen_text(
    renderable: RenderableType, width: int = 80, *, terminal: bool = False, color: bool = False
) -> str:
    """``renderable`` as a ``width``-column console prints it, each line's trailing spaces
    dropped. ``color``: with ANSI styles (256 colours); ``terminal``: as if the console were
    a terminal, still without styles unless ``color``."""
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=terminal or color,
            color_system="256" if color else None).print(renderable)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines())
