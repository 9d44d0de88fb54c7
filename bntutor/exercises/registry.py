"""Every exercise's problem by name, in course order; imports torch (use in the worker)."""

from __future__ import annotations

from bntutor.exercises.problem import Problem
from bntutor.exercises.problems import backprop, batchnorm, fold, layers, regularize
from bntutor.named import ByName

PROBLEMS: ByName[Problem] = ByName((
    batchnorm.BN_FORWARD,
    batchnorm.RUNNING_TORCH,
    batchnorm.RUNNING_KERAS,
    batchnorm.BN_EVAL,
    backprop.BN_BACKWARD,
    backprop.BN_BACKWARD_SIMPLE,
    layers.SPATIAL_BN,
    layers.LN_FORWARD,
    backprop.LN_BACKWARD,
    layers.GN_FORWARD,
    layers.BATCH_RENORM,
    regularize.DROPOUT,
    regularize.SOFT_THRESHOLD,
    regularize.RIDGE,
    fold.FOLD_BN,
    regularize.ADAMW,
), lambda p: p.name, "exercise")

