"""`bntutor compute bn`: the numbers it shows are torch's, and bad input is one line.

The reference is ``torch.nn.functional.batch_norm`` run here, in the test.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from typer.testing import CliRunner

from bntutor.cli.app import app
from bntutor.cli.main import run

runner = CliRunner()


def compute_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["compute", "bn", *args, "--json"])
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def t(values: Any) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float64)


def assert_same(listed: Any, reference: torch.Tensor) -> None:
    """A JSON (nested) list equals a float64 reference tensor to 1e-12."""
    torch.testing.assert_close(t(listed), reference, rtol=0, atol=1e-12)


def test_worked_example_matches_torch() -> None:
    doc = compute_json("--values", "1;2;3;4")
    x = t([[1.0], [2.0], [3.0], [4.0]])
    running_mean, running_var = (
        torch.zeros(1, dtype=torch.float64),
        torch.ones(1, dtype=torch.float64),
    )
    y = F.batch_norm(x, running_mean, running_var, training=True, momentum=0.1, eps=1e-5)

    assert doc["count"] == 4 and doc["reduce_dims"] == [0]
    assert doc["input"]["layout"] == "NC" and doc["input"]["shape"] == [4, 1]
    assert [row[0] for row in doc["x_hat"]] == pytest.approx(
        [-1.3416, -0.4472, 0.4472, 1.3416], abs=1e-4
    )
    assert_same(doc["x_hat"], y)
    assert doc["mean"] == [2.5]
    assert doc["var"] == pytest.approx([1.25])
    assert doc["var_unbiased"] == pytest.approx([5 / 3])
    assert doc["new_running_mean"] == pytest.approx([0.25])
    assert doc["new_running_var"] == pytest.approx([1.0667], abs=1e-4)
    assert doc["new_running_mean"] == pytest.approx(running_mean.tolist(), abs=1e-12)
    assert doc["new_running_var"] == pytest.approx(running_var.tolist(), abs=1e-12)


def test_affine_and_starting_running_stats_match_torch() -> None:
    values = [[1.0, -2.0, 0.5], [3.0, 4.0, 0.25], [-1.5, 2.0, 8.0]]
    doc = compute_json(
        "--values", "1,-2,0.5;3,4,0.25;-1.5,2,8", "--gamma", "2,0.5,-1", "--beta", "0,1,2",
        "--running-mean", "0.5,0,1", "--running-var", "2,1,3", "--momentum", "0.3", "--eps", "0.01",
    )  # fmt: skip
    running_mean, running_var = t([0.5, 0.0, 1.0]), t([2.0, 1.0, 3.0])
    y = F.batch_norm(
        t(values), running_mean, running_var, t([2.0, 0.5, -1.0]), t([0.0, 1.0, 2.0]),
        training=True, momentum=0.3, eps=0.01,
    )  # fmt: skip
    assert_same(doc["y"], y)
    assert doc["new_running_mean"] == pytest.approx(running_mean.tolist(), abs=1e-12)
    assert doc["new_running_var"] == pytest.approx(running_var.tolist(), abs=1e-12)
    assert doc["gamma"] == [2.0, 0.5, -1.0] and doc["eps"] == 0.01 and doc["momentum"] == 0.3


def test_eval_uses_the_running_statistics() -> None:
    doc = compute_json(
        "--values", "1,2;3,5", "--eval", "--running-mean", "1,2", "--running-var", "4,0.25"
    )
    y = F.batch_norm(t([[1.0, 2.0], [3.0, 5.0]]), t([1.0, 2.0]), t([4.0, 0.25]), training=False)
    assert doc["training"] is False
    assert_same(doc["y"], y)
    assert doc["new_running_mean"] == [1.0, 2.0] and doc["new_running_var"] == [4.0, 0.25]


def test_one_sample_is_fine_in_eval_mode() -> None:
    doc = compute_json("--values", "1,2,3", "--eval")
    y = F.batch_norm(t([[1.0, 2.0, 3.0]]), torch.zeros(3, dtype=torch.float64), t([1.0] * 3))
    assert_same(doc["x_hat"], y)


def test_nhwc_agrees_with_nchw_after_permute() -> None:
    x = torch.arange(2 * 3 * 2 * 2, dtype=torch.float64).reshape(2, 3, 2, 2) ** 1.5 / 7
    nchw_text = ",".join(str(v) for v in x.flatten().tolist())
    nhwc_text = ",".join(str(v) for v in x.permute(0, 2, 3, 1).flatten().tolist())
    nchw = compute_json("--values", nchw_text, "--shape", "2,3,2,2", "--layout", "NCHW")
    nhwc = compute_json("--values", nhwc_text, "--shape", "2,2,2,3", "--layout", "NHWC")

    assert nchw["reduce_dims"] == [0, 2, 3] and nhwc["reduce_dims"] == [0, 1, 2]
    assert nchw["count"] == nhwc["count"] == 8
    for key in ("mean", "var", "var_unbiased", "new_running_mean", "new_running_var"):
        assert nhwc[key] == pytest.approx(nchw[key], abs=1e-12), key
    x_hat_back = t(nhwc["x_hat"]).permute(0, 3, 1, 2)
    torch.testing.assert_close(x_hat_back, t(nchw["x_hat"]), rtol=0, atol=1e-12)
    reference = F.batch_norm(
        x, torch.zeros(3, dtype=x.dtype), torch.ones(3, dtype=x.dtype), training=True
    )
    torch.testing.assert_close(t(nchw["y"]), reference, rtol=0, atol=1e-12)


def test_random_numbers_come_from_the_seed() -> None:
    a = compute_json("--shape", "4,2,3,3", "--seed", "3")
    b = compute_json("--shape", "4,2,3,3", "--seed", "3")
    assert a["input"]["values"] == b["input"]["values"] and a["input"]["seed"] == 3
    x = t(a["input"]["values"])
    reference = F.batch_norm(x, None, None, training=True)
    torch.testing.assert_close(t(a["x_hat"]), reference, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("convention", "momentum", "eps", "start_var"),
    [("keras", 0.99, 1e-3, 1.0), ("cs231n", 0.9, 1e-5, 0.0)],
)
def test_conventions_where_momentum_weights_the_old_value(
    convention: str, momentum: float, eps: float, start_var: float
) -> None:
    doc = compute_json("--values", "1,10;2,20;4,40", "--convention", convention)
    assert (doc["convention"], doc["momentum"], doc["eps"]) == (convention, momentum, eps)
    assert doc["running_var"] == [start_var, start_var]
    batch = t([[1.0, 10.0], [2.0, 20.0], [4.0, 40.0]])
    mean, biased_var = batch.mean(0), batch.var(0, unbiased=False)
    assert doc["new_running_mean"] == pytest.approx((momentum * 0 + (1 - momentum) * mean).tolist())
    assert doc["new_running_var"] == pytest.approx(
        (momentum * start_var + (1 - momentum) * biased_var).tolist()
    )
    x_hat = (batch - mean) / torch.sqrt(biased_var + eps)
    assert_same(doc["x_hat"], x_hat)


def cs231n_batchnorm_forward_train(
    x: np.ndarray, bn_param: dict[str, Any]
) -> tuple[np.ndarray, dict[str, Any]]:
    """CS231n's ``batchnorm_forward`` (assignment 2, train mode, gamma 1, beta 0), as given:
    the running statistics default to ``np.zeros(D)``, the momentum weights the old value."""
    eps, momentum = bn_param.get("eps", 1e-5), bn_param.get("momentum", 0.9)
    d = x.shape[1]
    running_mean = bn_param.get("running_mean", np.zeros(d, dtype=x.dtype))
    running_var = bn_param.get("running_var", np.zeros(d, dtype=x.dtype))
    sample_mean, sample_var = x.mean(axis=0), x.var(axis=0)
    out = (x - sample_mean) / np.sqrt(sample_var + eps)
    bn_param["running_mean"] = momentum * running_mean + (1 - momentum) * sample_mean
    bn_param["running_var"] = momentum * running_var + (1 - momentum) * sample_var
    return out, bn_param


def test_cs231n_convention_matches_its_reference_code() -> None:
    x = np.array([[1.0, 10.0], [2.0, 20.0], [4.0, 40.0]])
    out, param = cs231n_batchnorm_forward_train(x, {})
    doc = compute_json("--values", "1,10;2,20;4,40", "--convention", "cs231n")
    assert_same(doc["x_hat"], t(out))
    assert doc["new_running_mean"] == pytest.approx(param["running_mean"].tolist(), abs=1e-12)
    assert doc["new_running_var"] == pytest.approx(param["running_var"].tolist(), abs=1e-12)


def test_keras_defaults_give_way_to_given_values() -> None:
    doc = compute_json(
        "--values", "1;3", "--convention", "keras", "--momentum", "0.5", "--eps", "0.1"
    )
    assert (doc["momentum"], doc["eps"]) == (0.5, 0.1)
    assert doc["new_running_mean"] == pytest.approx([0.5 * 0 + 0.5 * 2])


def test_step_by_step_view_shows_the_worked_numbers() -> None:
    result = runner.invoke(app, ["--no-color", "compute", "bn", "--values", "1;2;3;4"])
    assert result.exit_code == 0
    out = result.stdout
    for expected in ("[1]", "[4]", "2.5", "1.25", "1.6667", "-1.3416", "0.25", "1.0667"):
        assert expected in out, expected
    assert "(1 - 0.1) · 0 + 0.1 · 2.5 = 0.25" in out


def test_step_by_step_view_of_images_shows_channel_slices() -> None:
    result = runner.invoke(app, ["compute", "bn", "--shape", "2,3,2,2", "--seed", "1"])
    assert result.exit_code == 0
    assert "channel 1: N·H·W = 2·2·2 = 8 values" in result.stdout
    assert "sample 1" in result.stdout and "sample 2" in result.stdout
    assert "sample 0" not in result.stdout and "channel 0" not in result.stdout


def test_compute_alone_lists_what_can_be_computed() -> None:
    result = runner.invoke(app, ["compute"])
    assert result.exit_code == 0
    assert "bn" in result.stdout and "Batch-normalize" in result.stdout


BAD_INPUTS = [
    (["--values", "1,a;3,4"], "--values"),
    (["--values", "1,2;3"], "--values"),
    (["--values", ""], "--values"),
    (["--values", "1;;2"], "--values"),
    (["--values", "1;inf"], "--values"),
    (["--values", "1,2,3"], "--values"),  # one sample: nothing to normalize in training
    ([], "--values"),
    (["--values", ";".join(["1"] * 100_001)], "--values"),
    (["--values", "1,2;3,4", "--layout", "NCHW"], "--shape"),
    (["--values", "1,2,3", "--shape", "2,2,1,1"], "--values"),
    (["--shape", "2,3", "--layout", "NHWC"], "--shape"),
    (["--shape", "2,0,2,2"], "--shape"),
    (["--shape", "1000,100,10,10"], "--shape"),
    (["--shape", "a,b"], "--shape"),
    (["--values", "1;2", "--layout", "XY"], "--layout"),
    (["--values", "1;2", "--eps", "0"], "--eps"),
    (["--values", "1;2", "--eps", "-1e-5"], "--eps"),
    (["--values", "1;2", "--eps", "nan"], "--eps"),
    (["--values", "1;2", "--momentum", "1.5"], "--momentum"),
    (["--values", "1;2", "--momentum", "-0.1"], "--momentum"),
    (["--values", "1;2", "--momentum", "abc"], "--momentum"),
    (["--values", "1;2", "--convention", "pytorch"], "--convention"),
    (["--values", "1;2", "--gamma", "1,2"], "--gamma"),
    (["--values", "1;2", "--beta", "x"], "--beta"),
    (["--values", "1;2", "--running-var", "-1"], "--running-var"),
    (["--values", "1;2", "--running-mean", "1,2,3"], "--running-mean"),
]


@pytest.mark.parametrize(("args", "option"), BAD_INPUTS)
def test_bad_input_is_one_line_and_status_2(
    args: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run(["compute", "bn", *args])
    captured = capsys.readouterr()
    assert status == 2
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("bntutor: error: ")
    assert option in lines[0]
    assert "Traceback" not in captured.err and captured.out == ""
