"""Coding exercises checked against the engine: starters, the child-process runner, the
diagnosing checker and the watch loop. ``registry`` and ``problems`` import torch; the
rest (what the command line imports) does not."""
