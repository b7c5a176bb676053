"""The words, names, kinds and dates the strategies draw from, and fresh ids."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any, get_args

from hypothesis import strategies as st

from orgraph.model import Quota
from orgraph.ops import (
    Operation,
)

__all__ = [
    "DEFAULT_BLOCS",
    "DEFAULT_LEVELS",
    "OPERATION_KINDS",
    "_CODE",
    "_FUNCTIONS",
    "_FUNDING",
    "_KINDS",
    "_LINK_KINDS",
    "_MIN_DATE",
    "_ROLES",
    "_Ids",
    "_attrs",
    "_names",
    "_nfc",
    "_person_names",
    "_quotas",
]

OPERATION_KINDS: tuple[str, ...] = tuple(
    member.model_fields["op"].default for member in get_args(get_args(Operation)[0])
)
"""The ``op`` tag of every operation, in the order of :data:`orgraph.Operation`."""

DEFAULT_LEVELS: tuple[str, ...] = ("province", "district", "commune", "village")
"""Administrative levels from the top, used by :func:`orgs` unless told otherwise."""

DEFAULT_BLOCS: tuple[str, ...] = ("party", "state", "front", "mass_org")
"""Political blocs (khối) a unit may belong to."""

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")

_KINDS = ("department", "office", "board", "committee", "service_unit", "school", "commune")
_FUNCTIONS = (
    "planning",
    "finance",
    "health",
    "education",
    "land",
    "justice",
    "culture",
    "inspection",
    "home_affairs",
    "agriculture",
    "transport",
    "environment",
)
_ROLES = ("head", "deputy", "party_secretary", "chief", "specialist", "officer", "accountant")
_LINK_KINDS = ("dotted_line", "guidance", "coordination")
_FUNDING = (None, "state", "partial", "self")

_WORDS = (
    "Phòng",
    "Ban",
    "Sở",
    "Ủy ban nhân dân",
    "Đảng ủy",
    "Mặt trận Tổ quốc",
    "Trường Tiểu học",
    "Trạm Y tế",
    "Xã",
    "Thị trấn",
    "Huyện",
    "Văn phòng",
    "Tài chính - Kế hoạch",
    "Nội vụ",
    "Tư pháp",
    "Giáo dục và Đào tạo",
    "Tài nguyên và Môi trường",
    "Văn hóa - Thông tin",
    "Lao động - Thương binh và Xã hội",
    "Đầm Hà",
    "Quảng Lợi",
    "Đại Bình",
    "Dực Yên",
    "Hội Nông dân",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Cựu chiến binh",
    "thôn Đồng Tâm",
)
# Text that breaks careless quoting in YAML, JSON, HTML, DOT, Mermaid and terminals;
# "e\u0301" is not NFC, so it checks normalisation too.
_HOSTILE = (
    '"',
    "'",
    "<b>",
    "</td>",
    "&amp;",
    "\\",
    "{x}",
    "[1]",
    "#",
    ": ",
    "- ",
    "|",
    "%s",
    "\n",
    "\t",
    "\r\n",
    "\u200b",
    "🏛",
    "e\u0301",
    "\u200f",  # a right-to-left mark; the overrides (U+202E) are refused in names
    "null",
    "yes",
    "~",
    "${x}",
    "'; DROP TABLE units;--",
    "\u00a0",
)
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Hằng", "Hương", "Khoa", "Lan", "Phúc", "Thắng", "Yến")
# Id prefixes: Vietnamese letters, punctuation and strings that YAML would read as
# numbers, booleans or null unless quoted. None has white space or control characters.
_ID_PREFIXES = (
    "u",
    "đv-",
    "phòng_",
    "ubnd.",
    "Ủy",
    "q'\"",
    "<id>",
    "&",
    "1",
    "0.",
    "true",
    "null",
    "~",
    "-",
    "#",
    "x:",
)

_MIN_DATE = date(1990, 1, 1)
_MAX_DATE = date(2030, 12, 31)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------- text and records
def _names() -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join)
    hostile = st.tuples(words, st.sampled_from(_HOSTILE), st.sampled_from(("", *_WORDS))).map(
        "".join
    )
    # Any printable text, line breaks and tabs included; the model refuses other control
    # characters and the bidi embeddings, overrides and isolates (orgraph.model.TEXT_PATTERN).
    refused = "\ufffe\uffff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    anything = st.text(
        alphabet=st.characters(exclude_categories=("Cs", "Cc"), exclude_characters=refused)
        | st.sampled_from("\n\t"),
        min_size=1,
        max_size=12,
    )
    return st.one_of(words, hostile, anything)


def _person_names() -> st.SearchStrategy[str]:
    return st.tuples(
        st.sampled_from(_FAMILY), st.sampled_from(_MIDDLE), st.sampled_from(_GIVEN)
    ).map(" ".join)


def _quotas() -> st.SearchStrategy[Quota]:
    part = st.none() | st.integers(0, 60)
    return st.builds(Quota, civil_servants=part, public_employees=part, contracts=part)


def _attrs() -> st.SearchStrategy[dict[str, Any]]:
    value = st.none() | st.booleans() | st.integers(-5, 5) | st.sampled_from(_HOSTILE)
    return st.just({}) | st.dictionaries(
        st.sampled_from(("nguồn", "note", "x-y")), value, max_size=2
    )


class _Ids:
    """Fresh ids: a drawn prefix, an optional tag and a counter, never one already used."""

    def __init__(self, taken: set[str], tag: str = "") -> None:
        self.taken = taken
        self.tag = tag

    def fresh(self, draw: Callable[..., Any], kind: str) -> str:
        prefix = draw(st.sampled_from(_ID_PREFIXES))
        n = len(self.taken)
        while True:
            ident = _nfc(f"{self.tag}{prefix}{kind}{n}")
            if ident not in self.taken:
                self.taken.add(ident)
                return ident
            n += 1
