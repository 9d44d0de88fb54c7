from __future__ import annotations

import pytest

from bntutor.errors import NotFoundError
from bntutor.quiz.items import parse_item_id
from bntutor.quiz.topics import check_topics, lessons_for


def test_item_ids_round_trip() -> None:
    assert parse_item_id("bank:bn-eps-purpose") == ("bank", "bn-eps-purpose", "")
    assert parse_item_id("gen:running-mean-k/1234") == ("gen", "running-mean-k", "1234")
    assert parse_item_id("lesson:bn-mechanics/q-mean") == ("lesson", "bn-mechanics", "q-mean")
    for bad in ("", "bank:", "gen:x", "lesson:/q", "other:x/y", "plain"):
        with pytest.raises(NotFoundError):
            parse_item_id(bad)


def test_topics() -> None:
    assert check_topics(["Dropout", "bn-cnn", "dropout"]) == ["dropout", "bn-cnn"]
    with pytest.raises(NotFoundError) as info:
        check_topics(["bn"])
    assert "bn-mechanics" in (info.value.hint or "")
    assert lessons_for("dropout", ("own",)) == ["own"]
    assert lessons_for("dropout", (), {"a": ["x"], "b": ["dropout"]}) == ["b"]
    assert lessons_for("dropout", (), {"a": ["x"]}) == ["dropout-and-bn"]
