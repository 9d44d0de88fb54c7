"""A rich Text that wraps Chinese (and Japanese) by the rules of ``bntutor.ui.cjk``."""

from __future__ import annotations

from rich.console import Console, JustifyMethod, OverflowMethod
from rich.containers import Lines
from rich.text import Text

from bntutor.ui.cjk import divide_line, has_cjk


class CJKText(Text):
    """A Text that wraps CJK characters one by one; other text wraps as usual."""

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        no_wrap_now = (self.no_wrap if no_wrap is None else no_wrap) or overflow == "ignore"
        if no_wrap_now or not has_cjk(self.plain):
            return super().wrap(console, width, justify=justify, overflow=overflow,
                                tab_size=tab_size, no_wrap=no_wrap)
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            new_lines = line.divide(divide_line(line.plain, width, wrap_overflow == "fold"))
            for new_line in new_lines:
                new_line.rstrip_end(width)
            if wrap_justify:
                new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for new_line in new_lines:
                new_line.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines


def cjk_text(text: Text) -> CJKText:
    """``text`` as a :class:`CJKText` (same characters and styles)."""
    out = CJKText(style=text.style, justify=text.justify, overflow=text.overflow,
                  no_wrap=text.no_wrap, end=text.end)
    out.append_text(text)
    return out
