from __future__ import annotations

import pytest

from bntutor.exercises.worker import Checker


@pytest.fixture(scope="session")
def checker() -> Checker:
    """One warm checker for the whole run: each exercise's answers are computed once."""
    return Checker()
