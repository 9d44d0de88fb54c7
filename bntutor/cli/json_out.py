"""The one writer of the ``--json`` documents (no rich: a listing needs none)."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping


def print_json(document: Mapping[str, object], *, allow_nan: bool = True) -> None:
    """The document on stdout as plain JSON."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=allow_nan)
                     + "\n")
    sys.stdout.flush()
