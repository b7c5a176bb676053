"""The label sets: the same keys and fields in every language, NFC text, known words."""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

import pytest

from orgraph.labels import (
    CHANGE_KINDS,
    LABELS,
    LANGUAGES,
    change_word,
    check_lang,
    label,
    operation_word,
)
from tests.lang_orgs import vietnamese_in

GLOSSARY = Path(__file__).resolve().parents[1] / "docs" / "glossary.md"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_key_with_the_same_fields() -> None:
    assert LANGUAGES == tuple(LABELS) == ("en", "vi")
    assert LABELS["en"].keys() == LABELS["vi"].keys()
    for key, text in LABELS["en"].items():
        assert _fields(text) == _fields(LABELS["vi"][key]), key


def test_text_is_nfc_and_english_has_no_vietnamese() -> None:
    for lang in LANGUAGES:
        for key, text in LABELS[lang].items():
            assert unicodedata.is_normalized("NFC", text), (lang, key)
            assert text == text.strip() or text.startswith((" ", "+")) or text.endswith(" ")
    assert vietnamese_in(" ".join(LABELS["en"].values())) == []


def test_vietnamese_speaks_the_glossary() -> None:
    vi = " ".join(LABELS["vi"].values()).lower()
    glossary = GLOSSARY.read_text(encoding="utf-8").lower()
    for term in ("đầu mối", "biên chế", "công chức", "viên chức", "hợp đồng", "kiêm nhiệm"):
        assert term in vi and term in glossary, term
    for kind in ("merge", "absorb", "dissolve", "split"):
        word = change_word(kind, "vi")
        assert word in glossary, (kind, word)
    assert [change_word(k, "vi") for k in ("merge", "absorb", "dissolve", "split")] == [
        "hợp nhất",
        "sáp nhập",
        "giải thể",
        "chia tách",
    ]


def test_fields_are_filled_and_codes_fall_back() -> None:
    assert label("more", "en", n=4) == "+4 more"
    assert label("more", "vi", n=4) == "+4 đơn vị khác"
    assert label("units") == "active units"
    assert change_word("merge") == "merge" and change_word("unheard_of", "vi") == "unheard_of"
    assert operation_word("set_quota", "vi") == "điều chỉnh biên chế"
    assert operation_word("set_quota") == "set_quota"
    assert all(re.fullmatch(r"[a-z_]+", k) for k in CHANGE_KINDS)


@pytest.mark.parametrize("lang", ["fr", "EN", "", "vi-VN"])
def test_unknown_language(lang: str) -> None:
    with pytest.raises(ValueError, match=r"unknown language .*: use one of en, vi"):
        check_lang(lang)
    with pytest.raises(ValueError):
        label("units", lang)
    with pytest.raises(ValueError):
        change_word("merge", lang)
