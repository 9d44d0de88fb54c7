"""The experiments behind the demos, registered so lessons can run them by name too.

Importing this module imports the argument models only; torch loads when one runs.
"""

from __future__ import annotations

from bntutor.live.batch_noise import SmallBatchNoiseArgs, SmallBatchTrainingArgs
from bntutor.live.cnn_stats import CnnChannelStatsArgs
from bntutor.live.dropout_shift import DropoutVarianceArgs
from bntutor.live.fc_stats import FcBatchStatsArgs
from bntutor.live.fold_check import FoldBnArgs
from bntutor.live.lasso_ridge import LassoRidgeArgs
from bntutor.live.poly_fit import PolyOverfitArgs
from bntutor.live.registry import Computation
from bntutor.live.running_stats import RunningStatsArgs
from bntutor.live.similar_batch import SimilarBatchArgs

EXPERIMENT_COMPUTATIONS: list[Computation] = [
    Computation(
        "cnn_channel_stats",
        "Per-channel BN statistics of a conv feature map, in NCHW and NHWC.",
        CnnChannelStatsArgs,
        "bntutor.live.cnn_stats:cnn_channel_stats",
        ("count", "mean", "var", "mean_nhwc", "var_nhwc", "slice_means", "slice_vars",
         "diff_trace", "diff_module_nchw", "diff_module_nhwc", "after_mean", "after_var"),
    ),
    Computation(
        "fc_batch_stats",
        "One feature's statistics down a batch of a fully connected layer; γ and β varied.",
        FcBatchStatsArgs,
        "bntutor.live.fc_stats:fc_batch_stats",
        ("outputs", "column", "mean", "var", "var_unbiased", "sigma", "x_hat", "settings",
         "identity_max_diff"),
    ),
    Computation(
        "similar_batch",
        "Train a small CNN with BN and predict diverse vs near-identical batches in both modes.",
        SimilarBatchArgs,
        "bntutor.live.similar_batch:similar_batch",
        ("modes", "diverse_accuracy", "similar_accuracy", "shift_mean", "shift_max",
         "batch_std", "eval_alone_max_diff", "eval_accuracy_before", "eval_accuracy_after",
         "running_std_before", "running_std_after"),
    ),
    Computation(
        "running_stats_curve",
        "Running mean and variance over steps for several momenta and conventions.",
        RunningStatsArgs,
        "bntutor.live.running_stats:running_stats_curve",
        ("true_mean", "true_var", "curves", "final", "mean_of_batch_means",
         "cumulative_max_diff", "mean_biased_var", "mean_unbiased_var"),
    ),
    Computation(
        "lasso_vs_ridge",
        "Coefficient paths of L1 (proximal gradient) and L2 (closed form) over λ.",
        LassoRidgeArgs,
        "bntutor.live.lasso_ridge:lasso_vs_ridge",
        ("lambdas", "true_weights", "l1_weights", "l2_weights", "l1_zeros", "l2_zeros"),
    ),
    Computation(
        "poly_overfit",
        "Train and test error of polynomial fits by degree, with and without L2.",
        PolyOverfitArgs,
        "bntutor.live.poly_fit:poly_overfit",
        ("degrees", "train_mse", "test_mse", "train_mse_l2", "test_mse_l2", "best_degree",
         "coef_norm", "coef_norm_l2"),
    ),
    Computation(
        "dropout_variance",
        "The variance shift of dropout before BN, simulated beside the formula.",
        DropoutVarianceArgs,
        "bntutor.live.dropout_shift:dropout_variance",
        ("rates", "train_var_sim", "train_var_formula", "test_var_sim", "running_var",
         "bn_test_var_sim", "bn_test_var_formula"),
    ),
    Computation(
        "fold_bn",
        "Fold an eval-mode BN into its conv: the outputs agree; the time saved.",
        FoldBnArgs,
        "bntutor.live.fold_check:fold_bn",
        ("max_diff", "linear_max_diff", "time_unfolded_ms", "time_folded_ms",
         "saved_fraction", "weight_change"),
    ),
    Computation(
        "small_batch_noise",
        "How much batch means and variances wobble as the batch shrinks.",
        SmallBatchNoiseArgs,
        "bntutor.live.batch_noise:small_batch_noise",
        ("sizes", "std_of_mean", "std_of_mean_formula", "std_of_var", "std_of_var_formula"),
    ),
    Computation(
        "small_batch_training",
        "BN vs GroupNorm trained at batch size 2, and BN at a normal batch size.",
        SmallBatchTrainingArgs,
        "bntutor.live.batch_noise:small_batch_training",
        ("labels", "eval_accuracy", "accuracy", "final_loss"),
    ),
]
