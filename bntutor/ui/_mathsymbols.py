"""Tables for :mod:`bntutor.ui.mathtext`: LaTeX command -> Unicode, and script letters.

Each symbol has a *kind* that decides spacing when pieces are joined:
``ord`` (letters, Greek, delimiters), ``bin`` (operators and relations, keep spaces),
``op`` (big operators: a space before the operand), ``fn`` (function names).
"""

from __future__ import annotations

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε",
    "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ",
    "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}  # fmt: skip

ORD = {
    "partial": "∂", "nabla": "∇", "infty": "∞", "ell": "ℓ", "hbar": "ħ",
    "emptyset": "∅", "varnothing": "∅", "prime": "′", "top": "⊤", "bot": "⊥",
    "dots": "…", "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
    "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "|": "‖", "Vert": "‖",
    "lVert": "‖", "rVert": "‖", "vert": "|", "lvert": "|", "rvert": "|",
    "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈",
    "rceil": "⌉", "{": "{", "}": "}", "lbrace": "{", "rbrace": "}", "#": "#", "%": "%",
    "&": "&", "_": "_", "$": "$", "degree": "°", "star": "⋆", "dagger": "†",
    "checkmark": "✓", "square": "□", "surd": "√",
}  # fmt: skip

BIN = {
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "odot": "⊙",
    "oplus": "⊕", "otimes": "⊗", "circ": "∘", "ast": "∗", "setminus": "∖", "cup": "∪",
    "cap": "∩", "wedge": "∧", "vee": "∨", "land": "∧", "lor": "∨",
    "leftarrow": "←", "gets": "←", "rightarrow": "→", "to": "→", "Rightarrow": "⇒",
    "Leftarrow": "⇐", "implies": "⟹", "iff": "⟺", "Leftrightarrow": "⇔",
    "leftrightarrow": "↔", "mapsto": "↦", "longrightarrow": "⟶", "longleftarrow": "⟵",
    "uparrow": "↑", "downarrow": "↓", "approx": "≈", "sim": "∼", "simeq": "≃",
    "cong": "≅", "equiv": "≡", "propto": "∝", "le": "≤", "leq": "≤", "ge": "≥",
    "geq": "≥", "ne": "≠", "neq": "≠", "ll": "≪", "gg": "≫", "in": "∈", "notin": "∉",
    "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇",
    "perp": "⊥", "parallel": "∥", "mid": "∣", "coloneqq": "≔", "triangleq": "≜",
    "lt": "<", "gt": ">",
}  # fmt: skip

BIG_OPS = {
    "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "oint": "∮",
    "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂",
}  # fmt: skip

FUNCTIONS = frozenset({
    "log", "ln", "lg", "exp", "max", "min", "arg", "sin", "cos", "tan", "sinh", "cosh",
    "tanh", "arcsin", "arccos", "arctan", "det", "dim", "ker", "lim", "liminf", "limsup",
    "sup", "inf", "Pr", "gcd", "deg", "hom", "mod", "bmod",
})  # fmt: skip

# Commands that only change size or spacing hints: dropped.
DROPPED = frozenset({
    "left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl",
    "Bigr", "biggl", "biggr", "Biggl", "Biggr", "displaystyle", "textstyle",
    "scriptstyle", "limits", "nolimits", "nonumber", "notag", "!", "label",
})  # fmt: skip

SPACES = {",": " ", ":": " ", ";": " ", ">": " ", " ": " ", "quad": "  ", "qquad": "    "}

ACCENTS = {
    "hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
    "tilde": "\u0303", "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308",
    "vec": "\u20d7", "check": "\u030c", "breve": "\u0306", "acute": "\u0301",
    "grave": "\u0300", "underline": "\u0332",
}  # fmt: skip
ACCENTS_ON_EVERY_CHAR = frozenset({"overline", "underline"})

# Text-mode commands: their braced argument is copied as text.
TEXT = frozenset(
    {"text", "textrm", "textit", "textbf", "textsf", "texttt", "mbox", "emph", "textnormal"}
)
# Font commands in math mode: the argument is converted, the font is dropped.
FONTS = frozenset(
    {"mathrm", "mathit", "mathbf", "mathsf", "mathtt", "boldsymbol", "bm", "mathfrak"}
)

SUPERSCRIPT = dict(
    zip(
        "0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθιφχ⊤*′'",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᶥᵠᵡᵀ*′′",
        strict=True,
    )
)
SUBSCRIPT = dict(
    zip(
        "0123456789+-−=()aehijklmnoprstuvxβγρφχ",
        "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ",
        strict=True,
    )
)
SCRIPT_CHARS = frozenset(SUPERSCRIPT.values()) | frozenset(SUBSCRIPT.values())

#: Each alphabet: its letters that Unicode places elsewhere, then where its A, a and 0
#: start (None: no digits).
BLACKBOARD = ({"C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"},
              0x1D538, 0x1D552, 0x1D7D8)
CALLIGRAPHIC = ({
    "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
    "e": "ℯ", "g": "ℊ", "o": "ℴ",
}, 0x1D49C, 0x1D4B6, None)  # fmt: skip


def lettered(char: str, alphabet: tuple[dict[str, str], int, int, int | None]) -> str:
    """``char`` in ``alphabet``: ``R`` -> ``ℝ``, ``E`` -> ``𝔼``, ``1`` -> ``𝟙`` in
    :data:`BLACKBOARD`, ``L`` -> ``ℒ`` in :data:`CALLIGRAPHIC`; other characters unchanged."""
    special, upper, lower, digits = alphabet
    if char in special:
        return special[char]
    for first, last, start in (("A", "Z", upper), ("a", "z", lower), ("0", "9", digits)):
        if first <= char <= last and start is not None:
            return chr(start + ord(char) - ord(first))
    return char
