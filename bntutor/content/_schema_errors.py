"""Turn pydantic validation errors into located, readable :class:`ContentError` s.

Pydantic reports a ``loc`` such as ``('steps', 0, 'text', 'bodyy')`` (with the
discriminator tag) or ``('steps', 2, 'question', 'answer', 'LiveRef', 'valu')`` (with
the union member tried). We walk that ``loc`` along the parsed data to find the data
path and its YAML line, keep only the errors of the union member that fits the data
best, and suggest the closest known field name for a typo.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bntutor.content.yaml_lines import LineMap, Path
from bntutor.errors import ContentError

#: Maps a data path to the id of the step or question it belongs to.
OwnerOf = Callable[[Path], "str | None"]

_KIND_NAMES = {
    "float": "a number",
    "int": "a number",
    "str": "text",
    "bool": "true/false",
    "list[any]": "a list",
    "LiveRef": "a {compute, args, value} mapping",
    "Option": "an option {text, why}",
    "ComputeCall": "a {computation, args} mapping",
}


@dataclass(frozen=True)
class _Located:
    error: ErrorDetails
    path: Path  # the data path the error is about
    branch: tuple[Path, str] | None  # (data path of the union, member label) if any
    deeper: bool  # the error is inside the union member, not a type mismatch at it


def schema_errors(
    exc: ValidationError,
    model: type[BaseModel],
    data: Any,
    lines: LineMap,
    file: str,
    owner: OwnerOf,
) -> list[ContentError]:
    """Located errors for ``exc`` raised validating ``data`` (parsed from ``file``) as ``model``."""
    kept = _best_members([_locate(err, data) for err in exc.errors()])
    result = []
    seen: set[tuple[str, int]] = set()
    typo_for = _typo_targets(kept, model)
    for item in kept:
        if item.error["type"] == "missing" and (item.path, item.error["loc"][-1]) in typo_for:
            continue  # `bodyy` is reported as a typo of `body`; no need to say `body` is missing
        what, hint = _describe(item, model, data)
        line = lines.line(item.path)
        if (what, line) in seen:
            continue
        seen.add((what, line))
        result.append(ContentError(what, file, line, owner(item.path), hint))
    result.sort(key=lambda e: e.line or 0)
    return result


def _typo_targets(kept: list[_Located], model: type[BaseModel]) -> set[tuple[Path, str | int]]:
    """(object path, field) pairs that an unknown field in the same object is a typo of."""
    targets: set[tuple[Path, str | int]] = set()
    for item in kept:
        loc = item.error["loc"]
        if item.error["type"] == "extra_forbidden":
            known = _known_fields(model, loc[:-1])
            for close in difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6):
                targets.add((item.path[:-1], close))
    return targets


def _locate(err: ErrorDetails, data: Any) -> _Located:
    path: list[str | int] = []
    current = data
    branch: tuple[Path, str] | None = None
    deeper = False
    loc = err["loc"][:-1] if err["type"] == "missing" else err["loc"]
    for part in loc:
        if _has(current, part):
            path.append(part)
            current = current[part]
            if branch is not None:
                deeper = True
        elif isinstance(current, dict) and current.get("type") == part:
            continue  # the discriminator tag of a step
        elif branch is None and isinstance(part, str) and part != "[key]":
            branch = (tuple(path), part)
        elif branch is not None:
            deeper = True
    if err["type"] == "union_tag_invalid" and isinstance(current, dict) and "type" in current:
        path.append("type")  # point at the bad tag, not at the start of the step
    if err["type"] == "value_error" and isinstance(current, dict):
        # a whole-question rule ("a choice question needs options"): point at the field named
        named = [key for key in ("options", "answer") if key in current and key in err["msg"]]
        if named:
            path.append(named[0])
    return _Located(err, tuple(path), branch, deeper)


def _has(data: Any, part: str | int) -> bool:
    if isinstance(data, dict):
        return part in data
    return isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)


def _best_members(located: list[_Located]) -> list[_Located]:
    """The errors outside unions and, for every union, only those of the member that fits
    the data best."""
    kept = [item for item in located if item.branch is None]
    unions: dict[Path, dict[str, list[_Located]]] = {}
    for item in located:
        if item.branch is not None:
            where, label = item.branch
            unions.setdefault(where, {}).setdefault(label, []).append(item)
    for members in unions.values():
        deep = {label: errs for label, errs in members.items() if any(e.deeper for e in errs)}
        if not deep:  # wrong type for every member: one error listing what would do
            first = next(iter(members.values()))[0]
            kept.append(_Located(_type_error(first, list(members)), first.path, None, False))
            continue
        # a model member (LiveRef, Option) over a language map; then the fewest errors
        label = min(deep, key=lambda lab: (not lab[:1].isupper(), len(deep[lab])))
        kept += deep[label]
    return kept


def _type_error(first: _Located, labels: list[str]) -> ErrorDetails:
    names: list[str] = []
    for label in labels:
        name = _KIND_NAMES.get(
            label, "a map of languages (en, zh)" if "literal" in label else label
        )
        if name not in names:
            names.append(name)
    error = dict(first.error)
    error["type"] = "bntutor_union"
    error["msg"] = "expected " + " or ".join(names)
    return typing.cast(ErrorDetails, error)


def _field_name(path: Path) -> str:
    """``('steps', 2, 'answer', 'valu')`` -> ``answer.valu`` (relative to the step)."""
    if len(path) >= 2 and path[0] in ("steps", "questions") and isinstance(path[1], int):
        path = path[2:]
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _describe(item: _Located, model: type[BaseModel], data: Any) -> tuple[str, str | None]:
    err = item.error
    kind = err["type"]
    loc = err["loc"]
    name = _field_name(item.path)
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        bad = str(loc[-1])
        known = _known_fields(model, loc[:-1])
        close = difflib.get_close_matches(bad, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else None
        if not close and known:
            hint = "known fields: " + ", ".join(known)
        return f"unknown field {bad!r}", hint
    if kind == "missing":
        return f"missing field {str(loc[-1])!r}", None
    if kind == "union_tag_invalid":
        allowed = _plain_list(str(ctx.get("expected_tags", "")))
        return _unknown_value("step type", str(ctx.get("tag")), allowed)
    if kind == "union_tag_not_found":
        return "a step needs a 'type'", "one of: text, compute, question"
    if kind == "literal_error":
        allowed = _plain_list(str(ctx.get("expected", "")))
        if loc[-1] == "[key]":
            where = _field_name(item.path[:-1]) or "this map"
            return f"unknown key {str(loc[-2])!r} in {where}", "use: " + ", ".join(allowed)
        given = _value_at(data, item.path)
        if loc[-1] == "kind":
            return _unknown_value("question kind", str(given), allowed)
        return f"bad value {given!r} for {name!r}", "allowed: " + ", ".join(allowed)
    if kind == "model_type" and not item.path:
        got = type(data).__name__ if data is not None else "nothing"
        return f"the file must be a mapping of fields (name: value lines), not a {got}", None
    if kind == "model_type" and name:
        return f"{name!r} must be a mapping of fields, not {_value_at(data, item.path)!r}", None
    msg = str(err["msg"])
    if kind == "value_error":
        msg = msg.removeprefix("Value error, ")
        return msg, None
    if kind == "bntutor_union" or not name:
        return f"{name or 'the document'}: {_lower(msg)}" if name else _lower(msg), None
    return f"bad value for {name!r}: {_lower(msg)}", None


def _unknown_value(label: str, given: str, allowed: list[str]) -> tuple[str, str]:
    close = difflib.get_close_matches(given, allowed, n=1, cutoff=0.6)
    hint = "allowed: " + ", ".join(allowed)
    if close:
        hint = f"did you mean {close[0]!r}? {hint}"
    return f"unknown {label} {given!r}", hint


def _plain_list(text: str) -> list[str]:
    return [p.strip(" '\"") for p in text.replace(" or ", ",").split(",") if p.strip(" '\"")]


def _lower(msg: str) -> str:
    return msg[:1].lower() + msg[1:]


def _value_at(data: Any, path: Path) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _known_fields(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names of the model found by following ``loc`` from ``model``."""
    current: Any = model
    for part in loc:
        current = _step_into(current, part)
        if current is None:
            return []
    current = _unwrap_optional(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _step_into(tp: Any, part: str | int) -> Any:
    tp = _unwrap_optional(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        info = tp.model_fields.get(str(part))
        return info.annotation if info is not None else None
    origin = typing.get_origin(tp)
    if origin is list and isinstance(part, int):
        (item,) = typing.get_args(tp) or (Any,)
        return item
    if origin is dict:
        return typing.get_args(tp)[1] if typing.get_args(tp) else None
    for member in _members(tp):
        if not (isinstance(member, type) and issubclass(member, BaseModel)):
            continue
        if member.__name__ == part:
            return member
        tag = member.model_fields.get("type")
        if tag is not None and part in typing.get_args(tag.annotation):
            return member
    return None


def _members(tp: Any) -> tuple[Any, ...]:
    if typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return typing.get_args(tp)
    return ()


def _unwrap_optional(tp: Any) -> Any:
    if typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    members = [m for m in _members(tp) if m is not type(None)]
    if _members(tp) and len(members) == 1:
        return members[0]
    return tp
