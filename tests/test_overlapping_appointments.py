"""One person cannot hold one post twice at once: in files, operations and history tables.

An appointment is held on day D when start <= D (or no start) and D < end (or no end).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from orgraph import (
    Appointment,
    FileError,
    InvalidOrgError,
    OperationError,
    Org,
    Person,
    Post,
    Unit,
    apply,
    load,
)
from orgraph.io.history_tables import collect_history

D = date.fromisoformat
EXAMPLE = Path(__file__).parent.parent / "examples" / "history_tables"


def span(start: str | None, end: str | None) -> Appointment:
    return Appointment(
        person="p", post="x", start=D(start) if start else None, end=D(end) if end else None
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("2020-01-01", "2021-01-01"), ("2020-06-01", "2022-01-01"), True),
        (("2020-01-01", None), ("2021-01-01", None), True),
        (("2020-01-01", "2021-01-01"), ("2021-01-01", None), False),  # back to back
        (("2020-01-01", "2021-01-01"), ("2022-01-01", None), False),  # again, later
        ((None, "2021-01-01"), ("2020-12-31", None), True),
        ((None, "2021-01-01"), ("2021-01-01", None), False),
        ((None, None), ("1900-01-01", "1900-01-02"), True),
        (("2020-01-01", "2020-01-01"), ("2019-01-01", None), False),  # never held
        (("2020-01-01", "2021-01-01"), ("2020-03-01", "2020-04-01"), True),  # inside
    ],
)
def test_overlaps(a: tuple[Any, Any], b: tuple[Any, Any], expected: bool) -> None:
    assert span(*a).overlaps(span(*b)) is expected
    assert span(*b).overlaps(span(*a)) is expected


def structure(*appointments: Appointment) -> Org:
    return Org.create(
        name="t",
        date=D("2020-01-01"),
        units=[Unit(id="u", name="U", kind="office", level="x")],
        posts=[
            Post(id="x", unit="u", title="Head", role="head"),
            Post(id="y", unit="u", title="Deputy", role="deputy"),
        ],
        people=[Person(id="p", name="P"), Person(id="q", name="Q")],
        appointments=list(appointments),
    )


def test_the_structure_check_refuses_two_holdings_at_once() -> None:
    with pytest.raises(InvalidOrgError) as caught:
        structure(span("2010-01-01", "2015-01-01"), span("2014-06-01", None))
    (problem,) = caught.value.violations
    assert problem.code == "overlapping_appointments"
    assert problem.ids == ("p", "x")
    assert problem.message == (
        "person 'p' holds post 'x' twice at once: from 2010-01-01 (until 2015-01-01)"
        " and from 2014-06-01 (still held)"
    )


def test_every_overlap_is_listed() -> None:
    with pytest.raises(InvalidOrgError) as caught:
        structure(
            span("2015-01-01", None),
            span("2010-01-01", "2020-01-01"),
            span("2012-01-01", "2014-01-01"),
        )
    assert [v.code for v in caught.value.violations] == ["overlapping_appointments"] * 2


def test_holding_a_post_again_after_it_ended_is_fine() -> None:
    org = structure(
        span("2010-01-01", "2012-01-01"),
        span("2012-01-01", "2014-01-01"),
        span("2016-01-01", None),
        Appointment(person="q", post="x", start=D("2011-01-01")),  # two people at once
        Appointment(person="p", post="y", start=D("2011-01-01")),  # two posts at once
    )
    assert org.check() == []


def test_a_file_with_an_overlap_is_refused_naming_person_post_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "format_version: 1\nname: t\n"
        "units: [{id: u, name: U, kind: office, level: x}]\n"
        "posts: [{id: x, unit: u, title: Head, role: head}]\n"
        "people: [{id: p, name: P}]\n"
        "appointments:\n"
        "  - {person: p, post: x, start: 2019-01-01}\n"
        "  - {person: p, post: x, start: 2020-01-01, end: 2020-02-01}\n",
        encoding="utf-8",
    )
    with pytest.raises(FileError) as caught:
        load(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for part in ("'p'", "'x'", "2019-01-01", "2020-01-01", "2020-02-01"):
        assert part in message


# An ended appointment whose end lies after the operation's date (a term already known to
# end, or an operation dated back): appointing again before that end would overlap it.
def _ended_later() -> Org:
    return structure(
        span("2015-01-01", "2021-01-01"),
        Appointment(person="p", post="y", start=D("2019-01-01")),
    )


@pytest.mark.parametrize(
    "operation",
    [
        {"op": "appoint", "person": "p", "post": "x"},
        {"op": "appoint", "person": "p", "post": "x", "replace": True},
        {"op": "rotate", "person": "p", "from_post": "y", "to_post": "x"},
        {"op": "concurrent_role", "primary": "y", "secondary": "x"},
    ],
)
def test_operations_refuse_an_overlapping_appointment(operation: dict[str, Any]) -> None:
    with pytest.raises(OperationError) as caught:
        apply(_ended_later(), [{**operation, "effective": "2020-06-01"}])
    codes = [v.code for v in caught.value.violations]
    assert codes == ["overlapping_appointments"]
    message = caught.value.violations[0].message
    assert "'p'" in message and "'x'" in message and "2021-01-01" in message


@pytest.mark.parametrize("when", ["2021-01-01", "2022-03-01"])
def test_operations_appoint_again_once_the_earlier_one_ended(when: str) -> None:
    after = apply(
        _ended_later(), [{"op": "appoint", "person": "p", "post": "x", "effective": when}]
    )
    assert after.check() == []
    held = sorted(
        (a.start, a.end)
        for a in after.appointments(person="p", include_ended=True)
        if a.post == "x"
    )
    assert held == [(D("2015-01-01"), D("2021-01-01")), (D(when), None)]


def test_history_tables_warn_about_an_overlap_with_both_rows(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "appointments.csv").open("a", encoding="utf-8") as f:
        # p1 headed a from 1995 to 2000 (row 2); row 8 says again from 1998, row 9 from 2000
        f.write("p1,a.head,1998-01-01,1999-01-01\np1,c.head,2003-01-01,\n")
    org, warnings = collect_history(folder / "mapping.yaml")
    assert (
        "appointments.csv row 8: 'p1' would hold 'a.head' twice at once: this appointment"
        " (from 1998-01-01, until 1999-01-01) overlaps the one in appointments.csv row 2;"
        " skipped"
    ) in warnings
    assert any(w.startswith("appointments.csv row 9: 'p1' would hold 'c.head'") for w in warnings)
    assert org.check() == []
    spells = [
        (a.start, a.end)
        for a in org.appointments(person="p1", include_ended=True)
        if a.post == "a.head"
    ]
    assert spells == [(D("1995-01-01"), D("2000-01-01"))]  # the row that overlaps is left out
