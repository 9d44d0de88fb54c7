"""Generated questions: the numbers the learner reads give the stored answer.

Each reference below reads the numbers from the prompt and recomputes the answer
independently — with torch's own modules (nn.BatchNorm1d fed the same batches,
nn.LayerNorm, nn.Conv2d + nn.BatchNorm2d, nn.Dropout) or the plain formula — never
with bntutor's engine.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import torch
from torch import nn

from bntutor.checking.answering import typed_text
from bntutor.checking.check import check
from bntutor.checking.resolve import ResolvedQuestion
from bntutor.content.i18n import localize
from bntutor.content.models import Question
from bntutor.content.translations import has_prose
from bntutor.quiz.generators import TEMPLATES, generate, template, templates_for
from bntutor.quiz.topics import TOPICS

SEEDS = range(6)
F64 = torch.float64


def _num(text: str, label: str) -> float:
    match = re.search(re.escape(label) + r"\s*=?\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)", text)
    assert match, f"{label!r} not in {text!r}"
    return float(match.group(1))


def _lists(text: str) -> list[list[float]]:
    """Every flat list of numbers in ``text`` (``[a, b]`` placeholders skipped)."""
    found = []
    for match in re.findall(r"\[[^\[\]]*\]", text):
        try:
            found.append([float(v) for v in ast.literal_eval(match)])
        except ValueError:
            continue
    return found


def _nested(text: str) -> list[list[float]]:
    match = re.search(r"\[\[.*?\]\]", text)
    assert match
    return [[float(v) for v in row] for row in ast.literal_eval(match.group(0))]


_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4}


def _ordinal(text: str, noun: str) -> int:
    match = re.search(r"(first|second|third|fourth|fifth)(?: sample's)? " + noun, text)
    assert match, text
    return _ORDINALS[match.group(1)]


def _torch_bn1d(batches: list[list[float]], momentum: float | None) -> nn.BatchNorm1d:
    bn = nn.BatchNorm1d(1, momentum=momentum).double().train()
    for batch in batches:
        bn(torch.tensor(batch, dtype=F64).reshape(-1, 1))
    return bn


def _keras(batches: list[list[float]], momentum: float, start: float, stat: str) -> float:
    value = start
    for batch in batches:
        t = torch.tensor(batch, dtype=F64)
        batch_stat = t.mean() if stat == "mean" else t.var(unbiased=False)
        value = momentum * value + (1 - momentum) * float(batch_stat)  # Keras 3's rule
    return value


def _running(q: str, stat: str) -> float:
    batches = _lists(q.split("batch")[-1] if "batches" not in q else q.split("batches")[1])
    momentum_text = re.search(r"momentum=(None|[\d.]+)", q)
    momentum = None if momentum_text is None or momentum_text.group(1) == "None" else float(
        momentum_text.group(1))
    if "Keras" in q:
        assert momentum is not None
        return _keras(batches, momentum, 0.0 if stat == "mean" else 1.0, stat)
    bn = _torch_bn1d(batches, momentum if "momentum" in q else 0.1)
    return float(bn.running_mean[0] if stat == "mean" else bn.running_var[0])


def _first_var(q: str) -> float:
    batch = _lists(q)[-1]
    return float(_torch_bn1d([batch], 0.1).running_var[0])


def _feature_mean(q: str) -> float:
    rows = torch.tensor(_nested(q), dtype=F64)
    return float(rows[:, _ordinal(q, "feature")].mean())


def _feature_var(q: str) -> float:
    rows = torch.tensor(_nested(q), dtype=F64)
    return float(rows[:, _ordinal(q, "feature")].var(unbiased=False))


def _normalized_value(q: str) -> float:
    rows = torch.tensor(_nested(q), dtype=F64)
    out = nn.BatchNorm1d(2, affine=False).double().train()(rows)
    i = _ordinal(q, "sample")
    j = _ORDINALS[re.search(r"sample's (\w+) feature", q).group(1)]  # type: ignore[union-attr]
    return float(out[i, j])


def _affine_output(q: str) -> float:
    batch = _lists(q)[0]
    bn = nn.BatchNorm1d(1).double().train()
    with torch.no_grad():
        bn.weight.fill_(_num(q, "gamma ="))
        bn.bias.fill_(_num(q, "beta ="))
    out = bn(torch.tensor(batch, dtype=F64).reshape(-1, 1))
    i = _ORDINALS[re.search(r"for the (\w+) value", q).group(1)]  # type: ignore[union-attr]
    return float(out[i, 0])


def _normalized_column(q: str) -> list[float]:
    batch = _lists(q)[0]
    out = nn.BatchNorm1d(1).double().train()(torch.tensor(batch, dtype=F64).reshape(-1, 1))
    return [float(v) for v in out[:, 0]]


def _eval_output(q: str) -> float:
    bn = nn.BatchNorm1d(1, eps=1e-5).double().eval()
    with torch.no_grad():
        bn.running_mean.fill_(_num(q, "running_mean ="))
        bn.running_var.fill_(_num(q, "running_var ="))
        bn.weight.fill_(_num(q, "gamma ="))
        bn.bias.fill_(_num(q, "beta ="))
    return float(bn(torch.tensor([[_num(q, "for the input")]], dtype=F64))[0, 0])


def _bn_c(q: str) -> int:
    return int(_num(q, "BatchNorm2d("))


def _bn_params(q: str) -> int:
    return sum(p.numel() for p in nn.BatchNorm2d(_bn_c(q)).parameters())


def _bn_buffers(q: str) -> int:
    return sum(b.numel() for b in nn.BatchNorm2d(_bn_c(q)).buffers())


def _conv_bn_params(q: str) -> int:
    c_in, c_out, k = (int(v) for v in re.search(r"Conv2d\((\d+), (\d+), (\d+)", q).groups())  # type: ignore[union-attr]
    stack = nn.Sequential(nn.Conv2d(c_in, c_out, k, bias=False), nn.BatchNorm2d(c_out))
    return sum(p.numel() for p in stack.parameters())


def _per_channel(q: str) -> int:
    shape = [int(v) for v in _lists(q)[0]]
    channels = shape[-1] if "channels-last" in q else shape[1]
    return math.prod(shape) // channels


def _group_norm(q: str) -> int:
    groups, channels = (int(v) for v in re.search(r"GroupNorm\((\d+), (\d+)\)", q).groups())  # type: ignore[union-attr]
    n, c, h, w = (int(v) for v in _lists(q)[0])
    assert c == channels
    return (c // groups) * h * w


def _channel_mean(q: str) -> float:
    lists = _lists(q.split("—")[1])
    x = torch.tensor(lists, dtype=F64).reshape(2, 2, 1, 2)  # sample by sample, channel by channel
    c = int(_num(q, "for channel")) - 1
    return float(x.mean(dim=(0, 2, 3))[c])


def _conv_bn(q: str) -> nn.Sequential:
    conv = nn.Conv2d(1, 1, 1).double()
    bn = nn.BatchNorm2d(1, eps=1e-5).double().eval()
    with torch.no_grad():
        conv.weight.fill_(_num(q, "(weight"))
        conv.bias.fill_(_num(q, "bias"))  # type: ignore[union-attr]
        bn.running_mean.fill_(_num(q, "running_mean"))
        bn.running_var.fill_(_num(q, "running_var"))
        bn.weight.fill_(_num(q, "gamma"))
        bn.bias.fill_(_num(q, "beta"))
    return nn.Sequential(conv, bn)


def _folded(q: str) -> float:
    f = _conv_bn(q)
    at = [float(f(torch.full((1, 1, 1, 1), v, dtype=F64))) for v in (0.0, 1.0)]
    return at[1] - at[0] if "which weight" in q else at[0]  # an affine map: slope, intercept


def _dropout_kept(q: str) -> float:
    p, x = _num(q, "p="), _num(q, "activation is")
    out = nn.Dropout(p).train()(torch.full((1000,), x, dtype=F64))
    return float(out[out != 0][0])


def _dropout_variance(q: str) -> float:
    p, x = _num(q, "p ="), _num(q, "always")
    gen = torch.Generator().manual_seed(0)
    keep = torch.rand(400_000, generator=gen, dtype=F64) >= p
    out = torch.where(keep, x / (1 - p), 0.0)  # nn.Dropout's documented behaviour
    return float(out.var())


def _l2_gradient(q: str) -> float:
    w, g = _num(q, "w ="), _num(q, "gradient")
    lam = _num(q, "penalty (") if "/ 2" in q else _num(q, "penalty")
    return g + (lam * w if "/ 2" in q else 2 * lam * w)


def _l1_gradient(q: str) -> float:
    w, g, lam = _num(q, "w ="), _num(q, "gradient"), _num(q, "penalty")
    return g + lam * math.copysign(1.0, w)


def _l1_prox(q: str) -> float:
    w, g, lr, lam = _num(q, "w ="), _num(q, "gradient"), _num(q, "lr ="), _num(q, "lambda =")
    z = w - lr * g
    return math.copysign(max(abs(z) - lr * lam, 0.0), z)


def _optim(q: str) -> float:
    lr, wd = _num(q, "lr="), _num(q, "weight_decay=")
    w = _num(q, "w =")
    g = _num(q, "gradient is") if "gradient is" in q else _num(q, "gradient")
    name = re.search(r"torch\.optim\.(\w+)\(", q).group(1)  # type: ignore[union-attr]
    param = nn.Parameter(torch.tensor([w], dtype=F64))
    param.grad = torch.tensor([g], dtype=F64)
    getattr(torch.optim, name)([param], lr=lr, weight_decay=wd).step()
    return float(param.detach()[0])


def _renorm(q: str) -> float:
    batch = _lists(q)[0]
    mu, sigma = _num(q, "running mean is"), _num(q, "running standard deviation")
    mean = sum(batch) / len(batch)
    var = sum((b - mean) ** 2 for b in batch) / len(batch)
    if "What is r" in q:
        r_max = _num(q, "r_max =")
        return min(max(math.sqrt(var) / sigma, 1 / r_max), r_max)  # eps = 0, as asked
    d_max = _num(q, "d_max =")
    return min(max((mean - mu) / sigma, -d_max), d_max)


def _layer_norm(q: str) -> float:
    features = torch.tensor(_lists(q)[-1], dtype=F64)
    j = int(_num(q, "for feature")) - 1
    return float(nn.LayerNorm(4, eps=1e-5).double()(features.reshape(1, 4))[0, j])


REFERENCES: dict[str, Callable[[str], object]] = {
    "running-mean-k": lambda q: _running(q, "mean"),
    "running-var-k": lambda q: _running(q, "var"),
    "running-var-first": _first_var,
    "keras-moving-mean": lambda q: _running(q, "mean"),
    "keras-moving-var": lambda q: _running(q, "var"),
    "momentum-none": lambda q: _running(q, "mean"),
    "feature-mean": _feature_mean,
    "feature-var": _feature_var,
    "normalized-value": _normalized_value,
    "affine-output": _affine_output,
    "normalized-column": _normalized_column,
    "eval-output": _eval_output,
    "bn-params": _bn_params,
    "bn-buffers": _bn_buffers,
    "conv-bn-params": _conv_bn_params,
    "values-per-channel": _per_channel,
    "values-per-channel-nhwc": _per_channel,
    "batch-of-one": _per_channel,
    "groupnorm-count": _group_norm,
    "channel-mean": _channel_mean,
    "folded-weight": _folded,
    "folded-bias": _folded,
    "dropout-kept-value": _dropout_kept,
    "dropout-variance": _dropout_variance,
    "l2-gradient": _l2_gradient,
    "l1-gradient": _l1_gradient,
    "l1-prox-step": _l1_prox,
    "sgd-weight-decay": _optim,
    "adamw-first-step": _optim,
    "adam-l2-first-step": _optim,
    "renorm-r": _renorm,
    "renorm-d": _renorm,
    "layernorm-value": _layer_norm,
}


def _prompt(q: Question) -> str:
    return localize(q.prompt)


def test_at_least_twenty_templates_with_known_topics() -> None:
    ids = [t.id for t in TEMPLATES]
    assert len(ids) >= 20 and len(set(ids)) == len(ids)
    assert {t.topic for t in TEMPLATES} <= set(TOPICS)
    assert set(REFERENCES) == set(ids), "every template needs an independent reference"


@pytest.mark.parametrize("template_id", sorted(REFERENCES))
def test_answer_matches_independent_reference(template_id: str) -> None:
    for seed in SEEDS:
        question = generate(template_id, seed).question
        with torch.no_grad():
            expected = REFERENCES[template_id](_prompt(question))
        if isinstance(expected, list):
            assert question.answer == pytest.approx(expected, abs=1e-6)
        elif template_id == "dropout-variance":  # Monte Carlo reference
            assert question.answer == pytest.approx(expected, rel=0.03)
        else:
            assert question.answer == pytest.approx(expected, abs=1e-6), _prompt(question)


@pytest.mark.parametrize("template_id", sorted(REFERENCES))
def test_right_answer_accepted_and_misconceptions_diagnosed(template_id: str) -> None:
    for seed in SEEDS:
        q = generate(template_id, seed).question
        resolved = ResolvedQuestion(q.answer, [(f.answer, f.message) for f in q.feedback])
        verdict = check(q, typed_text(q, q.answer), resolved)
        assert verdict.correct, (verdict.message, _prompt(q))
        for rule in q.feedback:
            wrong = check(q, typed_text(q, rule.answer), resolved)
            assert not wrong.correct and wrong.diagnosis == localize(rule.message)


def test_same_seed_same_question_other_seed_other_numbers() -> None:
    for t in TEMPLATES:
        first = generate(t.id, 7)
        assert first == generate(t.id, 7)
        assert first.item_id == f"gen:{t.id}/7"
        others = {_prompt(generate(t.id, s).question) for s in range(8)}
        assert len(others) > 1, t.id


def test_filters_and_unknown_template() -> None:
    assert all(t.topic == "bn-cnn" for t in templates_for(["bn-cnn"]))
    assert all(t.difficulty == 3 for t in templates_for(difficulty=3))
    assert len(templates_for()) == len(TEMPLATES)
    from bntutor.errors import NotFoundError

    with pytest.raises(NotFoundError):
        template("no-such-template")


def test_adam_with_l2_takes_no_step_when_the_penalty_cancels_the_gradient() -> None:
    """g = -wd * w: the combined gradient is 0, so is Adam's first step (torch agrees)."""
    cancelled = []
    for seed in range(300):
        item = generate("adam-l2-first-step", seed)
        q = localize(item.question.prompt)
        w, g, wd = _num(q, "w ="), _num(q, "gradient"), _num(q, "weight_decay=")
        if g + wd * w == 0:
            cancelled.append(seed)
            assert item.question.answer == w == _optim(q)
            assert "= 0" in localize(item.question.explanation)
    assert cancelled  # the draws include the case


_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@pytest.mark.parametrize("template_id", sorted(REFERENCES))
def test_every_text_is_in_chinese_too_with_the_same_numbers(template_id: str) -> None:
    for seed in range(3):
        q = generate(template_id, seed).question
        texts = [q.prompt, q.explanation, *q.hints, *(f.message for f in q.feedback)]
        for text in texts:
            assert isinstance(text, dict), text
            # Chinese words wherever the English has words (a formula alone stays a formula)
            assert _CJK.search(text["zh"]) or not has_prose(text["en"]), text
            assert not _CJK.search(text["en"]), text
            # every number the English names is in the Chinese (an ordinal is a word there)
            assert set(_NUMBER.findall(text["en"])) <= set(_NUMBER.findall(text["zh"])), text


def test_words_file_is_checked_for_missing_chinese_and_placeholders(tmp_path: Path) -> None:
    from bntutor.quiz.generators import words_problems

    assert words_problems() == []  # the shipped words
    bad = tmp_path / "generators.yaml"
    bad.write_text(
        "bn-params:\n"
        "  prompt:\n"
        "    en: 'How many learnable parameters does `nn.BatchNorm2d({c})` have?'\n"
        "  explanation:\n"
        "    en: 'One gamma and one beta per channel: 2 * {c} = {params}.'\n"
        "    zh: '每个通道一个 gamma、一个 beta：2 * {c}。'\n", encoding="utf-8")
    found = [(e.line, e.what) for e in words_problems(bad)]
    assert found == [
        (2, "no Chinese (zh) text in bn-params.prompt"),
        (4, "en and zh name different placeholders: en ['c', 'params'], zh ['c'] in"
            " bn-params.explanation"),
    ]
