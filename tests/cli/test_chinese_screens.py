"""A Chinese learner reads Chinese end to end: lesson 5, quizzes (bank and generated
questions) with their report, progress and review, chosen with ``--lang zh`` and with the
locale alone (``LANG=zh_CN.UTF-8``).

A screen line fails when, outside code (backticks, ``$maths$``, ``bntutor ...`` commands)
and identifiers, it holds a run of three or more English words. Known exception: an
error message torch itself raises, quoted as torch wrote it (taken from torch here).
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from .scripted import bntutor, use_home

_CODE = re.compile(r"`[^`]*`|\$[^$]*\$|bntutor(?:\s+--?[\w-]+|\s+[a-z][\w-]*|\s+\d+)*")
#: A word that is an identifier or code: has a digit, an underscore, a dot, brackets ...
_IDENT = re.compile(r"\S*[\d_.()\[\]=<>/:+*·×÷→←|{}\\-]\S*")
#: Names that stay as they are in Chinese text (classes, libraries, modes).
TERMS = {"BatchNorm", "BN", "LayerNorm", "GroupNorm", "RMSNorm", "InstanceNorm", "PyTorch",
         "Keras", "TensorFlow", "torch", "dropout", "Dropout", "momentum", "eval", "train",
         "None", "True", "False", "ReLU", "Adam", "AdamW", "SGD", "Transformer", "pre-LN",
         "post-LN", "ValueError", "CNN", "MLP", "GPU", "ResNet", "weight", "bias", "lasso"}
#: Three or more words in a row (a word: two letters or more, or "a"; a symbol such as the
#: x of a formula is no word).
_WORD = r"(?:[A-Za-z]{2,}|a)"
_RUN = re.compile(rf"\b{_WORD}(?:[ ,;']+{_WORD}){{2,}}\b")
#: A plot's markers (xxxxxx) are no word either.
_MARKS = re.compile(r"(.)\1+")


def english_prose(line: str, allowed: tuple[str, ...] = ()) -> str | None:
    """The first run of 3+ English words in ``line`` that is not code or a known term."""
    if any(text in line for text in allowed):
        return None
    text = _CODE.sub(" ", line)
    words = [w for w in text.split() if not _IDENT.fullmatch(w) and not _MARKS.fullmatch(w)
             and w.strip(",;'") not in TERMS]
    found = _RUN.search(" ".join(words))
    return found.group(0) if found else None


def english_lines(screen: str, allowed: tuple[str, ...] = ()) -> list[str]:
    return [line.strip() for line in screen.splitlines() if english_prose(line, allowed)]


def test_the_heuristic_tells_prose_from_code() -> None:
    assert english_prose("answer with a letter") == "answer with a letter"
    assert english_prose("第 1 步，共 18 步") is None
    assert english_prose("请运行 `bntutor lesson 5 --restart`") is None
    assert english_prose("BatchNorm2d on [1, 3, 4, 4] runs") is None
    assert english_prose("model.eval() 让 BN 用 running_mean 归一化") is None
    assert english_prose("下一课：bntutor lesson 6  相似图片之谜") is None
    assert english_prose("the running mean and variance") == "the running mean and variance"


def _torch_error() -> str:
    import torch

    try:
        torch.nn.BatchNorm1d(3).train()(torch.zeros(1, 3))
    except ValueError as exc:
        return str(exc)
    raise AssertionError("torch accepted one value per channel in training")


@pytest.mark.parametrize("how", ["option", "locale"])
def test_lesson_quiz_progress_and_review_in_chinese(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_home(tmp_path / "home", monkeypatch)
    flag: tuple[str, ...] = ("--lang", "zh") if how == "option" else ()
    if how == "locale":
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    allowed = (_torch_error(),)
    screens = {
        "lesson 5": bntutor(*flag, "lesson", "5", input=":skip\n" * 40),
        "quiz": bntutor(*flag, "quiz", "--topic", "why-bn", "-n", "5", "--seed", "3",
                        input=":skip\n" * 10),
        # four of these five are generated: bn-params, values-per-channel(-nhwc), conv-bn-params
        "generated": bntutor(*flag, "quiz", "--topic", "bn-cnn", "-n", "5", "--seed", "0",
                             input=":skip\n" * 10),
        "progress": bntutor(*flag, "progress"),
        "review": bntutor(*flag, "review", input=":skip\n" * 10),
        "home": bntutor(*flag),
        "lessons": bntutor(*flag, "lessons"),
    }
    for name, ran in screens.items():
        assert ran.code == 0, (name, ran.err)
        assert re.search(r"[\u4e00-\u9fff]", ran.out), name
        leftover = english_lines(ran.out + ran.err, allowed)
        assert not leftover, (name, leftover)
    assert "第 5 课完成" in screens["lesson 5"].out and "测验报告" in screens["quiz"].out
    assert "你的学习进度" in screens["progress"].out
    assert "有多少个可学习参数" in screens["generated"].out
    english = bntutor("--lang", "en", "lesson", "5", "--restart", input=":quit\n")
    assert "step 1 of" in english.out  # --lang en switches back
    assert english_lines(english.out)  # and the same check finds English on it


#: One step of each lesson whose live tables and charts are not covered above, and a
#: label of it in Chinese.
LIVE_STEPS = [("1", "bias-variance", "偏差²"), ("2", "lasso-check", "软阈值"),
              ("3", "bias", "对比没有偏置的 Linear"),
              ("4", "counts", "它持有的全部张量"), ("6", "q-predict", "近似副本批次"),
              ("7", "live", "训练时保留下来的值"), ("8", "backward-steps", "共享的节点"),
              ("9", "q-alone", "单独成批")]


@pytest.mark.parametrize(("lesson", "step", "label"), LIVE_STEPS)
def test_live_tables_and_charts_of_each_lesson_in_chinese(
    lesson: str, step: str, label: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_home(tmp_path / "home", monkeypatch)
    ran = bntutor("--lang", "zh", "lesson", lesson, "--step", step, input=":skip\n:quit\n")
    assert ran.code == 0, ran.err
    assert label in ran.out
    # a paper's title is quoted as it was published
    allowed = ("On Layer Normalization in the Transformer Architecture",)
    assert not english_lines(ran.out + ran.err, allowed)


def test_demo_similar_batch_in_chinese_from_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_home(tmp_path / "home", monkeypatch, LANG="zh_CN.UTF-8")
    ran = bntutor("demo", "similar-batch", "--quick")
    assert ran.code == 0, ran.err
    assert "演示：相似图片之谜" in ran.out and "第 6 步，共 6 步" in ran.out
    assert "近似副本批次上的准确率" in ran.out  # the live tables' labels too
    leftover = english_lines(ran.out + ran.err)
    assert not leftover, leftover
    listing = bntutor("demo")
    assert not english_lines(listing.out), listing.out
    english = bntutor("--lang", "en", "demo", "similar-batch", "--quick")
    assert english_lines(english.out)  # --lang en switches back, and the check sees it


@pytest.mark.parametrize("args", [
    ("bn", "--values", "1,2;3,4"),
    ("bn", "--values", "1,2;3,4", "--eval", "--gamma", "1,2"),
    ("bn", "--seed", "1", "--shape", "3,5,2,2", "--layout", "NCHW", "--convention", "keras"),
    ("ln", "--seed", "2", "--shape", "3,12"),
    ("rms", "--values", "1,2;3,4", "--gamma", "1,2"),
])
def test_compute_step_by_step_in_chinese(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_home(tmp_path / "home", monkeypatch)
    ran = bntutor("--lang", "zh", "compute", *args)
    assert ran.code == 0, ran.err
    assert "第 1 步 · " in ran.out and "第 2 步 · " in ran.out
    assert "样本 1" in ran.out
    assert not english_lines(ran.out)
    english = bntutor("--lang", "en", "compute", *args)
    assert "Step 1 · " in english.out and english_lines(english.out)


@pytest.mark.parametrize("name", ["cnn-bn", "fc-bn", "moving-average", "l1-vs-l2", "overfit",
                                  "dropout-variance", "fold-bn", "small-batch", "sync-bn"])
def test_every_other_demo_in_chinese(name: str) -> None:
    """Narrative and tables, as the player draws them (the runs the demo tests cached)."""
    from ..content.test_demo_run import demo_run, screen

    run = demo_run(name)
    # torch's own words when asked for nn.SyncBatchNorm on a CPU are quoted as it said them
    torch_said = tuple(str(r.values["torch_sync_bn"]).split(": ", 1)[-1][:30]
                       for r in run.results.values() if "torch_sync_bn" in r.values)
    chinese = screen(run, "zh")
    assert not english_lines(chinese, torch_said), english_lines(chinese, torch_said)
    assert english_lines(screen(run, "en"))  # the same check sees the English demo


@pytest.mark.parametrize(("args", "said"), [
    (("compute", "bn", "--values", "1,x;3,4"),
     "'x' 不是数；样本之间用 \";\" 分隔，特征之间用 \",\" 分隔，例如 --values \"1,2;3,4\""
     "（--values 第 1 行第 2 项）"),
    (("compute", "bn", "--values", "1,2;3,4", "--gamma", "1"), "给了 1 个数，但有 2 个通道"),
    (("compute", "ln", "--shape", "2,3", "--values", "1,2"), "给了 2 个数，但形状 2,3 需要 6 个"),
    (("compute", "bn", "--values", "1,2;3,4", "--momentum", "2"),
     "momentum 2.0 不在 [0, 1] 之内"),
    (("lesson", "1", "--answers", "no-such-answers.txt"), "无法读取答案文件"),
])
def test_errors_in_chinese_keep_one_line_what_and_where(
    args: tuple[str, ...], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_home(tmp_path / "home", monkeypatch)
    monkeypatch.chdir(tmp_path)
    ran = bntutor("--lang", "zh", *args)
    assert ran.code == 2 and said in ran.err, ran.err
    # the system's own reason (strerror) is quoted as the system gives it
    allowed = (os.strerror(errno.ENOENT),)
    assert len(ran.err.strip().splitlines()) == 1 and not english_lines(ran.err, allowed)
    english = bntutor("--lang", "en", *args)
    assert english.code == 2 and not re.search(r"[\u4e00-\u9fff]", english.err)


def test_a_bad_clock_is_said_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_home(tmp_path / "home", monkeypatch, BNTUTOR_NOW="yesterday")
    ran = bntutor("--lang", "zh", "review")
    assert ran.code == 2 and "无法把 'yesterday' 读作日期和时间" in ran.err
    assert "（BNTUTOR_NOW）" in ran.err


def test_an_exercise_and_its_starter_file_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_home(tmp_path / "home", monkeypatch)
    ran = bntutor("--lang", "zh", "exercise", "bn-forward", "--once", "--dir", str(tmp_path))
    assert "练习 bn-forward：训练模式下的 BN 前向传播" in ran.out, ran.out
    assert not english_lines(ran.out, ("out = gamma * (x - mean)",))  # a formula
    starter = (tmp_path / "bn_forward.py").read_text(encoding="utf-8")
    assert "# 在这里写你的代码" in starter and "your code" not in starter


def test_validate_says_its_verdict_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_home(tmp_path / "home", monkeypatch)
    ok = bntutor("--lang", "zh", "validate")
    assert ok.code == 0 and re.search(r"^\d+ 课，\d+ 个题库，\d+ 道题.*：OK$", ok.out.strip())
    bad = tmp_path / "lessons"
    bad.mkdir()
    (bad / "01-broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    ran = bntutor("--lang", "zh", "validate", str(bad))
    assert ran.code == 3 and "个问题" in ran.out
    last = ran.err.strip().splitlines()[-1]  # the problems above it are for authors, in English
    said = r"bntutor: error: 内容中有 \d+ 个问题；每个问题都已在上面按 文件:行号 列出"
    assert re.fullmatch(said, last)
