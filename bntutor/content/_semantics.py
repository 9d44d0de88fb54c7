"""Checks beyond the schema: computation names and args, value keys, answer shapes, ids.

Every check returns located :class:`ContentError` s; nothing runs a computation and
nothing imports torch (argument models are plain pydantic).
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from bntutor.content.models import LiveRef, Question, option_ids
from bntutor.content.yaml_lines import Path, Where
from bntutor.errors import ContentError, NotFoundError
from bntutor.live.registry import Registry


def check_ids(ids: Iterable[tuple[str, Path]], where: Where, noun: str) -> list[ContentError]:
    """Duplicate ids; each error points at the second use."""
    seen: dict[str, int] = {}
    errors = []
    for ident, path in ids:
        if ident in seen:
            errors.append(Where(where.file, where.lines, ident).error(
                f"duplicate {noun} id {ident!r}", path, f"first used on line {seen[ident]}"))
        else:
            seen[ident] = where.lines.line(path)
    return errors


def check_call(
    name: str, args: dict[str, Any], path: Path, name_key: str, where: Where, registry: Registry
) -> list[ContentError]:
    """An unknown computation, or arguments its model rejects."""
    try:
        comp = registry.get(name)
    except NotFoundError:
        close = difflib.get_close_matches(name, registry.names(), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(registry.names())
        return [where.error(f"unknown computation {name!r}", (*path, name_key), hint)]
    try:
        registry.check_args(name, args)
    except ContentError as exc:
        return [where.error(exc.what, _bad_arg_path(comp.args, args, path), exc.hint)]
    return []


def _bad_arg_path(model: Any, args: dict[str, Any], path: Path) -> Path:
    try:
        model.model_validate(args or {})
    except ValidationError as exc:
        loc = exc.errors()[0]["loc"]
        if loc and loc[0] in args:
            return (*path, "args", *loc)
    return (*path, "args")


def check_liveref(ref: LiveRef, path: Path, where: Where, registry: Registry) -> list[ContentError]:
    errors = check_call(ref.compute, ref.args, path, "compute", where, registry)
    if errors:
        return errors
    declared = registry.get(ref.compute).values
    root = ref.value.split(".")[0].split("[")[0]
    if declared and root not in declared:
        close = difflib.get_close_matches(root, declared, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "it gives: " + ", ".join(declared)
        return [
            where.error(
                f"computation {ref.compute!r} has no value {root!r}", (*path, "value"), hint
            )
        ]
    return []


def check_question(
    q: Question, path: Path, where: Where, registry: Registry | None
) -> list[ContentError]:
    """Live references, predict reveals and the shape of literal answers of one question."""
    errors = _option_id_errors(q, path, where)
    if q.kind == "explain":
        if q.feedback:
            what = "an explain question has no feedback rules"
            errors.append(where.error(what, (*path, "feedback")))
        return errors
    answers: list[tuple[Any, Path]] = [(q.answer, (*path, "answer"))]
    answers += [(fb.answer, (*path, "feedback", i, "answer")) for i, fb in enumerate(q.feedback)]
    for value, at in answers:
        if isinstance(value, LiveRef):
            if registry is not None:
                errors += check_liveref(value, at, where, registry)
        else:
            problem = literal_problem(q, value)
            if problem:
                hint = _BOOL_HINT if isinstance(value, bool) else None
                errors.append(where.error(problem, at, hint))
    if q.reveal is not None and registry is not None:
        errors += check_call(
            q.reveal.computation, q.reveal.args, (*path, "reveal"), "computation", where, registry
        )
    return errors


def _option_id_errors(q: Question, path: Path, where: Where) -> list[ContentError]:
    """Option ids (declared, or the file letter) must be unique within a question."""
    seen: dict[str, int] = {}
    errors = []
    for i, ident in enumerate(option_ids(q.options)):
        if ident in seen:
            first = string.ascii_lowercase[seen[ident]]
            errors.append(
                where.error(
                    f"option id {ident!r} is used twice",
                    (*path, "options", i),
                    f"option {first} has it too (an option without id has its letter as id)",
                )
            )
        seen.setdefault(ident, i)
    return errors


_BOOL_HINT = "YAML reads yes/no/on/off/true/false as a boolean: put the text in quotes"


def literal_problem(q: Question, value: Any) -> str | None:
    """Why a literal ``answer`` (or feedback answer) does not fit the question's kind."""
    ids = option_ids(q.options)
    if q.kind == "choice":
        if not _is_option(value, ids):
            return f"a choice answer must be one option id ({_id_list(ids)}), not {value!r}"
    elif q.kind == "multi":
        items = value if isinstance(value, list) else [value]
        bad = [v for v in items if not _is_option(v, ids)]
        if bad or not items:
            return f"a multi answer must be a list of option ids ({_id_list(ids)}), not {value!r}"
        if len({str(v).strip().lower() for v in items}) != len(items):
            return f"option ids repeated in {value!r}"
    elif q.kind in ("numeric", "predict"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"a {q.kind} answer must be a number, not {value!r}"
    elif q.kind == "text":
        if not isinstance(value, str) or not value.strip():
            return f"a text answer must be a non-empty string, not {value!r}"
    elif q.kind == "tensor":
        return _tensor_problem(value)
    elif q.kind == "expression":
        return _expression_problem(value, q.variables)
    return None


def _is_option(value: Any, ids: list[str]) -> bool:
    return isinstance(value, str) and value.strip().lower() in ids


def _id_list(ids: list[str]) -> str:
    return ", ".join(ids) if len(ids) <= 8 else ", ".join(ids[:8]) + ", ..."


def _tensor_problem(value: Any) -> str | None:
    from bntutor.notation.tensor import shape_of

    try:
        shape_of(value)
    except ValueError as exc:
        return f"a tensor answer must be a number or a rectangular list of numbers: {exc}"
    return None


def _expression_problem(value: Any, variables: list[str]) -> str | None:
    from bntutor.notation.expression import ExpressionSyntaxError, parse_expression

    if not isinstance(value, str):
        return f"an expression answer must be a string, not {value!r}"
    try:
        parse_expression(value, variables)
    except ExpressionSyntaxError as exc:
        return f"cannot read the expression {value!r}: {exc}"
    return None
