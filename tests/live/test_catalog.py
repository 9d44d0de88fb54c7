"""Every shipped computation runs on its defaults (quick where it has the option), gives
exactly its declared values and some blocks; listing the catalog imports no torch."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bntutor.live import default_registry
from bntutor.live.registry import Computation, computation
from bntutor.live.results import LiveResult

REGISTRY = default_registry()


@pytest.mark.parametrize("name", REGISTRY.names())
def test_runs_with_defaults_and_declares_its_values(name: str) -> None:
    comp = REGISTRY.get(name)
    args = {"quick": True} if "quick" in comp.args.model_fields else {}
    result = REGISTRY.run(name, args)
    assert set(result.values) == set(comp.values)
    json.dumps(result.values)  # JSON-friendly
    assert result.blocks


def test_a_computation_is_registered_under_its_function_name_and_called_directly() -> None:
    from pydantic import BaseModel

    class Args(BaseModel):
        x: int = 2

    @computation(Args, "doubles x", ("double",))
    def double_it(args: Args, report: object) -> LiveResult:
        return LiveResult(values={"double": 2 * args.x})

    assert isinstance(double_it, Computation)
    assert (double_it.name, double_it.values) == ("double_it", ("double",))
    assert double_it(Args(x=5)).values == {"double": 10}


def test_listing_the_catalog_does_not_import_torch() -> None:
    code = ("import sys; from bntutor.live import default_registry; "
            "print(len(default_registry().names()), 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert int(out[0]) == len(REGISTRY.names()) >= 30
    assert out[1] == "False"
