"""The demos: ``data/demos/demos.yaml`` gives their order, ``data/demos/<slug>.yaml`` each one.

Checking a demo never runs it: the schema, each computation's name and arguments (with
the ``seed`` and ``quick`` that ``bntutor demo`` adds), and every placeholder and case
naming a value the computation declares or one of its arguments. (``show`` can only be
held against the blocks a run returns: the run raises a ContentError for a missing one.)
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bntutor.content import _semantics as sem
from bntutor.content.loader import Checked, _raw_ids, _validate, read_document
from bntutor.content.models import Cases, Demo, DemoComputeStep, DemoList, LText
from bntutor.content.yaml_lines import Path as DataPath
from bntutor.errors import ContentError, NotFoundError
from bntutor.live.registry import Registry
from bntutor.messages import message
from bntutor.named import ByName

LIST_FILE = "demos.yaml"
#: Set by ``bntutor demo`` (``--seed``, ``--quick``), never by the demo's own file.
RUN_ARGS = ("seed", "quick")
_PART = re.compile(r"\.(\w+)|\[([^\]]+)\]")


def demos_dir() -> Path:
    from bntutor.content.paths import data_dir

    return data_dir() / "demos"


@dataclass(frozen=True)
class DemoEntry:
    """A demo as ``bntutor demo`` lists it."""

    slug: str
    title: LText
    summary: LText
    path: Path


def demo_list(directory: Path | None = None) -> list[DemoEntry]:
    """The demos in order, read against the schema only (no registry, no torch)."""
    paths, errors = listed_demos(directory or demos_dir())
    if errors:
        raise errors[0]
    demos = [check_demo_file(path, None).get() for path in paths]
    return [DemoEntry(d.slug, d.title, d.summary, p) for d, p in zip(demos, paths, strict=True)]


def find_demo(name: str, directory: Path | None = None) -> DemoEntry:
    """The demo called ``name``; a NotFoundError lists the known names."""
    demos = ByName(demo_list(directory), lambda d: d.slug, "demo",
                   hint="known demos: {names} (list them with `bntutor demo`)")
    try:
        return demos.get(name)
    except NotFoundError as exc:
        exc.zh = message("error.unknown_demo", "zh", name=repr(name),
                         names=", ".join(demos.names()))
        raise


def load_demo(path: Path, registry: Registry) -> Demo:
    return check_demo_file(path, registry).get()


def check_demo_file(path: Path, registry: Registry | None) -> Checked[Demo]:
    """Every error of one demo file; ``registry=None`` checks the schema only."""
    try:
        doc = read_document(path)
    except ContentError as exc:
        return Checked(path, None, [exc])
    demo, errors = _validate(doc, Demo, "steps")
    if demo is not None:
        if demo.slug != path.stem:
            where = sem.Where(doc.file, doc.lines)
            errors.append(where.error(f"slug {demo.slug!r} differs from the file name "
                                      f"{path.name!r}", ("slug",)))
        errors += sem.check_ids(_raw_ids(doc.data, "steps"), sem.Where(doc.file, doc.lines),
                                "step")
        if registry is not None:
            for i, step in enumerate(demo.steps):
                if isinstance(step, DemoComputeStep):
                    where = sem.Where(doc.file, doc.lines, step.id)
                    errors += _check_compute(step, ("steps", i), where, registry)
    errors.sort(key=lambda e: e.line or 0)
    return Checked(path, demo, errors, doc.lines)


def _check_compute(
    step: DemoComputeStep, path: DataPath, where: sem.Where, registry: Registry
) -> list[ContentError]:
    for key in RUN_ARGS:
        if key in step.args:
            return [where.error(f"argument {key!r} is set by `bntutor demo --{key}`",
                                (*path, "args", key), "leave it out of the demo")]
    errors = sem.check_call(step.computation, run_args(step.args, 0, False), path,
                            "computation", where, registry)
    if errors:
        return errors
    comp = registry.get(step.computation)
    names = {"values": comp.values, "args": tuple(comp.args.model_fields)}
    texts: list[tuple[DataPath, Any]] = [((*path, "body"), step.body)]
    if isinstance(step.after, Cases):
        if step.after.case not in comp.values:
            errors.append(where.error(_unknown(step.computation, step.after.case, comp.values),
                                      (*path, "after", "case")))
        texts += [((*path, "after", "texts", k), t) for k, t in step.after.texts.items()]
    else:
        texts.append(((*path, "after"), step.after))
    for at, text in texts:
        field = ".".join(str(p) for p in at)
        errors += [where.error(f"{what} in {field}", at)
                   for what in placeholder_problems(text, step.computation, names)]
    return errors


def run_args(args: dict[str, Any], seed: int, quick: bool) -> dict[str, Any]:
    """A demo step's arguments for a run with ``seed`` and ``quick``."""
    return {**args, "seed": seed, "quick": quick}


def field_parts(name: str) -> list[str] | None:
    """A placeholder's field as keys: ``a[0].b`` -> ``['a', '0', 'b']``; None when it is
    not a name followed by ``.key``, ``[key]`` or ``[0]`` parts."""
    root = re.match(r"[A-Za-z_]\w*", name)
    if root is None:
        return None
    rest = name[root.end():]
    parts = _PART.findall(rest)
    if "".join(f".{a}" if a else f"[{b}]" for a, b in parts) != rest:
        return None
    return [root.group(0)] + [a or b for a, b in parts]


def fields(text: str) -> list[tuple[str, str]]:
    """Each placeholder of ``text`` as (field, format spec); ValueError on bad braces."""
    from string import Formatter

    return [(name, spec or "") for _, name, spec, _ in Formatter().parse(text)
            if name is not None]


def placeholder_problems(
    text: LText | None, computation: str, names: dict[str, tuple[str, ...]]
) -> list[str]:
    """Placeholders naming nothing the computation gives; whether en and zh name the same
    ones is the translation check's, as for every text. ``names``: the computation's
    declared ``values`` and its ``args`` fields."""
    if text is None:
        return []
    forms = {"en": text} if isinstance(text, str) else dict(text)
    problems: list[str] = []
    seen: dict[str, set[str]] = {}
    for lang, form in forms.items():
        try:
            seen[lang] = {name for name, _ in fields(form)}
        except ValueError as exc:
            problems.append(f"{lang}: {exc} (write {{{{ and }}}} for literal braces)")
    for name in sorted(set().union(*seen.values())):
        parts = field_parts(name) or [name]
        if parts[0] == "args":
            arg = parts[1] if len(parts) > 1 else ""
            if arg not in names["args"]:
                problems.append(f"computation {computation!r} has no argument {arg!r} "
                                f"(its arguments: {', '.join(names['args'])})")
        elif parts[0] not in names["values"]:
            problems.append(_unknown(computation, name, names["values"]))
    return problems


def _unknown(computation: str, name: str, values: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, values, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "it gives: " + ", ".join(values)
    return f"computation {computation!r} has no value {name!r} ({hint})"


def listed_demos(directory: Path) -> tuple[list[Path], list[ContentError]]:
    """The demo files ``demos.yaml`` in ``directory`` lists, and its own errors."""
    try:
        order, errors = _validate(read_document(directory / LIST_FILE), DemoList, "demos")
    except ContentError as exc:
        return [], [exc]
    return [directory / f"{slug}.yaml" for slug in (order.demos if order else [])], errors
