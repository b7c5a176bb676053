"""A small non-Vietnamese structure (UK-style departments) and a scenario touching every
status, for the label-language tests, and a check for Vietnamese text."""

from __future__ import annotations

import re
from datetime import date

from orgraph import Appointment, Org, Person, Post, Quota, Unit, apply
from orgraph.labels import LABELS
from orgraph.scenario import Scenario

#: Letters only Vietnamese uses (among English, French, German...): any one of them in
#: English output is a Vietnamese word that leaked.
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def vietnamese_in(text: str) -> list[str]:
    """The Vietnamese letters and label words found in ``text`` (empty: none)."""
    found = sorted(set(VIETNAMESE.findall(text)))
    words = {w for v in LABELS["vi"].values() for w in re.findall(r"\w{4,}", v)}
    words -= {w for v in LABELS["en"].values() for w in re.findall(r"\w{4,}", v)}
    found += sorted(w for w in words if re.search(rf"\b{re.escape(w)}\b", text))
    return found


def uk_org() -> Org:
    """A department with three bodies, posts, holders (one in two posts) and quotas."""
    units = [
        Unit(id="dfe", name="Department for Education", kind="ministerial", level="national"),
        Unit(
            id="ofq",
            name="Office of Qualifications",
            kind="non_ministerial",
            level="national",
            parent="dfe",
            quota=Quota(civil_servants=120, contracts=4),
        ),
        Unit(
            id="sta",
            name="Standards and Testing Agency",
            kind="executive_agency",
            level="national",
            parent="dfe",
            quota=Quota(civil_servants=80),
        ),
        Unit(
            id="ncl",
            name="National College for Teaching",
            kind="executive_agency",
            level="national",
            parent="dfe",
            quota=Quota(civil_servants=60, public_employees=10),
        ),
        Unit(
            id="efa",
            name="Education Funding Agency",
            kind="executive_agency",
            level="national",
            parent="dfe",
            quota=Quota(civil_servants=300),
        ),
        Unit(id="esg", name="Skills Group", kind="group", level="national", parent="ofq"),
    ]
    posts = [
        Post(id="dfe.head", unit="dfe", title="Permanent Secretary", role="head"),
        Post(id="ofq.head", unit="ofq", title="Chief Regulator", role="head"),
        Post(id="sta.head", unit="sta", title="Chief Executive", role="head"),
        Post(id="ncl.head", unit="ncl", title="Chief Executive", role="head"),
    ]
    people = [Person(id="jb", name="Jane Brown"), Person(id="ps", name="Paul Smith")]
    appointments = [
        Appointment(person="jb", post="dfe.head", start=date(2015, 1, 1)),
        Appointment(person="ps", post="sta.head", start=date(2015, 1, 1)),
        Appointment(person="ps", post="ncl.head", start=date(2016, 1, 1)),
    ]
    return Org.create(
        name="DfE",
        date=date(2017, 1, 1),
        units=units,
        posts=posts,
        people=people,
        appointments=appointments,
    )


def uk_scenario() -> Scenario:
    """Merge two agencies, absorb one, rename one, move one, cut a quota, establish one."""
    return Scenario.model_validate(
        {
            "name": "Reform 2018",
            "effective": "2018-04-01",
            "operations": [
                {"op": "set_quota", "unit": "ofq", "civil_servants": 110},
                {
                    "op": "merge",
                    "sources": ["sta", "ncl"],
                    "into": {"id": "tra", "name": "Teaching Regulation Agency"},
                },
                {"op": "absorb", "sources": ["efa"], "into": "ofq"},
                {"op": "rename", "unit": "ofq", "name": "Ofqual"},
                {"op": "reparent", "unit": "esg", "parent": "dfe"},
            ],
        }
    )


def uk_pair() -> tuple[Org, Org]:
    """The structure before and after :func:`uk_scenario`."""
    before = uk_org()
    return before, apply(before, uk_scenario())
