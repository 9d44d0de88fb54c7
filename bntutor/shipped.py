"""Where the files bntutor ships live, for every layer: a checkout's top-level ``data/``
and ``lessons/``, or the same files inside an installed wheel (``bntutor/data``,
``bntutor/lessons``)."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import bntutor


def checkout_root() -> Path | None:
    """The repository root when bntutor runs from a checkout, else None."""
    root = Path(bntutor.__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "lessons").is_dir() else None


def installed(name: str) -> Path:
    """``name`` (``lessons`` or ``data``) inside the installed package."""
    return Path(str(importlib.resources.files("bntutor") / name))


def data_dir() -> Path:
    """The directory holding ``questions/``, ``demos/``, ``messages.json`` and the rest."""
    root = checkout_root()
    if root is not None and (root / "data").is_dir():
        return root / "data"
    return installed("data")

