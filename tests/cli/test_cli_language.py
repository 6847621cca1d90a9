"""`--lang ko|en` and the locale: the command line speaks Korean or English, same numbers."""

from __future__ import annotations

import json
import re

import pytest

from gradflow import cli
from gradflow.core import i18n

HANGUL = re.compile("[\uac00-\ud7a3]")


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _numbers(text: str) -> list[str]:
    return re.findall(r"-?\d+(?:\.\d+)?", text)


def test_lang_ko_translates_and_keeps_the_numbers(capsys):
    code, english, _ = _run(capsys, "exercise", "--level", "2", "--seed", "7")
    assert code == 0
    code, korean, _ = _run(capsys, "exercise", "--level", "2", "--seed", "7", "--lang", "ko")
    assert code == 0
    en, ko = json.loads(english), json.loads(korean)
    assert not HANGUL.search(en["title"] + en["description"])
    assert HANGUL.search(ko["title"])
    assert HANGUL.search(ko["description"])
    assert _numbers(ko["description"]) == _numbers(en["description"])
    assert {k: v for k, v in ko.items() if k not in ("title", "description")} == {
        k: v for k, v in en.items() if k not in ("title", "description")
    }


def test_lang_goes_before_or_after_the_command_and_as_lang_equals(capsys):
    outputs = {
        _run(capsys, *argv)[1]
        for argv in (
            ("--lang", "ko", "exercise", "--level", "1"),
            ("exercise", "--level", "1", "--lang=ko"),
            ("exercise", "--lang", "ko", "--level", "1"),
        )
    }
    assert len(outputs) == 1
    assert HANGUL.search(outputs.pop())


def test_the_locale_chooses_when_lang_is_absent(capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "ko_KR:en")
    assert HANGUL.search(_run(capsys, "exercise", "--level", "1")[1])
    assert not HANGUL.search(_run(capsys, "exercise", "--level", "1", "--lang", "en")[1])
    monkeypatch.setenv("LANGUAGE", "de_DE")
    assert not HANGUL.search(_run(capsys, "exercise", "--level", "1")[1])


def test_errors_are_translated_too(capsys):
    code, out, err = _run(capsys, "exercise", "--level", "1", "--ops", "relu", "--lang", "ko")
    assert (code, out) == (2, "")
    assert err.startswith("gradflow: 오류: ")
    assert HANGUL.search(err)
    assert err.count("\n") == 1


@pytest.mark.parametrize("argv", [("--lang", "fr", "examples"), ("examples", "--lang")])
def test_an_unknown_or_missing_language_is_one_error_line(capsys, argv):
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == 'gradflow: error: --lang: unknown language "{}" (choose en or ko)\n'.format(
        "fr" if "fr" in argv else ""
    )


def test_the_language_before_the_call_is_restored(capsys):
    assert i18n.language() == "en"
    _run(capsys, "--lang", "ko", "exercise", "--level", "1")
    assert i18n.language() == "en"


def test_help_names_the_option(capsys):
    code, out, _ = _run(capsys, "--help")
    assert code == 0
    assert "--lang {en,ko}" in out


@pytest.mark.parametrize("example", ["add-mul", "gate-patterns", "vector-l2"])
def test_trace_in_korean_has_the_same_numbers_as_in_english(capsys, example):
    code, english, _ = _run(capsys, "trace", example)
    assert code == 0
    code, korean, _ = _run(capsys, "trace", example, "--lang", "ko")
    assert code == 0
    en_lines, ko_lines = english.splitlines(), korean.splitlines()
    assert len(ko_lines) == len(en_lines) > 5
    for en, ko in zip(en_lines, ko_lines, strict=True):
        assert sorted(_numbers(ko)) == sorted(_numbers(en)), (en, ko)  # word order may differ
    backward = [line for line in ko_lines if "backward" in line]
    assert backward
    assert all(HANGUL.search(line) for line in backward)
    assert "upstream × local = downstream" in korean  # the lecture's terms stay English


def test_trace_add_mul_in_korean_reads_the_lecture(capsys):
    korean = _run(capsys, "trace", "add-mul", "--lang", "ko")[1].splitlines()
    assert "mul gate는 서로 상대 input을 곱함" in korean[5]
    assert "→ q: 1 × (-4) = -4" in korean[5]
    assert "add gate는 upstream gradient를 그대로 나눠 줌" in korean[6]


def test_argparse_errors_are_korean(capsys):
    code, out, err = _run(capsys, "--lang", "ko", "exercise")
    assert (code, out) == (2, "")
    assert (
        err == "gradflow: 오류: 다음 인자가 필요합니다: --level (`gradflow exercise --help` 참고)\n"
    )
    code, _, err = _run(capsys, "exercise", "--level", "9", "--lang", "ko")
    assert code == 2
    assert err.startswith("gradflow: 오류: 인자 --level: 잘못된 선택: 9 (1, 2, 3, 4, 5 중에서")
    code, _, err = _run(capsys, "--lang", "ko", "run", "add-mul", "--nope")
    assert (code, err) == (2, "gradflow: 오류: 알 수 없는 인자: --nope (`gradflow --help` 참고)\n")


def test_help_headings_and_texts_are_korean(capsys):
    code, out, _ = _run(capsys, "--lang", "ko", "--help")
    assert code == 0
    assert out.startswith("사용법: gradflow [-h]")
    assert "\n위치 인자:\n" in out
    assert "\n옵션:\n" in out
    assert "이 도움말을 보이고 끝냄" in out
    assert "trace         forward와 backward의 모든 step, 번호와 함께" in out
    assert "usage" not in out
    assert "options" not in out
    code, out, _ = _run(capsys, "--lang", "ko", "train", "--help")  # a delegated command
    assert code == 0
    assert out.startswith("사용법: gradflow train")
    assert "learning rate (기본값 0.01)" in out


def test_a_korean_locale_makes_argparse_korean(capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "ko_KR")
    code, _, err = _run(capsys, "grade")
    assert code == 2
    assert err.startswith("gradflow: 오류: 다음 인자가 필요합니다: ANSWERS")


def test_english_help_stays_argparse_english_and_argparse_is_restored(capsys):
    import argparse
    import gettext

    assert _run(capsys, "--lang", "ko", "--help")[0] == 0
    assert argparse._ is gettext.gettext  # a program importing gradflow keeps its argparse
    assert argparse.ngettext is gettext.ngettext
    code, out, _ = _run(capsys, "--help")
    assert code == 0
    assert out.startswith("usage: gradflow [-h]")
    assert "\noptions:\n" in out
    assert "show this help message and exit" in out


def test_argparse_plural_texts_are_translated():
    from gradflow.cli_argparse import argparse_plural_texts

    i18n.set_language("ko")
    try:
        assert argparse_plural_texts(2) == ("인자 %s개가 필요합니다", "충돌하는 옵션 문자열: %s")
    finally:
        i18n.set_language("en")
    assert argparse_plural_texts(1) == ("expected %s argument", "conflicting option string: %s")


def test_the_korean_check_table_is_translated_and_aligned(capsys):
    code, out, _ = _run(capsys, "check", "add-mul", "--lang", "ko")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "node  원소  해석적  수치  상대 오차"
    assert lines[1].startswith("x     -     -4      -4    ")
    assert all(line.endswith("일치") for line in lines[1:4])


def test_wide_characters_keep_columns_straight():
    from gradflow.core.text import align_columns, display_width

    assert display_width("정답") == 4
    assert align_columns([("f", "정답", "x"), ("node", "-", "y")]) == [
        "f     정답  x",
        "node  -     y",
    ]
