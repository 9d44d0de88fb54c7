"""Control characters in text that reaches the terminal: made visible, or found.

A terminal obeys the control characters it is sent: ``ESC [ 2 J`` clears the screen,
``ESC ] 0 ; ... BEL`` sets the window title, a carriage return overwrites the line, and
Unicode's bidirectional overrides reorder what is read. Text the learner typed (or an
answers file holds) and text from content is therefore shown through :func:`visible`:
C0 controls become their Unicode pictures (``␛[2J``), DEL becomes ``␡``, and C1 controls
and bidi overrides are written as escapes (``\\x9b``, ``\\u202e``). ``bntutor validate``
uses :func:`first_control` to refuse such characters in lessons and banks.
"""

from __future__ import annotations

import re

#: The bidirectional embeddings, overrides and isolates ("Trojan Source" characters).
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_TABLE: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20)},  # ␀ .. ␟
    0x7F: "\u2421",  # ␡
    **{code: f"\\x{code:02x}" for code in range(0x80, 0xA0)},
    **{code: f"\\u{code:04x}" for code in _BIDI},
}
_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in _TABLE) + "]")
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x09: "tab", 0x0A: "line feed",
          0x0D: "carriage return", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI"}


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control character but those in ``keep`` (say ``"\\n\\t"``)
    replaced by a visible stand-in; text without any is returned as it is."""
    if _CONTROL.search(text) is None:
        return text
    table = {code: shown for code, shown in _TABLE.items() if chr(code) not in keep}
    return text.translate(table)


def first_control(text: str, keep: str = "\n\t") -> int | None:
    """The index of the first control character in ``text`` not in ``keep``, or None."""
    if _CONTROL.search(text) is None:
        return None
    found = re.search("[" + "".join(re.escape(chr(c)) for c in _TABLE if chr(c) not in keep) + "]",
                      text)
    return None if found is None else found.start()


def describe(char: str) -> str:
    """``U+001B (ESC)``: a control character named for an error message."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")
