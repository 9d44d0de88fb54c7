"""Two bntutor processes writing at once lose nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bntutor.store.migrations import SCHEMA_VERSION
from bntutor.store.store import Store

N = 200

# Each writer announces it is ready, waits for the other (so the writes really overlap,
# and both open the not-yet-created file at the same moment), then writes N attempts,
# a lesson's progress and review cards, each its own short transaction.
WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime, timedelta, timezone
    from pathlib import Path

    from bntutor.store.store import Store

    home, name, other, n = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    (home.parent / f"ready-{name}").touch()
    deadline = time.monotonic() + 30
    while not (home.parent / f"ready-{other}").exists():
        if time.monotonic() > deadline:
            sys.exit("the other writer never started")
        time.sleep(0.001)

    with Store.open(home) as store:
        for i in range(n):
            store.record_attempt("quiz", f"{name}/{i}", str(i), i % 2 == 0, topic=name)
            time.sleep(0.0005)  # a learner's process does other work between writes
            if i % 20 == 0:
                store.save_step(name, f"s{i}", "correct", f"s{i + 1}")
                due = datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=i)
                store.put_card("shared", "{}", due, topic=name)
    """
)


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    names = ("alpha", "beta")
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(home), name, other, str(N)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, other in zip(names, reversed(names), strict=True)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err

    with Store.open(home) as store:
        assert store.warnings == ()
        attempts = store.recent_attempts(limit=None)
        assert len(attempts) == store.attempt_count() == 2 * N
        assert {a.item_id for a in attempts} == {f"{n}/{i}" for n in names for i in range(N)}
        for stats in store.topic_stats():
            assert (stats.attempts, stats.correct) == (N, N // 2)
        for name in names:
            progress = store.get_progress(name)
            assert progress is not None
            assert progress.completed_step_ids == tuple(f"s{i}" for i in range(0, N, 20))
        assert store.card_count() == 1
        assert store.path.exists()
    with sqlite3.connect(home / "bntutor.sqlite3") as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
