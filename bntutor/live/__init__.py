"""Named live computations that lessons, demos and quiz questions call, with typed
arguments: each topic module registers its own (:mod:`bntutor.live.registry`), and
:func:`bntutor.live.catalog.default_registry` gathers them.

Importing this package never imports torch: each computation imports it when it runs.
"""
