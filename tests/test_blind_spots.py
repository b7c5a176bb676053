"""Behaviours that planted bugs used to slip past: each test here failed on one of them."""

from __future__ import annotations

from datetime import date

import pytest

from orgraph import (
    Appointment,
    OperationError,
    Org,
    Person,
    Post,
    ScenarioError,
    Unit,
    apply,
    diff,
    metrics,
    parse_operation,
)
from orgraph.engine import apply_one
from tests.helpers import small_org

D = date(2020, 1, 1)


# ------------------------------------------------------------------------ as_of
def _dated() -> Org:
    return apply(
        small_org(),
        [
            {"op": "absorb", "sources": ["b"], "into": "a", "effective": "2020-03-01"},
            {"op": "rename", "unit": "a", "name": "Renamed", "effective": "2021-01-01"},
        ],
    )


def test_as_of_on_the_day_of_an_event_shows_its_effects() -> None:
    org = _dated()
    on_the_day = org.as_of(date(2020, 3, 1))
    assert on_the_day.unit("b").ended == date(2020, 3, 1)
    assert [e.effective for e in on_the_day.history] == [date(2020, 3, 1)]
    the_day_before = org.as_of(date(2020, 2, 29))
    assert the_day_before.unit("b").ended is None
    assert the_day_before.history == ()
    assert org.as_of(date(2021, 1, 1)).unit("a").name == "Renamed"
    assert org.as_of(date(2020, 12, 31)).unit("a").name == "Phòng Tài chính"


@pytest.mark.parametrize("when", [date(2020, 1, 15), date(2020, 3, 1), date(2020, 6, 1)])
def test_as_of_is_dated_the_day_asked_for(when: date) -> None:
    org = _dated()
    assert org.date == date(2021, 1, 1)
    rebuilt = org.as_of(when)
    assert rebuilt.date == when
    # Later undated operations take their date from it.
    after = apply(rebuilt, [{"op": "dissolve", "unit": "s"}])
    assert after.unit("s").ended == when


# ----------------------------------------------------------------- full rollback
# Dissolving the commune in 2014 releases appointments that started in 2015 and 2016:
# the operation has released them, abolished posts and ended the unit by the time the
# dates are found out of order.
_TOO_EARLY = {"op": "dissolve", "unit": "c", "effective": "2014-01-01"}


def test_refused_for_date_order_in_place_leaves_nothing_behind() -> None:
    org = small_org()
    work = org._copy()
    with pytest.raises(OperationError) as info:
        apply_one(work, parse_operation(_TOO_EARLY))
    assert {v.code for v in info.value.violations} == {"date_order"}
    assert work == org
    assert work.history == () and work.lineage == ()
    assert work.date == org.date
    assert work.check() == []
    assert [u.id for u in work.children("d")] == ["a", "b", "c"]
    assert {(a.person, a.post, a.end) for a in work.appointments(include_ended=True)} == {
        ("p1", "a.head", None),
        ("p2", "c.secretary", None),
        ("p3", "c.chair", None),
    }
    # The copy still takes operations as if nothing had been tried.
    apply_one(work, parse_operation({"op": "dissolve", "unit": "s"}))
    assert work.history[0].id == "e1"
    assert work.unit("s").ended == D


def test_refused_for_date_order_in_a_scenario_leaves_nothing_behind() -> None:
    org = small_org()
    before = org._copy()
    with pytest.raises(ScenarioError) as info:
        apply(org, [{"op": "rename", "unit": "a", "name": "X"}, _TOO_EARLY])
    assert info.value.index == 2
    assert {v.code for v in info.value.violations} == {"date_order"}
    assert org == before


# --------------------------------------------------------------------- metrics
def _two_concurrent() -> Org:
    """p1 holds both district heads; p2 holds both commune posts (under ``c``)."""
    return Org.create(
        name="Concurrency",
        date=D,
        units=[
            Unit(id="d", name="District", kind="district", level="district"),
            Unit(id="a", name="Office A", kind="office", level="district", parent="d"),
            Unit(id="b", name="Office B", kind="office", level="district", parent="d"),
            Unit(id="c", name="Commune", kind="commune", level="commune", parent="d"),
            Unit(id="v", name="Village", kind="village", level="village", parent="c"),
        ],
        posts=[
            Post(id="a.head", unit="a", title="Head A", role="head"),
            Post(id="b.head", unit="b", title="Head B", role="head"),
            Post(id="c.sec", unit="c", title="Secretary", role="party_secretary"),
            Post(id="c.chair", unit="c", title="Chair", role="committee_chair"),
        ],
        people=[Person(id="p1", name="One"), Person(id="p2", name="Two")],
        appointments=[
            Appointment(person="p1", post="a.head"),
            Appointment(person="p1", post="b.head"),
            Appointment(person="p2", post="c.sec"),
            Appointment(person="p2", post="c.chair"),
        ],
    )


def test_metrics_of_a_subtree_count_only_inside_it() -> None:
    org = _two_concurrent()
    whole = metrics(org)
    assert whole.concurrency.total == 2
    assert whole.focal_points.by_level == {"district": 3, "commune": 1, "village": 1}
    part = metrics(org, root="c")
    assert part.concurrency.total == 1
    assert [h.person for h in part.concurrency.holders] == ["p2"]
    assert part.concurrency.by_roles == {"party_secretary+committee_chair": 1}
    assert part.focal_points.total == 2
    assert part.focal_points.by_level == {"commune": 1, "village": 1}
    assert part.focal_points.by_depth == {0: 1, 1: 1}
    assert metrics(org, root="v").concurrency.total == 0


# ------------------------------------------------------------------------ diff
def test_diff_reports_a_move_to_and_from_the_top_level() -> None:
    org = small_org()
    top = apply(org, [{"op": "reparent", "unit": "a", "parent": None}])
    moved = diff(org, top).units_moved
    assert [(m.id, m.old, m.new) for m in moved] == [("a", "d", None)]
    back = diff(top, org).units_moved
    assert [(m.id, m.old, m.new) for m in back] == [("a", None, "d")]


# ---------------------------------------------------------------------- rotate
@pytest.mark.parametrize("acting", [True, False])
def test_rotate_carries_the_acting_flag(acting: bool) -> None:
    org = apply(
        small_org(),
        [
            {
                "op": "create_post",
                "post": {"id": "c.dep", "unit": "c", "title": "Phó", "role": "x"},
            },
            {"op": "appoint", "person": "p1", "post": "c.dep", "acting": acting},
            {"op": "rotate", "person": "p1", "from_post": "c.dep", "to_post": "b.head"},
        ],
    )
    (now,) = org.appointments(post="b.head")
    assert now.person == "p1" and now.acting is acting and now.start == D
    (before,) = [a for a in org.appointments(post="c.dep", include_ended=True)]
    assert before.acting is acting and before.end == D
