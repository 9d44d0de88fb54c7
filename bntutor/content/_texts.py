"""What a content file and each text in it may hold, checked as it is read.

- At most :data:`MAX_FILE_BYTES` per file: the largest lesson is under 40 KB, while a
  file of tens of megabytes passed the schema and then took minutes to show.
- At most :data:`MAX_TEXT` characters per text (a step's body, a prompt, a hint): the
  longest shipped one has about 1,200, and one step is drawn at a time.
- No terminal control character: YAML refuses raw control bytes, but its escapes
  (``"\\e[2J"``, ``"\\x9b"``) make them, and a lesson that clears the screen or sets the
  window title is a broken one.

The first text that breaks a rule is a :class:`ContentError` naming its file, line,
step or question, and field.
"""

from __future__ import annotations

from typing import Any

from bntutor.content.yaml_lines import LineMap
from bntutor.content.yaml_lines import Path as DataPath
from bntutor.control_chars import describe, first_control
from bntutor.errors import ContentError

MAX_FILE_BYTES = 1024 * 1024
MAX_TEXT = 20_000


def check_texts(data: Any, lines: LineMap, file: str) -> None:
    """ContentError at the first text (key or value) too long or holding a control character."""
    stack: list[tuple[DataPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        texts: list[str] = []
        if isinstance(value, dict):
            texts = [k for k in value if isinstance(k, str)]
            stack += [((*path, k), v) for k, v in reversed(value.items())]
        elif isinstance(value, list):
            stack += [((*path, i), v) for i, v in reversed(list(enumerate(value)))]
        elif isinstance(value, str):
            texts = [value]
        for text in texts:
            problem = _problem(text)
            if problem is not None:
                what, hint = problem
                field = ".".join(str(p) for p in path) or "the file"
                raise ContentError(
                    f"{what} in {field}", file, lines.line(path), owner_id(data, path), hint
                )


def _problem(text: str) -> tuple[str, str] | None:
    if len(text) > MAX_TEXT:
        return (f"a text of {len(text):,} characters (at most {MAX_TEXT:,})",
                "split it over several steps")
    index = first_control(text)
    if index is not None:
        return (f"a control character {describe(text[index])}",
                "remove it: lessons and banks hold no terminal control codes")
    return None


def owner_id(data: Any, path: DataPath, owners: str | None = None) -> str | None:
    """The id of the step or question that ``path`` lies in, if any. With ``owners`` (the
    key of the file's list of steps or questions) only an item of that list is one, and
    an item without an id is named by its place (``#3``)."""
    if len(path) < 2 or not isinstance(data, dict) or not isinstance(path[1], int):
        return None
    items = data.get(path[0])
    if owners not in (None, path[0]) or not isinstance(items, list) or path[1] >= len(items):
        return None
    item = items[path[1]]
    if isinstance(item, dict) and isinstance(item.get("id"), str | int):
        return str(item["id"])
    return None if owners is None else f"#{path[1] + 1}"
