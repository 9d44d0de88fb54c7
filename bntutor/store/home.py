"""Where bntutor keeps its data: ``--home``, else ``BNTUTOR_HOME``, else the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

from bntutor.errors import StoreError


def resolve_home(option: str | Path | None = None, environ: dict[str, str] | None = None) -> Path:
    """Return the home directory (not created yet) chosen by option, env var or platform."""
    env = os.environ if environ is None else environ
    if option:
        return Path(option).expanduser()
    if env.get("BNTUTOR_HOME"):
        return Path(env["BNTUTOR_HOME"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("bntutor", appauthor=False))


def ensure_home(home: Path) -> Path:
    """Create ``home`` if needed and check it is writable; a clear error otherwise."""
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create the home directory: {exc.strerror or exc}",
            str(home),
            "pass --home DIR or set BNTUTOR_HOME to a writable directory",
        ) from None
    if not os.access(home, os.W_OK | os.X_OK):
        raise StoreError(
            "the home directory is not writable",
            str(home),
            "pass --home DIR or set BNTUTOR_HOME to a writable directory",
        )
    return home
