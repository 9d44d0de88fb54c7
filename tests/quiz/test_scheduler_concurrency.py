"""Two quizzes answering the same review card at once: every answer reaches the card."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bntutor.quiz.scheduler import Answered, rating_for, review_rated
from bntutor.store.store import Store

N = 40
NOW = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
ITEM = "bank:shared"

# Each process waits for the other, then records N right answers to the same card, as
# two quizzes (or a quiz and a lesson) asking the same question at the same time do.
ANSWERER = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime, timezone
    from pathlib import Path

    from bntutor.quiz.scheduler import record_answer
    from bntutor.store.store import Store

    home, name, other, n = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    now = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
    with Store.open(home) as store:
        (home.parent / f"ready-{name}").touch()
        deadline = time.monotonic() + 30
        while not (home.parent / f"ready-{other}").exists():
            if time.monotonic() > deadline:
                sys.exit("the other process never started")
            time.sleep(0.001)
        for _ in range(n):
            record_answer(store, "bank:shared", "bn-eval", True, 0, 30.0, now)
    """
)


@pytest.mark.slow
def test_two_processes_answering_one_card_lose_no_update(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Store.open(home).close()  # both find the file made: the race is on the card alone
    names = ("alpha", "beta")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", ANSWERER, str(home), name, other, str(N)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, other in zip(names, reversed(names), strict=True)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err

    # The reference: the same 2N answers applied one after the other. Each review moves
    # the card (stability grows), so a lost update leaves a different card.
    expected: str | None = None
    for _ in range(2 * N):
        rating = rating_for(Answered(True, 0, 30.0))
        expected, _due = review_rated(expected, ITEM, rating, NOW, 30.0)
    with Store.open(home) as store:
        card = store.get_card(ITEM)
    assert card is not None
    assert card.card_json == expected
