"""Words for any country: the labels of tables, charts and reports, in English or Vietnamese.

Metrics, charts and reports speak neutral English by default ("units", "staff quota");
pass ``lang="vi"`` (``--lang vi`` on the command line) for the words Vietnamese planners
use (đầu mối, biên chế, công chức, viên chức, hợp nhất, sáp nhập, giải thể...). The
Vietnamese terms follow the docs' glossary.

Examples
--------
>>> label("units", "en"), label("units", "vi")
('active units', 'đầu mối')
>>> label("more", "vi", n=3), change_word("absorb", "vi"), change_word("absorb")
('+3 đơn vị khác', 'sáp nhập', 'absorb')
"""

from __future__ import annotations

from typing import Literal

from orgraph.labels import _changes, _charts, _reports, _tables

__all__ = [
    "CHANGE_KINDS",
    "LABELS",
    "LANGUAGES",
    "Lang",
    "change_word",
    "check_lang",
    "label",
    "level_word",
    "operation_word",
]

Lang = Literal["en", "vi"]
"""A language code for labels."""

LANGUAGES: tuple[str, ...] = ("en", "vi")

LABELS: dict[str, dict[str, str]] = {
    "en": {**_tables.EN, **_charts.EN, **_reports.EN},
    "vi": {**_tables.VI, **_charts.VI, **_reports.VI},
}
"""Every label, by language; both sets have the same keys. Labels with ``{name}`` fields
are filled in by :func:`label`."""


CHANGE_KINDS: tuple[str, ...] = tuple(_changes.CHANGES_VI)
"""The lineage change kinds :func:`change_word` knows a word for."""


def check_lang(lang: str) -> str:
    """``lang`` if it is a known language; ValueError (naming the known ones) if not."""
    if lang not in LABELS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang


def label(key: str, lang: str = "en", /, **values: object) -> str:
    """The label ``key`` in ``lang`` (``en`` or ``vi``), its fields filled from ``values``.

    ValueError for another language.
    """
    text = LABELS[check_lang(lang)][key]
    return text.format(**values) if values else text


def change_word(change: str, lang: str = "en") -> str:
    """A lineage change kind (``merge``, ``absorb``...) in ``lang``; English keeps the code."""
    if check_lang(lang) == "vi":
        return _changes.CHANGES_VI.get(change, change)
    return change


def level_word(level: str, lang: str = "en") -> str:
    """A level code in ``lang``: Vietnamese names the usual tiers (``commune`` is *xã*,
    ``village`` *thôn*); English, and any other code, keep the code as written."""
    if check_lang(lang) == "vi":
        return _changes.LEVELS_VI.get(level, level)
    return level


def operation_word(op: str, lang: str = "en") -> str:
    """An operation name (``merge``, ``set_quota``...) in ``lang``; English keeps the code."""
    if check_lang(lang) == "vi":
        return _changes.OPERATIONS_VI.get(op, op)
    return op
