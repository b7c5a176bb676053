"""Structures and checks shared by the interchange tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from orgraph import Org, Quota, Unit, apply
from tests.helpers import small_org

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "dam_ha" / "org.yaml"

# What XML (GraphML, XLSX) cannot hold.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def history_org() -> Org:
    """small_org after a dated merge and a concurrent role: history, lineage, ended units."""
    return apply(
        small_org(),
        [
            {
                "op": "merge",
                "sources": ["a", "b"],
                "into": {"id": "ab", "name": "Phòng Tài chính - Kế hoạch"},
                "effective": "2020-03-01",
            },
            {"op": "concurrent_role", "primary": "c.secretary", "secondary": "c.chair"},
        ],
    )


def hostile_org() -> Org:
    """small_org whose texts look like formulas, carry new lines, quotes and escapes."""
    org = small_org()
    extra = [
        Unit(
            id="=f",
            name='=HYPERLINK("http://x")',
            kind="office",
            level="district",
            parent="d",
            code="-007",
            quota=Quota(contracts=0),
            attrs={"note": "+1", "n": 2},
        ),
        Unit(
            id="q",
            name="'=already quoted",
            kind="office",
            level="district",
            parent="d",
            founded=date(2001, 2, 3),
            ended=date(2019, 1, 1),
        ),
        Unit(
            id="r",
            name="@SUM(A1)\r\nline two\t_x000D_ _x005F_x",
            kind="office",
            level="district",
            parent="d",
            functions=frozenset({"a", "b-c"}),
        ),
        Unit(
            id="s2",
            name='  Trường "Quảng" <b>&amp;</b>  ',
            kind="school",
            level="commune",
            parent="c",
            bloc="state",
            funding="self",
        ),
    ]
    return Org.create(
        name='-Đầm Hà, "hostile"',
        date=org.date,
        units=[*org.units(include_ended=True), *extra],
        posts=org.posts(include_ended=True),
        people=org.people(),
        appointments=org.appointments(include_ended=True),
        links=org.links(),
    )


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def has_xml_illegal(org: Org) -> bool:
    """True if some record of the structure holds a character XML cannot carry."""
    records = [
        *org.units(include_ended=True),
        *org.posts(include_ended=True),
        *org.people(),
        *org.appointments(include_ended=True),
        *org.links(),
    ]
    texts = [org.name, *(s for r in records for s in _strings(r.model_dump(mode="json")))]
    return any(XML_ILLEGAL.search(text) for text in texts)
