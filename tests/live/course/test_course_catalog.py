"""Every course computation runs on its defaults, fast, and gives exactly its declared values;
listing them imports no torch."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bntutor.live import default_registry
from bntutor.live.course.catalog import COURSE_COMPUTATIONS


@pytest.mark.parametrize("comp", COURSE_COMPUTATIONS, ids=lambda c: c.name)
def test_runs_with_defaults_and_declares_its_values(comp: object) -> None:
    from bntutor.live.registry import Computation

    assert isinstance(comp, Computation)
    result = default_registry().run(comp.name, {})
    assert set(result.values) == set(comp.values)
    json.dumps(result.values)  # JSON-friendly
    assert result.blocks


def test_listing_the_catalog_does_not_import_torch() -> None:
    code = ("import sys, bntutor.live.catalog as c; "
            "print(len(c.COMPUTATIONS), 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert int(out[0]) >= len(COURSE_COMPUTATIONS)
    assert out[1] == "False"
