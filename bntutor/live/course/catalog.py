"""The course's computations, joined into :mod:`bntutor.live.catalog`. Grouped by lesson."""

from __future__ import annotations

from bntutor.live.course.affine import BiasBeforeBnArgs, GammaBetaIdentityArgs
from bntutor.live.course.backward_check import BnBackwardCheckArgs
from bntutor.live.course.backward_steps import BnBackwardStepsArgs, BnGradientCheckArgs
from bntutor.live.course.bias_variance import BiasVarianceArgs
from bntutor.live.course.closed_forms import LassoOrthonormalArgs, RidgeClosedFormArgs
from bntutor.live.course.dropout import InvertedDropoutArgs
from bntutor.live.course.feature_stats import BnColumnArgs
from bntutor.live.course.ignore_norm import BnIgnoreNormalizationArgs
from bntutor.live.course.layouts import BnLayoutStatsArgs
from bntutor.live.course.modes import BnModesArgs
from bntutor.live.course.one_value import BnOneValueArgs
from bntutor.live.course.optim_decay import AdamVsAdamwStepArgs, SgdWeightDecayStepArgs
from bntutor.live.course.params import BnParamCountsArgs
from bntutor.live.course.penalties import L1L2GradientsArgs, L1ProxStepArgs
from bntutor.live.course.per_sample_norms import NormParamCountsArgs, PerSampleNormsArgs
from bntutor.live.course.pre_post_ln import PrePostLnArgs
from bntutor.live.course.running import RunningStatsAfterArgs
from bntutor.live.course.scale_invariance import BnScaleInvarianceArgs
from bntutor.live.course.sync_bn import SyncBnStatsArgs
from bntutor.live.registry import Computation

_M = "bntutor.live.course."

COURSE_COMPUTATIONS: list[Computation] = [
    # Lesson 1: why regularize
    Computation(
        "bias_variance", "Bias² and variance of polynomial fits, measured over many training sets",
        BiasVarianceArgs, _M + "bias_variance:bias_variance",
        ("bias2", "variance", "bias2_l2", "variance_l2", "noise_var", "degrees"),
    ),
    # Lesson 2: L1 and L2
    Computation(
        "l1_l2_gradients", "Autograd's gradients of the L1 and L2 penalties at given weights",
        L1L2GradientsArgs, _M + "penalties:l1_l2_gradients",
        ("l1_grad", "l2_grad", "l1_penalty", "l2_penalty"),
    ),
    Computation(
        "l1_prox_step", "One step of L1 (proximal and subgradient) and of L2 on the same weights",
        L1ProxStepArgs, _M + "penalties:l1_prox_step",
        ("threshold", "prox", "subgradient", "l2_step", "zeros_prox", "zeros_l2"),
    ),
    Computation(
        "ridge_closed_form", "Ridge weights (XᵀX + λI)⁻¹Xᵀy over a grid of λ, and their limits",
        RidgeClosedFormArgs, _M + "closed_forms:ridge_closed_form",
        ("lams", "weights", "norms", "least_squares", "least_squares_gap", "first_weight"),
    ),
    Computation(
        "lasso_orthonormal", "Lasso with orthonormal columns: soft-thresholded least squares",
        LassoOrthonormalArgs, _M + "closed_forms:lasso_orthonormal",
        ("least_squares", "lasso", "soft_threshold", "ridge", "hard_threshold", "max_abs_diff",
         "zeros"),
    ),
    Computation(
        "sgd_weight_decay_step", "SGD's weight_decay against a plain step on loss + (λ/2)‖w‖²",
        SgdWeightDecayStepArgs, _M + "optim_decay:sgd_weight_decay_step",
        ("w_new", "w_new_l2", "w_new_doubled", "w_new_no_decay", "max_abs_diff"),
    ),
    Computation(
        "adam_vs_adamw_step", "How much Adam(weight_decay) and AdamW actually decay each weight",
        AdamVsAdamwStepArgs, _M + "optim_decay:adam_vs_adamw_step",
        ("adam_decay", "adamw_decay", "adam_final", "adamw_final", "baseline_final"),
    ),
    # Lesson 3: BN mechanics
    Computation(
        "bn_column", "BN of a small batch, one feature column step by step",
        BnColumnArgs, _M + "feature_stats:bn_column",
        ("count", "column", "mean", "var", "var_unbiased", "std", "x_hat", "y", "means",
         "vars", "x_hat_all", "row_means", "x_hat_unbiased", "x_over_var",
         "x_hat_all_unbiased", "x_hat_all_rows"),
    ),
    Computation(
        "gamma_beta_identity", "γ = √(σ² + ε) and β = μ give the input back",
        GammaBetaIdentityArgs, _M + "affine:gamma_beta_identity",
        ("gamma", "beta", "max_abs_diff", "next_batch_max_abs_diff", "xhat_mean", "xhat_var"),
    ),
    Computation(
        "bias_before_bn", "A bias before BN changes nothing and gets no gradient",
        BiasBeforeBnArgs, _M + "affine:bias_before_bn",
        ("max_abs_diff", "bias_grad_max", "weight_grad_max", "bias_grad_max_float32",
         "bias_after_decay_step"),
    ),
    # Lesson 4: BN in CNNs
    Computation(
        "bn_layout_stats", "Per-channel statistics of a feature map in NCHW and NHWC",
        BnLayoutStatsArgs, _M + "layouts:bn_layout_stats",
        ("count", "num_means", "mean", "var", "layout_diff", "count_per_position",
         "num_means_per_position", "count_per_sample", "count_per_map",
         "num_means_wrong_axis", "count_wrong_axis"),
    ),
    Computation(
        "bn_param_counts", "Parameters and buffers of a torch BN layer",
        BnParamCountsArgs, _M + "params:bn_param_counts",
        ("parameters", "parameter_tensors", "buffers", "buffer_elements", "state_dict_keys",
         "params_and_running", "same_keys_as_engine"),
    ),
    # Lesson 5: training vs inference
    Computation(
        "running_stats_after", "Running mean and variance after k batches, in a convention",
        RunningStatsAfterArgs, _M + "running:running_stats_after",
        ("k", "mean", "var", "batch_means", "batch_vars", "batch_vars_unbiased",
         "history_mean", "history_var", "after_each", "mean_if_flipped", "var_if_flipped",
         "var_with_biased", "var_with_unbiased", "pooled_mean"),
    ),
    Computation(
        "bn_modes", "What train(), eval() and no_grad() change in a BN layer",
        BnModesArgs, _M + "modes:bn_modes",
        ("train_first", "nograd_first", "eval_first", "eval_alone_first",
         "nograd_vs_train_diff", "eval_vs_train_diff", "eval_alone_diff",
         "running_mean_before", "running_mean_train", "running_mean_nograd",
         "running_mean_eval", "tracked_before", "tracked_train", "tracked_nograd",
         "tracked_eval", "batch1_error"),
    ),
    Computation(
        "bn_one_value", "Which training-mode batches torch's BN refuses: one value per channel",
        BnOneValueArgs, _M + "one_value:bn_one_value",
        ("raises", "engine_raises", "values_per_channel", "raised_count"),
    ),
    Computation(
        "bn_ignore_normalization",
        "Gradient descent that ignores the normalization: the bias drifts, the loss stays",
        BnIgnoreNormalizationArgs, _M + "ignore_norm:bn_ignore_normalization",
        ("b_ignoring", "b_full", "b_per_step", "loss_before", "loss_after_ignoring",
         "loss_after_full", "b_history"),
    ),
    # Lesson 7: dropout
    Computation(
        "inverted_dropout", "nn.Dropout in training and eval mode on equal values",
        InvertedDropoutArgs, _M + "dropout:inverted_dropout",
        ("scale", "keep_prob", "kept", "train_mean", "eval_mean", "train_output",
         "eval_output"),
    ),
    # Lesson 8: beyond
    Computation(
        "bn_backward_check", "BN's closed-form backward pass against autograd",
        BnBackwardCheckArgs, _M + "backward_check:bn_backward_check",
        ("max_abs_diff", "grad_input_diff", "grad_gamma", "grad_beta", "grad_input_sums",
         "grad_input_sum_abs"),
    ),
    Computation(
        "bn_backward_steps", "BN's backward pass node by node on one feature, checked",
        BnBackwardStepsArgs, _M + "backward_steps:bn_backward_steps",
        ("x_hat", "grad_x_hat", "grad_var", "grad_mean", "grad_input", "grad_gamma",
         "grad_beta", "direct_only", "without_var_path", "engine_diff", "autograd_diff"),
    ),
    Computation(
        "bn_gradient_check", "Centred-difference gradient check of BN in float32 and float64",
        BnGradientCheckArgs, _M + "backward_steps:bn_gradient_check",
        ("steps", "rel_err_32", "rel_err_64", "best_32", "best_64"),
    ),
    Computation(
        "bn_scale_invariance", "Scaling the weights before BN: same output, smaller gradient",
        BnScaleInvarianceArgs, _M + "scale_invariance:bn_scale_invariance",
        ("output_diff", "grad_ratio", "grad_norm", "grad_norm_scaled"),
    ),
    Computation(
        "sync_bn_stats", "Combining per-device statistics as synchronized BN does",
        SyncBnStatsArgs, _M + "sync_bn:sync_bn_stats",
        ("device_means", "device_vars", "global_mean", "global_var", "mean_of_vars",
         "whole_diff", "samples"),
    ),
    # Lesson 9: normalization in transformers
    Computation(
        "per_sample_norms", "BN, LayerNorm and RMSNorm of one small batch, side by side",
        PerSampleNormsArgs, _M + "per_sample_norms:per_sample_norms",
        ("ln_mean", "ln_var", "ln_x_hat", "rms", "rms_x_hat", "bn_mean", "bn_x_hat",
         "ln_x_hat_unbiased", "ln_std", "alone_diff", "bn_alone_error"),
    ),
    Computation(
        "norm_param_counts", "What nn.LayerNorm, nn.RMSNorm and nn.BatchNorm1d learn and track",
        NormParamCountsArgs, _M + "per_sample_norms:norm_param_counts",
        ("layer_norm", "rms_norm", "batch_norm", "layer_norm_buffers", "batch_norm_buffers"),
    ),
    Computation(
        "pre_post_ln", "Gradients at initialization of post-LN and pre-LN stacks of several depths",
        PrePostLnArgs, _M + "pre_post_ln:pre_post_ln",
        ("depths", "post_last", "pre_last", "post_first", "pre_first", "pre_stream_rms",
         "post_ratio", "pre_ratio"),
    ),
]
