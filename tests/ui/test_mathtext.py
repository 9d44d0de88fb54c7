"""LaTeX as lessons write it becomes readable Unicode; no input makes it crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.markdown import Markdown

from bntutor.ui import _mathsymbols as sym
from bntutor.ui.mathtext import latex_to_unicode, render_math_in_markdown, unsupported_commands

from ..screen import screen_text

CASES = [
    # the BN forward pass
    (
        r"\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}",
        "x̂ᵢ = (xᵢ - μ_B)/√(σ_B² + ε)",
    ),
    (r"y_i = \gamma \hat{x}_i + \beta", "yᵢ = γx̂ᵢ + β"),
    (r"\mu_B \leftarrow \frac{1}{m}\sum_{i=1}^{m} x_i", "μ_B ← 1/m ∑ᵢ₌₁ᵐ xᵢ"),
    (r"\sigma_B^2 = \frac{1}{m}\sum_i (x_i - \mu_B)^2", "σ_B² = 1/m ∑ᵢ (xᵢ - μ_B)²"),
    # Greek letters
    (r"\alpha \beta \gamma \delta \eta \theta \lambda", "αβγδηθλ"),
    (r"\epsilon = \varepsilon", "ε = ε"),
    (r"\Sigma \Omega \pi \rho \tau \phi \omega", "ΣΩπρτφω"),
    # scripts: Unicode where every character has one, else _x or _(...)
    ("x^2", "x²"),
    ("x^{-1}", "x⁻¹"),
    ("x^{(k)}", "x⁽ᵏ⁾"),
    ("W^T x", "Wᵀx"),
    (r"W^\top", "Wᵀ"),
    ("x_{ij}", "xᵢⱼ"),
    ("x_{i,j}", "x_(i,j)"),
    ("a_B", "a_B"),
    (r"e^{-\lambda t}", "e^(-λt)"),
    (r"\theta^*", "θ*"),
    ("x_{i = 1}", "xᵢ₌₁"),
    # roots and fractions, with parentheses only when needed
    (r"\sqrt{x}", "√x"),
    (r"\sqrt{2\pi}", "√(2π)"),
    (r"\sqrt[3]{x}", "∛x"),
    (r"\frac{1}{m}", "1/m"),
    (r"\frac12", "1/2"),
    (r"\frac{a+b}{2}", "(a+b)/2"),
    (r"\frac{1}{N H W}", "1/(NHW)"),
    (r"\frac{1}{\sqrt{\sigma^2 + \epsilon}}", "1/√(σ² + ε)"),
    (r"\frac{\partial \ell}{\partial \hat{x}_i}", "∂ℓ/∂x̂ᵢ"),
    (r"\left( \frac{a}{b} \right)", "(a/b)"),
    # a fraction written next to a symbol is set apart, so it cannot be read as one term
    (r"\hat{x}_i \frac{1}{m}", "x̂ᵢ 1/m"),
    (r"\frac{1}{2b}e^{-|w|/b}", "1/(2b) e^(-|w|/b)"),
    (r"\frac{1}{\sqrt{v}}(a - b)", "1/√v (a - b)"),
    (r"-\frac{1}{2}, \frac{a}{b}", "-1/2, a/b"),
    (r"\left. x \right|", "x|"),
    # operators, relations, sets and blackboard letters
    (r"a \cdot b \times c", "a · b × c"),
    (r"a \approx b \le c \ge d \ne e", "a ≈ b ≤ c ≥ d ≠ e"),
    (r"n \to \infty", "n → ∞"),
    (r"w \in \mathbb{R}^d", "w ∈ ℝᵈ"),
    (r"\mathbb{E}[x^2]", "𝔼[x²]"),
    (r"\prod_i p_i", "∏ᵢ pᵢ"),
    (r"\partial L", "∂L"),
    (r"\mathcal{L} = L_0 + \lambda \|w\|_2^2", "ℒ = L₀ + λ‖w‖₂²"),
    (r"\lambda \operatorname{sign}(w)", "λ sign(w)"),
    (r"\log x + \exp(y)", "log x + exp(y)"),
    (r"\text{Var}[x] = \mathbb{E}[x^2] - \mathbb{E}[x]^2", "Var[x] = 𝔼[x²] - 𝔼[x]²"),
    (r"\text{if } x > 0", "if x > 0"),
    (r"\mathbf{x}", "x"),
    (r"\bar{x} \tilde{y} \vec{v}", "x\u0304\u1ef9v\u20d7"),  # ỹ is precomposed (NFC)
    (r"\overline{ab}", "a̅b̅"),
    (r"a\,b\;c", "a b c"),
    # leftovers and broken input are shown as well as possible
    ("", ""),
    ("{{{", ""),
    ("}}}", ""),
    ("x^", "x"),
    ("\\", ""),
    (r"\frac{1}", "1/"),
    (r"\unknowncmd{x}", "unknowncmdx"),
]


@pytest.mark.parametrize(("latex", "expected"), CASES)
def test_latex_to_unicode(latex: str, expected: str) -> None:
    assert latex_to_unicode(latex) == expected


def test_unsupported_commands_are_listed() -> None:
    assert unsupported_commands(r"\foo + \bar{x} + \baz{y} + \alpha") == ["baz", "foo"]
    assert unsupported_commands(r"\hat{x} = \frac{x}{\sqrt{2}}") == []


MARKDOWN_CASES = [
    ("The batch mean $\\mu_B$ is used.", "The batch mean μ\\_B is used."),
    ("Display: $$\\sigma^2 = 1$$ here", "Display: σ² \\= 1 here"),
    ("$$\n\\hat{x}\n$$", "x̂"),
    ("It costs $5 and $10.", "It costs $5 and $10."),
    ("a $ b $ c", "a $ b $ c"),
    ("escaped \\$x\\$ stays", "escaped \\$x\\$ stays"),
    ("code `$\\mu$` stays", "code `$\\mu$` stays"),
    ("```\n$\\mu$\n```\nthen $\\mu$", "```\n$\\mu$\n```\nthen μ"),
    ("two paragraphs $x\n\ny$", "two paragraphs $x\n\ny$"),
    ("$a$ and $b$", "a and b"),
    ("中文 $\\gamma$ 和 $\\beta$", "中文 γ 和 β"),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN_CASES)
def test_render_math_in_markdown(text: str, expected: str) -> None:
    assert render_math_in_markdown(text) == expected


def test_converted_maths_survives_markdown_rendering() -> None:
    text = render_math_in_markdown(r"Use $\mu_B$ and $\sigma_B^2$, not $x^*$ or $|w|$ *here*.")
    assert screen_text(Markdown(text), 100).strip() == "Use μ_B and σ_B², not x* or |w| here."


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_never_crashes_on_any_text(text: str) -> None:
    assert isinstance(latex_to_unicode(text), str)
    assert isinstance(render_math_in_markdown(text), str)
    assert isinstance(unsupported_commands(text), list)


_KNOWN = sorted(
    {*sym.GREEK, *sym.BIN, *sym.BIG_OPS, *sym.FUNCTIONS, *sym.ACCENTS, "sqrt", "frac", "mathbb"}
)
_TOKENS = st.one_of(
    st.sampled_from([f"\\{name} " for name in _KNOWN]),
    st.sampled_from(list("abxyz0123+-=()[]{}^_ ")),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=30))
def test_known_commands_leave_no_backslash(tokens: list[str]) -> None:
    latex = "".join(tokens)
    assert "\\" not in latex_to_unicode(latex)
    assert unsupported_commands(latex) == []


@pytest.mark.parametrize(
    "latex", ["{" * 5000, "\\hat" * 5000, "\\frac" * 3000, "x^" * 5000, "\\sqrt{" * 3000]
)
def test_deep_nesting_does_not_recurse_forever(latex: str) -> None:
    assert isinstance(latex_to_unicode(latex), str)
