"""Inline LaTeX, as lessons write it, turned into readable Unicode for a terminal.

``latex_to_unicode(r"\\hat{x}_i = \\frac{x_i - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}")``
gives ``x̂ᵢ = (xᵢ - μ_B)/√(σ_B² + ε)``. A subscript or superscript uses Unicode script
characters when every character has one, else ``_B`` / ``^(...)``. Unknown commands lose
their backslash and are listed by :func:`unsupported_commands`. Nothing here raises on
any input: a stray brace or a command at the end of the text is shown as well as it can be.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass

from bntutor.ui import _mathsymbols as sym

_MAX_DEPTH = 40  # deeper nesting is copied as plain text instead of recursing
_NUMBER = re.compile(r"\d+(\.\d+)?")
_OPERATORS = frozenset(" +-−±∓·×÷/=<>≤≥≠≈,←→")


@dataclass
class _Piece:
    text: str
    kind: str  # ord | bin | op | fn | text | ws (source blank) | space (explicit)
    fraction: bool = False  # an ``a/b``: set apart from a symbol written next to it


#: A fraction touching these needs no blank to be read apart from them.
_OPENS = "([{|/"
_CLOSES = ")]}|,;.!'"


def latex_to_unicode(latex: str) -> str:
    """Convert one LaTeX math expression (without ``$`` delimiters) to Unicode text."""
    return unicodedata.normalize("NFC", _Parser(latex).convert())


def unsupported_commands(latex: str) -> list[str]:
    """The commands in ``latex`` that are not converted (shown without their backslash)."""
    parser = _Parser(latex)
    parser.convert()
    return sorted(set(parser.unknown))


def render_math_in_markdown(text: str) -> str:
    """Replace ``$...$`` and ``$$...$$`` in markdown ``text`` by their Unicode form.

    Code spans and fenced code blocks are left alone, ``\\$`` stays a literal dollar, and
    ``$`` followed by a blank (``costs $5``) opens no maths. The converted maths is
    escaped so markdown shows it as is (``μ_B`` does not start emphasis).
    """
    from bntutor.ui._mathmarkdown import replace_math

    return replace_math(text, lambda latex: _escape_markdown(latex_to_unicode(latex)))


def render_math_in_text(text: str) -> str:
    """Replace ``$...$`` in plain text (an answer, a label) by its Unicode form.

    The same rules as :func:`render_math_in_markdown` find the maths; the rest is kept
    as it is, except that ``\\$`` becomes ``$``. Text without ``$`` is returned unchanged.
    """
    if "$" not in text:
        return text
    from bntutor.ui._mathmarkdown import replace_math

    return replace_math(text, latex_to_unicode).replace("\\$", "$")


def _escape_markdown(text: str) -> str:
    return "".join("\\" + ch if ch in string.punctuation else ch for ch in text)


class _Parser:
    def __init__(self, src: str) -> None:
        self.src = src
        self.pos = 0
        self.unknown: list[str] = []

    def convert(self) -> str:
        pieces: list[_Piece] = []
        while self.pos < len(self.src):
            pieces.extend(self._sequence(depth=0, in_group=False))
        return _join(pieces)

    # -- sequences -------------------------------------------------------------------
    def _sequence(self, depth: int, in_group: bool) -> list[_Piece]:
        """Pieces up to the closing ``}`` of a group (consumed) or the end of the text."""
        pieces: list[_Piece] = []
        src = self.src
        while self.pos < len(src):
            ch = src[self.pos]
            if ch == "}":
                self.pos += 1
                if in_group:
                    return pieces
                continue  # a stray closing brace is dropped
            if ch.isspace():
                while self.pos < len(src) and src[self.pos].isspace():
                    self.pos += 1
                pieces.append(_Piece(" ", "ws"))
            elif ch in "^_":
                self.pos += 1
                script = self._argument(depth)
                _attach(pieces, script, superscript=ch == "^")
            elif ch == "{":
                pieces.append(_Piece(self._argument(depth), "ord"))
            elif ch == "\\":
                pieces.extend(self._command(depth))
            elif ch == "~":
                self.pos += 1
                pieces.append(_Piece(" ", "space"))
            elif ch == "&":
                self.pos += 1
                pieces.append(_Piece(" ", "ws"))
            else:
                self.pos += 1
                pieces.append(_Piece(ch, "bin" if ch in "+-*/=<>,;:" else "ord"))
        return pieces

    def _argument(self, depth: int) -> str:
        """One argument: a ``{group}``, a command with its own arguments, or one character."""
        src = self.src
        while self.pos < len(src) and src[self.pos].isspace():
            self.pos += 1
        if self.pos >= len(src):
            return ""
        ch = src[self.pos]
        if depth >= _MAX_DEPTH:
            self.pos += 1
            return ch
        if ch == "{":
            self.pos += 1
            return _join(self._sequence(depth + 1, in_group=True))
        if ch == "\\":
            return _join(self._command(depth + 1))
        self.pos += 1
        return "" if ch == "}" else ch

    def _raw_group(self) -> str:
        """The text of a ``{...}`` argument, copied as text (for ``\\text``)."""
        src = self.src
        while self.pos < len(src) and src[self.pos].isspace():
            self.pos += 1
        if self.pos >= len(src) or src[self.pos] != "{":
            return self._argument(_MAX_DEPTH)
        level, start = 0, self.pos
        while self.pos < len(src):
            ch = src[self.pos]
            self.pos += 1
            if ch == "\\":
                self.pos += 1
            elif ch == "{":
                level += 1
            elif ch == "}":
                level -= 1
                if level == 0:
                    break
        body = src[start + 1 : self.pos - 1] if level == 0 else src[start + 1 :]
        return re.sub(r"\\([{}%&_#$ ])", r"\1", body).replace("~", " ")

    # -- commands --------------------------------------------------------------------
    def _command(self, depth: int) -> list[_Piece]:
        src = self.src
        self.pos += 1  # the backslash
        if self.pos >= len(src):
            return []
        if src[self.pos].isalpha():
            start = self.pos
            while self.pos < len(src) and src[self.pos].isalpha():
                self.pos += 1
            name = src[start : self.pos]
        else:
            name = src[self.pos]
            self.pos += 1
        return self._expand(name, depth)

    def _expand(self, name: str, depth: int) -> list[_Piece]:
        for table, kind in ((sym.GREEK, "ord"), (sym.ORD, "ord"), (sym.BIN, "bin"),
                            (sym.BIG_OPS, "op"), (sym.SPACES, "space")):
            if name in table:
                return [_Piece(table[name], kind)]
        if name in sym.FUNCTIONS:
            return [_Piece(name, "fn")]
        if name in sym.DROPPED:
            if name in ("left", "right", "middle") and self.src.startswith(".", self.pos):
                self.pos += 1
            return []
        if name == "\\":
            return [_Piece(";", "bin"), _Piece(" ", "space")]
        if name in ("begin", "end"):
            self._raw_group()
            return [_Piece(" ", "ws")]
        if name in sym.ACCENTS:
            return [_Piece(_accent(self._argument(depth), name), "ord")]
        if name == "sqrt":
            return [_Piece(self._sqrt(depth), "ord")]
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            top, bottom = self._argument(depth), self._argument(depth)
            return [_Piece(_fraction(top, bottom), "ord", fraction=True)]
        if name == "binom":
            top, bottom = self._argument(depth), self._argument(depth)
            return [_Piece(f"C({top}, {bottom})", "ord")]
        if name in sym.TEXT:
            return [_Piece(self._raw_group(), "text")]
        if name == "operatorname":
            return [_Piece(self._argument(depth), "fn")]
        if name in sym.FONTS:
            return [_Piece(self._argument(depth), "ord")]
        if name in ("mathbb", "mathcal", "mathscr"):
            alphabet = sym.BLACKBOARD if name == "mathbb" else sym.CALLIGRAPHIC
            return [_Piece("".join(sym.lettered(c, alphabet) for c in self._argument(depth)),
                           "ord")]
        self.unknown.append(name)
        return [_Piece(name, "ord")]

    def _sqrt(self, depth: int) -> str:
        index = ""
        if self.src.startswith("[", self.pos):
            end = self.src.find("]", self.pos)
            if end != -1:
                index = latex_to_unicode(self.src[self.pos + 1 : end]) if depth < _MAX_DEPTH else ""
                self.pos = end + 1
        body = self._argument(depth)
        root = {"": "√", "2": "√", "3": "∛", "4": "∜"}.get(index)
        if root is None:
            root = _script(index, superscript=True) + "√"
        return root + (body if _is_single(body) or _is_wrapped(body) else f"({body})")


# -- joining and shaping text ----------------------------------------------------------
def _join(pieces: list[_Piece]) -> str:
    """Glue pieces: source blanks between two ordinary pieces vanish (as in LaTeX)."""
    out: list[str] = []
    solid = [p for p in pieces if p.text]
    for i, piece in enumerate(solid):
        prev = _neighbour(solid, i, -1)
        nxt = _neighbour(solid, i, +1)
        if piece.kind == "ws":
            if prev is None or nxt is None or (prev.kind == "ord" and nxt.kind == "ord"):
                continue
            out.append(" ")
        elif piece.kind == "op" and prev is not None and prev.kind == "ord":
            out.append(" " + piece.text)
        elif _juxtaposed_fraction(prev, piece):
            out.append(" " + piece.text)  # x̂ᵢ 1/m and 1/(2b) e^(…), not x̂ᵢ1/m, 1/(2b)e^(…)
        else:
            out.append(piece.text)
        if piece.kind == "op" and nxt is not None and nxt.kind == "ord":
            out.append(" ")
    return re.sub(r"  +", " ", "".join(out)).strip() if out else ""


def _juxtaposed_fraction(prev: _Piece | None, piece: _Piece) -> bool:
    """True between an ordinary symbol and a fraction written right next to each other."""
    if prev is None or prev.kind != "ord" or piece.kind != "ord" or not prev.text:
        return False
    if piece.fraction:
        return prev.text[-1] not in _OPENS
    return prev.fraction and piece.text[:1] not in _CLOSES and not piece.text[:1].isspace()


def _neighbour(pieces: list[_Piece], i: int, step: int) -> _Piece | None:
    """The nearest piece before (step -1) or after (+1) that is not a source blank."""
    j = i + step
    while 0 <= j < len(pieces):
        if pieces[j].kind != "ws":
            return pieces[j]
        j += step
    return None


def _attach(pieces: list[_Piece], script: str, superscript: bool) -> None:
    """Attach a sub/superscript to the last non-blank piece (LaTeX ignores the blank)."""
    text = _script(script, superscript)
    for piece in reversed(pieces):
        if piece.kind != "ws":
            piece.text += text
            return
    pieces.append(_Piece(text, "ord"))


def _script(text: str, superscript: bool) -> str:
    if not text:
        return ""
    table = sym.SUPERSCRIPT if superscript else sym.SUBSCRIPT
    compact = text.replace(" ", "")
    if compact and all(ch in table for ch in compact):
        return "".join(table[ch] for ch in compact)
    mark = "^" if superscript else "_"
    if _is_single(text) or _is_wrapped(text):
        return mark + text
    return f"{mark}({text})"


def _accent(body: str, name: str) -> str:
    mark = sym.ACCENTS[name]
    if not body:
        return ""
    if name in sym.ACCENTS_ON_EVERY_CHAR:
        return "".join(ch + mark if not ch.isspace() else ch for ch in body)
    return body[0] + mark + body[1:]


def _fraction(top: str, bottom: str) -> str:
    if not _is_wrapped(top) and any(ch in _OPERATORS for ch in top):
        top = f"({top})"
    if not _is_atomic_divisor(bottom):
        bottom = f"({bottom})"
    return f"{top}/{bottom}"


def _is_atomic_divisor(text: str) -> bool:
    """``m``, ``10``, ``∂x``, ``√(σ² + ε)``, ``(a + b)``: read whole after a slash."""
    while text[:1] in ("√", "∂", "∇") and len(text) > 1:
        text = text[1:]
    return not text or _is_single(text) or _is_wrapped(text)


def _is_single(text: str) -> bool:
    """One symbol (with accents and scripts), or a plain number."""
    if _NUMBER.fullmatch(text):
        return True
    base = [ch for ch in text if not unicodedata.combining(ch) and ch not in sym.SCRIPT_CHARS]
    return len(base) == 1


def _is_wrapped(text: str) -> bool:
    """True for ``(...)`` whose opening parenthesis closes at the very end."""
    if len(text) < 2 or text[0] != "(" or text[-1] != ")":
        return False
    level = 0
    for i, ch in enumerate(text):
        level += (ch == "(") - (ch == ")")
        if level == 0 and i < len(text) - 1:
            return False
    return level == 0
