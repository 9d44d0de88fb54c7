"""Hypothesis strategies shared by the checker tests: any text a learner could type."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st

#: any characters at all, including control characters and surrogates-free unicode
any_text = st.text(max_size=200)
#: text built from the characters answers are made of, to reach deeper into parsers
answerish = st.text(alphabet="0123456789.,;:+-*/^()[]eEλσwx %abcAB_ \n\t", max_size=60)

quick = settings(max_examples=120, deadline=None)
