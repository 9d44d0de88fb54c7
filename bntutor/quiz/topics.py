"""The quiz topics, and which lessons to revisit for each.

A question may name its own lessons (``BankQuestion.lessons``); otherwise the lessons
whose ``topics`` list the question's topic are suggested, and when the course names none,
the default below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bntutor.errors import NotFoundError
from bntutor.messages import message

#: The quiz topics, each with the lessons to revisit when neither the question nor the
#: course names any.
TOPICS: dict[str, tuple[str, ...]] = {
    "bn-mechanics": ("bn-mechanics",),  # batch statistics, eps, gamma and beta
    "bn-cnn": ("bn-cnn",),  # per-channel statistics, layouts, counts, folding
    "train-vs-inference": ("train-vs-inference",),  # running statistics, momentum, eval()
    # batch dependence, batch size 1, no_grad, Keras trainable=False, fine-tuning
    "pitfalls": ("train-vs-inference", "similar-images"),
    # LayerNorm, GroupNorm, InstanceNorm, Batch Renorm, SyncBN
    "norm-variants": ("similar-images", "beyond-bn"),
    "dropout": ("dropout-and-bn",),  # inverted scaling, train vs eval, dropout with BN
    "l1-l2": ("l1-l2", "why-regularize"),  # L1 and L2 penalties: gradients, sparsity, priors
    "weight-decay": ("l1-l2",),  # weight decay in SGD, Adam and AdamW
    # covariate shift, smoothness, scale invariance, learning rates
    "why-bn": ("beyond-bn",),
    # LayerNorm and RMSNorm in transformers, pre-LN vs post-LN
    "transformer-norms": ("norm-in-transformers",),
    "init-and-bn": ("bn-mechanics", "beyond-bn"),  # He/Xavier, symmetry, zero-init gamma
    "regularizers": ("why-regularize",),  # early stopping, augmentation, label smoothing
}


def check_topics(topics: Iterable[str]) -> list[str]:
    """``topics`` in order without repeats; an unknown one is a NotFoundError listing all."""
    chosen: list[str] = []
    for topic in topics:
        name = topic.strip().lower()
        if name not in TOPICS:
            raise NotFoundError(
                f"unknown topic {topic!r}", "--topic", f"choose from: {', '.join(TOPICS)}",
                zh=message("error.unknown_topic", "zh", topic=repr(topic),
                           choices=", ".join(TOPICS)),
            )
        if name not in chosen:
            chosen.append(name)
    return chosen


def lessons_for(
    topic: str,
    own: Sequence[str] = (),
    course_topics: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """Lessons to revisit for a missed question: its own, else the course's, else defaults.

    ``course_topics`` maps a lesson slug to the topics it declares.
    """
    if own:
        return list(own)
    if course_topics:
        found = [slug for slug, topics in course_topics.items() if topic in topics]
        if found:
            return found
    return list(TOPICS.get(topic, ()))
