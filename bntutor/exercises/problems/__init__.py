"""The registered exercise problems, in course order (see :mod:`bntutor.exercises.registry`)."""
