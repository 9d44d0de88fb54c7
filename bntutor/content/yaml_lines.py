"""Safe YAML parsing that remembers the line of every mapping key and sequence item.

``parse(text, file)`` returns plain Python data (dicts, lists, scalars) plus a
:class:`LineMap` from a *data path* such as ``("steps", 2, "answer")`` to a 1-based line.
Only the safe YAML tags are constructed; a duplicate key is an error (plain PyYAML would
silently keep the last one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from bntutor.errors import ContentError

Path = tuple[str | int, ...]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Values (keys, items, scalars) one file may hold once aliases are expanded: a lesson has
#: about a thousand, while nested ``*alias`` lists in a few lines can expand to billions.
MAX_VALUES = 100_000


@dataclass
class LineMap:
    """1-based lines of the keys and items of one YAML document, by data path."""

    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, path: Sequence[str | int]) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)


@dataclass(frozen=True)
class Where:
    """A file, its line map, and the step or question id its errors belong to; ``at`` is
    the data path the paths given to :meth:`error` start from."""

    file: str
    lines: LineMap
    owner: str | None = None
    at: Path = ()

    def error(self, what: str, path: Path = (), hint: str | None = None) -> ContentError:
        return ContentError(what, self.file, self.lines.line((*self.at, *path)), self.owner, hint)


def parse(text: str, file: str) -> tuple[Any, LineMap]:
    """Parse one YAML document; a :class:`ContentError` names the file and line if malformed."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContentError("the file is empty", file, 1)
        lines = LineMap()
        data = _build(loader, node, (), lines, file)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise ContentError(f"malformed YAML: {problem}", file, line) from None
    except yaml.YAMLError as exc:  # e.g. a control character in the stream
        raise ContentError(f"malformed YAML: {exc}", file) from None
    finally:
        loader.dispose()
    return data, lines


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: Path, lines: LineMap, file: str) -> Any:
    lines.lines.setdefault(path, node.start_mark.line + 1)
    if len(lines.lines) > MAX_VALUES:  # every value built has its own path
        raise ContentError(
            f"the file expands to more than {MAX_VALUES:,} values",
            file,
            node.start_mark.line + 1,
            hint="repeated *aliases multiply; write the values out",
        )
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves `<<: *anchor` merge keys
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise ContentError(f"a mapping key must be a plain name, not {key!r}", file, line)
            if key in result:
                raise ContentError(f"duplicate key {key!r}", file, line)
            child: Path = (*path, key)
            lines.lines[child] = line
            result[key] = _build(loader, value_node, child, lines, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item_node in enumerate(node.value):
            items.append(_build(loader, item_node, (*path, index), lines, file))
        return items
    return loader.construct_object(node, deep=True)
