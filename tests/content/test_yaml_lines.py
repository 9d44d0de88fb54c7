"""The line-keeping YAML parser."""

from __future__ import annotations

import pytest

from bntutor.content.yaml_lines import parse
from bntutor.errors import ContentError

TEXT = """\
slug: a
steps:
  - id: one
    body: >
      folded
      text
  - id: two
    args: {x: 1,
      y: [1, 2]}
base: &base {k: 1}
merged:
  <<: *base
  m: 2
"""


def test_every_key_and_item_has_its_line() -> None:
    data, lines = parse(TEXT, "f.yaml")
    assert data["steps"][1]["args"] == {"x": 1, "y": [1, 2]}
    assert data["merged"] == {"k": 1, "m": 2}
    assert lines.line(("slug",)) == 1
    assert lines.line(("steps", 0)) == 3
    assert lines.line(("steps", 0, "body")) == 4
    assert lines.line(("steps", 1, "args", "y")) == 9
    assert lines.line(("steps", 1, "args", "y", 1)) == 9
    assert lines.line(("merged", "m")) == 13


def test_an_unknown_path_falls_back_to_its_nearest_ancestor() -> None:
    _, lines = parse(TEXT, "f.yaml")
    assert lines.line(("steps", 1, "nope", 3)) == 7
    assert lines.line(("nothing",)) == 1


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
        ("a: [1\nb: 2\n", 2, "malformed YAML"),
        ("a: 1\n---\nb: 2\n", 2, "malformed YAML"),
        ("a: !!python/object:os.system x\n", 1, "malformed YAML"),
        ("? [1, 2]\n: x\n", 1, "must be a plain name"),
        ("", 1, "the file is empty"),
        ("# only a comment\n", 1, "the file is empty"),
    ],
)
def test_bad_yaml_is_a_located_content_error(text: str, line: int, what: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse(text, "f.yaml")
    assert caught.value.line == line
    assert what in caught.value.what
