"""What every test gets: a data dir that is its worker's own, never the user's.

``make test`` runs the suite in parallel (pytest-xdist, ``-n auto --dist loadgroup``), so
a test must not share files, ports or processes with another test that may run at the
same time:

- bntutor's data (progress database, lesson index): give each test its own home under
  ``tmp_path`` (``--home``, ``BNTUTOR_HOME``, ``use_home``, ``terminal_env``). A test that
  forgets falls back to the platform's user data dir, which the fixture below moves to a
  dir private to the worker (``XDG_DATA_HOME``), so it still touches no one else's data;
- ports: bind port 0 and let the OS choose, as ``bntutor.live._workers`` does;
- the checkout: never write into it (``test_wheel.py`` builds from a copy of the tree);
- state that cannot be made private (an expensive module fixture, say): mark those tests
  ``@pytest.mark.xdist_group("name")``; ``--dist loadgroup`` runs a group on one worker,
  one test after another.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_user_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    data = tmp_path_factory.mktemp("user-data")  # under the worker's own basetemp
    before = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(data)
    yield
    if before is None:
        os.environ.pop("XDG_DATA_HOME", None)
    else:
        os.environ["XDG_DATA_HOME"] = before


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts from the same language: an English locale and no language chosen,
    so a machine set up in Chinese runs the suite as any other does (tests that need
    Chinese ask for it)."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "BNTUTOR_LANG"):
        monkeypatch.delenv(name, raising=False)
