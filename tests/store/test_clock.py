from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bntutor.store.clock import from_text, stamp, to_text

UTC = UTC


def test_text_is_utc_and_round_trips() -> None:
    beijing = timezone(timedelta(hours=8))
    moment = datetime(2024, 5, 1, 17, 30, 1, 5, tzinfo=beijing)
    text = to_text(moment)
    assert text == "2024-05-01T09:30:01.000005+00:00"
    assert from_text(text) == moment
    assert from_text(text).utcoffset() == timedelta(0)


def test_text_order_is_time_order() -> None:
    base = datetime(2024, 1, 1, tzinfo=UTC)
    moments = [base + timedelta(seconds=s) for s in (86400 * 400, 0.5, 3, 0, 59.999999)]
    texts = [to_text(m) for m in moments]
    assert len({len(t) for t in texts}) == 1
    assert sorted(texts) == [to_text(m) for m in sorted(moments)]


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_text(datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="naive"):
        stamp(datetime(2024, 1, 1))


def test_stamp_for_file_names() -> None:
    assert stamp(datetime(2024, 5, 1, 9, 30, 7, tzinfo=UTC)) == "20240501T093007Z"
