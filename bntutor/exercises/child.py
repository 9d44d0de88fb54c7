"""What runs inside the child process: load the learner's file, call it on every case.

Returns plain data (:class:`RunOutput`) for the parent to judge; never raises. A failure
is kept as a :class:`Failure` with the traceback trimmed to the learner's own file.
"""

from __future__ import annotations

import importlib.util
import sys
import time
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bntutor.exercises.problem import Case
from bntutor.exercises.verdict import MessageId


@dataclass(frozen=True)
class Failure:
    """Why the learner's code did not give outputs: a message id and its details."""

    kind: MessageId  # syntax, import, missing-function, not-implemented, exception, ...
    detail: str = ""  # the one-line error, e.g. "ValueError: shapes (3,) (4,)"
    line: int | None = None  # the learner's line it points at
    trace: str = ""  # the traceback, only the learner's own frames
    case: str | None = None  # the case it happened in


@dataclass(frozen=True)
class Returned:
    """What one call returned, as data: each output's kind and its value as an array."""

    kinds: tuple[str, ...]  # per output: array, tensor, list, tuple, none, scalar, other
    values: tuple[np.ndarray | None, ...]
    type_names: tuple[str, ...]
    count_ok: bool = True  # the number of outputs matched
    seconds: float = 0.0


@dataclass(frozen=True)
class RunOutput:
    returned: list[Returned] = field(default_factory=list)  # one per case, in order
    failure: Failure | None = None
    stdout: str = ""


def _trimmed(exc: BaseException, path: str) -> tuple[str, int | None]:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
    line = frames[-1].lineno if frames else None
    text = "".join(traceback.format_list(frames))
    return text + "".join(traceback.format_exception_only(type(exc), exc)), line


def _one_line(exc: BaseException) -> str:
    return traceback.format_exception_only(type(exc), exc)[-1].strip()


#: What an exception is reported as, when loading the file and when calling the function;
#: any other is an ``exception``.
Kinds = tuple[tuple[type[BaseException], MessageId], ...]
_LOADING: Kinds = ((ImportError, "import"), (MemoryError, "memory"))
_CALLING: Kinds = ((NotImplementedError, "not-implemented"), (MemoryError, "memory"),
                   (RecursionError, "recursion"))


def _failure(kinds: Kinds, exc: BaseException, path: str, case: str | None = None) -> Failure:
    kind: MessageId = next((k for raised, k in kinds if isinstance(exc, raised)), "exception")
    trace, line = _trimmed(exc, path)
    return Failure(kind, _one_line(exc), line, trace, case)


def load_function(path: Path, name: str) -> tuple[Any, Failure | None]:
    """The learner's function ``name`` from ``path``, or why it could not be had."""
    source = str(path)
    spec = importlib.util.spec_from_file_location("learner_exercise", source)
    if spec is None or spec.loader is None:
        return None, Failure("unreadable", source)
    module = importlib.util.module_from_spec(spec)
    sys.dont_write_bytecode = True  # no __pycache__ beside the learner's file
    try:
        spec.loader.exec_module(module)  # an import of the learner's file, in this child only
    except SyntaxError as exc:
        return None, Failure("syntax", f"{type(exc).__name__}: {exc.msg}", exc.lineno,
                             _one_line(exc))
    except (OSError, UnicodeDecodeError) as exc:
        return None, Failure("unreadable", _one_line(exc))
    except BaseException as exc:  # anything at the top level of the file
        return None, _failure(_LOADING, exc, source)
    function = module.__dict__.get(name)
    if not callable(function):
        return None, Failure("missing-function", name)
    return function, None


def _kind(value: Any) -> tuple[str, np.ndarray | None]:
    if value is None:
        return "none", None
    if isinstance(value, np.ndarray):
        return "array", value
    if type(value).__module__.startswith("torch") and hasattr(value, "detach"):
        return "tensor", value.detach().cpu().numpy()
    if isinstance(value, list | tuple):
        try:
            return type(value).__name__, np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            return type(value).__name__, None
    if isinstance(value, int | float | np.generic):
        return "scalar", np.asarray(value)
    return "other", None


def describe(result: Any, n_outputs: int, seconds: float) -> Returned:
    """The outputs of one call as :class:`Returned` (a tuple when several are expected)."""
    if n_outputs > 1:
        if not isinstance(result, tuple | list) or len(result) != n_outputs:
            kind, value = _kind(result)
            return Returned((kind,), (value,), (type(result).__name__,), False, seconds)
        items = list(result)
    else:
        items = [result]
    kinds, values = zip(*(_kind(v) for v in items), strict=True)
    return Returned(tuple(kinds), tuple(values), tuple(type(v).__name__ for v in items),
                    True, seconds)


def convert(inputs: dict[str, Any], framework: str) -> dict[str, Any]:
    """Fresh copies of a case's inputs, as torch tensors for the torch framework."""
    out: dict[str, Any] = {}
    for key, value in inputs.items():
        if isinstance(value, np.ndarray):
            value = value.copy()
            if framework == "torch":
                import torch

                value = torch.from_numpy(value)
        out[key] = value
    return out


def run_cases(path: Path, function: str, n_outputs: int, cases: list[Case],
              framework: str) -> RunOutput:
    """Call the learner's function on each case in turn; stop at the first exception."""
    learner, failure = load_function(path, function)
    if failure is not None:
        return RunOutput(failure=failure)
    no_grad: Callable[[], AbstractContextManager[Any]] = nullcontext
    if framework == "torch":
        import torch

        no_grad = torch.no_grad
    returned: list[Returned] = []
    for case in cases:
        kwargs = convert(case.inputs, framework)
        start = time.perf_counter()
        try:
            with no_grad():
                result = learner(*kwargs.values())
        except BaseException as exc:
            return RunOutput(returned, _failure(_CALLING, exc, str(path), case.name))
        returned.append(describe(result, n_outputs, time.perf_counter() - start))
    return RunOutput(returned)
