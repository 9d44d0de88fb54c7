"""The learner's settings: a small JSON file in the home dir, read without the database.

Only choices the learner made on purpose live here (``--lang zh``, ``bntutor config lang
zh``). Reading never fails: a missing, unreadable or damaged file means no settings, and
the choice is made again from the environment. Writing replaces the file in one rename,
so two processes at once leave one whole file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

#: The settings file in the home dir.
SETTINGS_FILE = "settings.json"
#: The settings there are, with the values each accepts.
KNOWN: dict[str, tuple[str, ...]] = {"lang": ("en", "zh")}


def read_settings(home: Path) -> dict[str, str]:
    """The settings saved in ``home``; those unknown or with a bad value are left out."""
    try:
        raw = json.loads((home / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {key: value for key, value in raw.items()
            if key in KNOWN and isinstance(value, str) and value in KNOWN[key]}


def save_setting(home: Path, key: str, value: str) -> None:
    """Set ``key`` to ``value`` in ``home``'s settings (``home`` exists); OSError if the file
    cannot be written. ValueError for an unknown key or value."""
    if key not in KNOWN or value not in KNOWN[key]:
        raise ValueError(f"unknown setting {key}={value!r}")
    settings = read_settings(home)
    settings[key] = value
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=home)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(settings, out, ensure_ascii=False, indent=1)
            out.write("\n")
        os.replace(tmp, home / SETTINGS_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
