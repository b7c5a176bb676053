"""as_of on structures without (or with part of) a history: the records' own dates count.

The convention: active on D when start <= D and (no end, or D < end).
"""

from __future__ import annotations

from datetime import date

import pytest

from orgraph import Appointment, Org, Person, Post, Unit, apply


def table_org() -> Org:
    """As a spreadsheet with founded/ended columns gives it: no history at all."""
    return Org.create(
        name="Tables",
        units=[
            Unit(
                id="old",
                name="Old Board",
                kind="board",
                level="national",
                founded=date(1950, 1, 1),
                ended=date(2015, 4, 1),
            ),
            Unit(
                id="mid",
                name="Mid Agency",
                kind="agency",
                level="national",
                founded=date(2000, 6, 1),
            ),
            Unit(
                id="new",
                name="New Office",
                kind="office",
                level="national",
                founded=date(2023, 1, 1),
            ),
            Unit(
                id="sub",
                name="New Office Team",
                kind="team",
                level="national",
                parent="new",
                founded=date(2023, 1, 1),
            ),
        ],
        posts=[
            Post(id="old.chair", unit="old", title="Chair", role="head", ended=date(2015, 4, 1)),
            Post(id="new.head", unit="new", title="Head", role="head"),
            Post(id="mid.head", unit="mid", title="Head", role="head"),
        ],
        people=[Person(id="p", name="P")],
        appointments=[
            Appointment(person="p", post="old.chair", start=date(2010, 1, 1), end=date(2015, 4, 1)),
            Appointment(person="p", post="mid.head", start=date(2015, 4, 1)),
        ],
    )


def active(org: Org) -> list[str]:
    return sorted(u.id for u in org.units())


@pytest.mark.parametrize(
    ("day", "units", "holds"),
    [
        ("1900-01-01", [], []),
        ("2010-01-01", ["mid", "old"], ["old.chair"]),
        ("2015-03-31", ["mid", "old"], ["old.chair"]),
        ("2015-04-01", ["mid"], ["mid.head"]),
        ("2022-12-31", ["mid"], ["mid.head"]),
        ("2023-01-01", ["mid", "new", "sub"], ["mid.head"]),
    ],
)
def test_as_of_uses_founded_ended_and_appointment_dates(day, units, holds):
    then = table_org().as_of(date.fromisoformat(day))
    assert active(then) == units
    assert sorted(a.post for a in then.appointments()) == holds
    assert then.check() == []
    assert then.date == date.fromisoformat(day)


def test_future_units_are_gone_with_their_posts():
    then = table_org().as_of(date(2010, 1, 1))
    assert not then.has_unit("new") and not then.has_post("new.head")
    assert then.post("old.chair").ended is None


def test_history_and_record_dates_agree():
    org = apply(
        table_org(),
        [{"op": "absorb", "sources": ["mid"], "into": "new", "effective": "2024-01-01"}],
    )
    assert active(org.as_of(date(2023, 12, 31))) == ["mid", "new", "sub"]
    assert active(org.as_of(date(2024, 1, 1))) == ["new", "sub"]
    assert active(org.as_of(date(2012, 1, 1))) == ["mid", "old"]
