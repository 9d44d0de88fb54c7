"""The demos: a short narrative around live computations, one module per demo.

Importing this package (or :mod:`bntutor.demos.registry`) never imports torch; a demo
imports it when it runs.
"""
