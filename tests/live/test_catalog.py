"""Every shipped computation runs on its defaults (quick where it has the option), gives
exactly its declared values and some blocks; listing the catalog imports no torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bntutor.errors import ContentError
from bntutor.live.catalog import default_registry
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


def test_bad_arguments_are_content_errors() -> None:
    with pytest.raises(ContentError, match="batch"):
        REGISTRY.check_args("similar_batch", {"batch": 1})
    with pytest.raises(ContentError, match="rates"):
        REGISTRY.check_args("dropout_variance", {"rates": [1.0]})
    with pytest.raises(ContentError, match="column"):
        REGISTRY.check_args("bn_column", {"features": 2, "column": 5})
    with pytest.raises(ContentError, match="nonsense"):
        REGISTRY.check_args("fold_bn", {"nonsense": 1})


def test_importing_the_catalog_and_demo_list_does_not_import_torch() -> None:
    code = ("import sys\n"
            "import bntutor.live.catalog, bntutor.content.demos, bntutor.cli.demo\n"
            "from bntutor.live.catalog import default_registry\n"
            "default_registry().check_args('similar_batch', {'quick': True})\n"
            "print(len(default_registry().names()))\n"
            "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(REGISTRY.names())), "NO-TORCH"]


def test_same_seed_same_numbers_other_seed_other_numbers() -> None:
    a = REGISTRY.run("cnn_channel_stats", {"seed": 3}).values
    b = REGISTRY.run("cnn_channel_stats", {"seed": 3}).values
    c = REGISTRY.run("cnn_channel_stats", {"seed": 4}).values
    assert a == b
    assert a["mean"] != c["mean"]


def test_computations_leave_no_trace_on_torch_globals() -> None:
    import torch

    threads = torch.get_num_threads()
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    REGISTRY.run("dropout_variance", {"quick": True})
    assert torch.equal(torch.rand(3), expected)
    assert torch.get_num_threads() == threads
