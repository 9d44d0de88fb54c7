"""Import a slow module (torch) in the background while the first screen is drawn.

``Warmup("torch").start()`` returns at once; :meth:`Warmup.wait` joins before the first
computation. An import error is not raised in the thread: the real import, made later by
the code that needs the module, raises it in the main thread where the boundary sees it.
"""

from __future__ import annotations

import importlib
import threading


class Warmup:
    def __init__(self, module: str = "torch") -> None:
        self.module = module
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        try:
            importlib.import_module(self.module)
        except BaseException:  # reported by the later real import, in the main thread
            return

    def start(self) -> Warmup:
        if self._thread is None:
            name = f"import-{self.module}"
            self._thread = threading.Thread(target=self._run, name=name, daemon=True)
            self._thread.start()
        return self

    def wait(self) -> None:
        """Block until the import has finished (at once if it never started)."""
        if self._thread is not None:
            self._thread.join()
