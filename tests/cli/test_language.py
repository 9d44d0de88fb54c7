"""The learner's language: chosen once (--lang, BNTUTOR_LANG, remembered, locale, English),
remembered in the home's settings, and kept by a resumed lesson."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bntutor.cli.language import LanguageChoice, choose_language, early_language, locale_lang
from bntutor.store.settings import SETTINGS_FILE, read_settings, save_setting
from bntutor.store.store import Store

from .scripted import bntutor, use_home

LESSONS = Path(__file__).resolve().parent.parent / "fixtures" / "player" / "lessons"


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),  # LC_ALL first
        ({"LC_ALL": "", "LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),  # empty: next
        ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({}, None),
    ],
)
def test_the_locale_names_the_language_as_posix_picks_it(env: dict[str, str],
                                                         lang: str | None) -> None:
    assert locale_lang(env) == lang


def test_option_then_env_then_remembered_then_locale_then_english(tmp_path: Path) -> None:
    zh_locale = {"LANG": "zh_CN.UTF-8"}
    assert choose_language(None, tmp_path, {}) == LanguageChoice("en", "default")
    assert choose_language(None, tmp_path, zh_locale) == LanguageChoice("zh", "locale")
    save_setting(tmp_path, "lang", "en")
    assert choose_language(None, tmp_path, zh_locale) == LanguageChoice("en", "settings")
    env = {**zh_locale, "BNTUTOR_LANG": "zh"}
    assert choose_language(None, tmp_path, env) == LanguageChoice("zh", "env")
    assert choose_language("en", tmp_path, env) == LanguageChoice("en", "option")
    assert choose_language(None, tmp_path, {"BNTUTOR_LANG": "fr"}).source == "settings"


def test_settings_survive_damage_and_keep_other_values(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert read_settings(tmp_path) == {}
    (tmp_path / SETTINGS_FILE).write_text('{"lang": "klingon", "x": 1}', encoding="utf-8")
    assert read_settings(tmp_path) == {}
    save_setting(tmp_path, "lang", "zh")
    assert json.loads((tmp_path / SETTINGS_FILE).read_text(encoding="utf-8"))["lang"] == "zh"
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]  # no temporary file left
    with pytest.raises(ValueError):
        save_setting(tmp_path, "lang", "fr")


def test_errors_before_the_app_reads_its_options_use_the_chosen_language(
    tmp_path: Path,
) -> None:
    assert early_language(["--lang", "zh", "nope"], {"BNTUTOR_HOME": str(tmp_path)}) == "zh"
    assert early_language(["--lang=zh"], {"BNTUTOR_HOME": str(tmp_path)}) == "zh"
    assert early_language(["x"], {"BNTUTOR_HOME": str(tmp_path), "LANG": "zh_CN.UTF-8"}) == "zh"
    save_setting(tmp_path, "lang", "zh")
    assert early_language(["x"], {"BNTUTOR_HOME": str(tmp_path)}) == "zh"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_home(tmp_path / "home", monkeypatch, BNTUTOR_LESSONS=str(LESSONS))


def test_lang_option_is_remembered_and_switched_back(home: Path) -> None:
    assert "夹具基础" in bntutor("--lang", "zh", "lessons").out
    assert read_settings(home) == {"lang": "zh"}
    assert "夹具基础" in bntutor("lessons").out  # no flag: the remembered choice
    assert "Fixture basics" in bntutor("--lang", "en", "lessons").out
    assert "Fixture basics" in bntutor("lessons").out


def test_the_locale_chooses_when_nothing_else_does(home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "夹具基础" in bntutor("lessons").out
    assert not home.exists(), "a language from the locale is not saved"
    monkeypatch.setenv("BNTUTOR_LANG", "en")
    assert "Fixture basics" in bntutor("lessons").out


def test_config_lang_sets_shows_and_refuses_bad_values(home: Path) -> None:
    ran = bntutor("config", "lang", "zh")
    assert ran.code == 0, ran.err
    assert "lang = zh" in ran.out and "已保存" in ran.out
    assert bntutor("config", "lang").out.strip() == "zh"
    assert "lang = zh" in bntutor("config").out
    bad = bntutor("config", "lang", "fr")
    assert bad.code == 2
    assert bad.err.startswith("bntutor: error: ") and "en | zh" in bad.err
    assert "没有 'colour' 这个设置项" in bntutor("config", "colour", "red").err
    assert read_settings(home) == {"lang": "zh"}


def test_a_resumed_lesson_keeps_the_language_it_was_started_in(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    bntutor("lesson", "1", input="5\n")  # started in Chinese (the locale), quit by end of input
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    ran = bntutor("lesson", "1", input="")
    assert "从第 4 步继续，共 6 步" in ran.out  # resumed in Chinese
    with Store.open(home) as store:
        progress = store.get_progress("fixture-basics")
        assert progress is not None and progress.lang == "zh"
    ran = bntutor("--lang", "en", "lesson", "1", input="")  # chosen for this run: it wins
    assert "resuming at step 4 of 6" in ran.out
    fresh = bntutor("lesson", "1", "--restart", input="")  # a new start takes the run's own
    assert "Welcome to the fixture lesson" in fresh.out


def test_errors_are_said_in_the_chosen_language(home: Path) -> None:
    bntutor("config", "lang", "zh")
    ran = bntutor("lesson", "99")
    assert ran.err.startswith("bntutor: error: 没有课程 '99'；可选：1 fixture-basics")
    assert bntutor("quiz", "-n", "0").err.strip() == (
        "bntutor: error: 不能出 0 道题；请用 1 到 100（-n）")
    assert bntutor("nosuch").err.strip() == (
        "bntutor: error: 没有 'nosuch' 这个命令。（参见 bntutor --help）")
    assert bntutor("--lang", "en", "nosuch").err.strip() == (
        "bntutor: error: No such command 'nosuch'. (see bntutor --help)")
