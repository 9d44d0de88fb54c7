"""`bntutor compute ln` and `compute rms` show what nn.LayerNorm and nn.RMSNorm compute.

The references are torch's own modules, run here in float64.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import torch
from torch import nn
from typer.testing import CliRunner

from bntutor.cli.app import app
from bntutor.cli.main import run

runner = CliRunner()


def compute_json(kind: str, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["compute", kind, *args, "--json"])
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def t(values: Any) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float64)


def test_ln_agrees_with_nn_layernorm() -> None:
    doc = compute_json("ln", "--values", "1,2,3,6;10,10,10,10;-1,0,4,2")
    x = t([[1, 2, 3, 6], [10, 10, 10, 10], [-1, 0, 4, 2]])
    ref = nn.LayerNorm(4, dtype=torch.float64)(x).detach()
    torch.testing.assert_close(t(doc["y"]), ref, rtol=0, atol=1e-12)
    torch.testing.assert_close(t(doc["x_hat"]), ref, rtol=0, atol=1e-12)
    assert doc["mean"] == pytest.approx([3.0, 10.0, 1.25])
    assert doc["var"] == pytest.approx(x.var(dim=1, unbiased=False).tolist())
    assert (doc["norm"], doc["count"], doc["eps"]) == ("LayerNorm", 4, 1e-5)


def test_ln_with_gamma_beta_and_a_shape_agrees_with_nn_layernorm() -> None:
    doc = compute_json("ln", "--shape", "2,3,4", "--seed", "2", "--gamma", "1,2,0.5,1",
                       "--beta", "0,1,0,-1", "--eps", "0.001")
    x = t(doc["input"]["values"])
    ln = nn.LayerNorm(4, eps=1e-3, dtype=torch.float64)
    with torch.no_grad():
        ln.weight.copy_(t([1, 2, 0.5, 1]))
        ln.bias.copy_(t([0, 1, 0, -1]))
    torch.testing.assert_close(t(doc["y"]), ln(x).detach(), rtol=0, atol=1e-12)
    assert doc["input"]["shape"] == [2, 3, 4] and doc["input"]["seed"] == 2


def test_rms_agrees_with_nn_rmsnorm() -> None:
    doc = compute_json("rms", "--values", "1,2,3,6;10,10,10,10;-1,0,4,2", "--gamma", "1,2,1,3")
    x = t([[1, 2, 3, 6], [10, 10, 10, 10], [-1, 0, 4, 2]])
    rms = nn.RMSNorm(4, dtype=torch.float64)  # eps=None: float64's machine epsilon
    with torch.no_grad():
        rms.weight.copy_(t([1, 2, 1, 3]))
    torch.testing.assert_close(t(doc["y"]), rms(x).detach(), rtol=0, atol=1e-12)
    assert doc["mean_square"] == pytest.approx([12.5, 100.0, 5.25])
    assert doc["eps"] == torch.finfo(torch.float64).eps
    assert doc["norm"] == "RMSNorm" and "mean" not in doc


def test_rms_with_eps_agrees_with_nn_rmsnorm() -> None:
    doc = compute_json("rms", "--shape", "3,5", "--eps", "1e-6")
    x = t(doc["input"]["values"])
    ref = nn.RMSNorm(5, eps=1e-6, dtype=torch.float64)(x).detach()
    torch.testing.assert_close(t(doc["y"]), ref, rtol=0, atol=1e-12)


def test_step_by_step_view_shows_the_worked_numbers() -> None:
    result = runner.invoke(app, ["--no-color", "compute", "ln", "--values", "1,2,3,6;5,5,5,5"])
    assert result.exit_code == 0, result.output
    assert "μ = (1 + 2 + 3 + 6) / 4 = 3" in result.output
    assert "σ² = ((1 − 3)² + (2 − 3)² + (3 − 3)² + (6 − 3)²) / 4 = 3.5" in result.output
    result = runner.invoke(app, ["--no-color", "compute", "rms", "--values", "1,2,3,6"])
    assert result.exit_code == 0, result.output
    assert "mean square = (1² + 2² + 3² + 6²) / 4 = 12.5" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ln", "--values", "1,2;3"], "row 2 has 1 number"),
        (["ln", "--values", "1,2", "--gamma", "1,2,3"], "3 numbers given for 2 features"),
        (["rms", "--values", "1,2", "--eps", "-1"], "eps must be a small positive number"),
        (["rms"], "no numbers given"),
        (["ln", "--values", "1,2,3", "--shape", "2,2"], "3 numbers given but shape 2,2"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run(["compute", *args])
    captured = capsys.readouterr()
    assert status == 2
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("bntutor: error: ") and message in lines[0]
    assert "Traceback" not in captured.err and captured.out == ""
