"""Is one returned value right? Kinds, dtypes, shapes and NaN first, then the numbers."""

from __future__ import annotations

import numpy as np

from bntutor.exercises.child import Returned
from bntutor.exercises.verdict import Message


def close(got: np.ndarray, expected: np.ndarray, atol: float, rtol: float) -> bool:
    """Same shape and ``|got - expected| <= atol + rtol * |expected|`` everywhere."""
    if got.shape != expected.shape:
        return False
    with np.errstate(invalid="ignore", over="ignore"):
        return bool(np.all(np.abs(got - expected) <= atol + rtol * np.abs(expected)))


def errors(got: np.ndarray, expected: np.ndarray) -> tuple[float, float]:
    """The largest absolute error and the largest relative error (over ``|expected|``)."""
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        diff = np.abs(got - expected)
        rel = diff / np.maximum(np.abs(expected), 1e-300)
    return float(np.max(diff, initial=0.0)), float(np.max(rel, initial=0.0))


def as_float_array(value: np.ndarray | None) -> np.ndarray | None:
    if value is None:
        return None
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None


def problem_with(returned: Returned, outputs: tuple[str, ...],
                 expected: tuple[np.ndarray, ...]) -> Message | None:
    """The first thing wrong with how values were returned, before any number is compared."""
    if not returned.count_ok:
        return Message("wrong-count", {"expected": len(outputs), "names": ", ".join(outputs),
                                       "got": returned.type_names[0]})
    for name, kind, value, type_name, exp in zip(outputs, returned.kinds, returned.values,
                                                 returned.type_names, expected, strict=True):
        where = {"output": name, "type": type_name}
        if kind == "none":
            return Message("returned-none", where)
        if kind in ("list", "tuple"):
            return Message("returned-list", where)
        if kind in ("scalar", "other") and exp.ndim > 0:
            return Message("wrong-type", where)
        if kind not in ("array", "tensor", "scalar"):
            return Message("wrong-type", where)
        assert value is not None
        if value.dtype.kind not in "fc":
            return Message("wrong-dtype", {**where, "dtype": str(value.dtype)})
        if value.dtype != np.float64:
            return Message("low-precision", {**where, "dtype": str(value.dtype)})
        if value.shape != exp.shape:
            return Message("wrong-shape", {**where, "got": _shape(value.shape),
                                           "expected": _shape(exp.shape)})
        if not np.all(np.isfinite(value)):
            return Message("not-finite", where)
    return None


def _shape(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ")"
