"""One player for lessons, demos, quizzes and review: the loops that read the learner's
lines and record each step, behind the screen protocol of :mod:`bntutor.player.io`."""
