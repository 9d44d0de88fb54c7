"""The interface message catalog: every message in both languages, placeholders alike."""

from __future__ import annotations

import re

from bntutor.messages import MESSAGES, message, placeholders

CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")  # with CJK punctuation


def test_every_message_has_english_and_chinese_with_the_same_placeholders() -> None:
    for key, forms in MESSAGES.items():
        assert set(forms) == {"en", "zh"}, key
        assert placeholders(forms["en"]) == placeholders(forms["zh"]), key
        assert CJK.search(forms["zh"]), f"{key}: the zh form holds no Chinese"
        assert not CJK.search(forms["en"]), f"{key}: the en form holds Chinese"


def test_message_fills_in_and_falls_back_to_english() -> None:
    assert message("back.rule", "en", k=2, n=5) == "looking back: step 2 of 5 (view only)"
    assert message("back.rule", "zh", k=2, n=5) == "回看：第 2 步，共 5 步（只看）"
    assert message("back.rule", "fr", k=2, n=5) == message("back.rule", "en", k=2, n=5)


def test_translate_matches_a_live_label_whole_and_carries_its_fields_over() -> None:
    from bntutor.messages import translate

    assert translate("after 3 batch(es)", "zh") == "3 个批次之后"
    assert translate("feature 12", "zh") == "特征 12"
    assert translate("BatchNorm2d on [1, 3, 4, 4] (16 values per channel)", "zh") == (
        "BatchNorm2d，输入 [1, 3, 4, 4]（每通道 16 个值）")
    # a field is translated too when it is a label of its own
    label = "torch convention, momentum None (cumulative average); start: mean 0, var 1"
    assert translate(label, "zh") == "torch 约定，momentum None（累积平均）；初值：均值 0，方差 1"
    assert translate("running_mean[0]", "zh") == "running_mean[0]"  # an identifier stays
    assert translate("a feature 1 column", "zh") == "a feature 1 column"  # only whole matches
    assert translate("feature 1", "en") == "feature 1"
    # the message with more words of its own wins over a shorter one that also matches
    assert translate("sample 1 alone, as a batch of one", "zh") == "样本 1 单独成批（批大小为 1）"
    assert translate("channel 0 before and after BN", "zh") == "通道 0 在 BN 前后"
