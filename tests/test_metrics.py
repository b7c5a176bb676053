"""metrics(): every figure checked against counts made by hand on a small district."""

from __future__ import annotations

import json
from datetime import date

import pytest

from orgraph import Appointment, Org, Person, Post, Quota, Unit, UnknownIdError, apply
from orgraph.metrics import Metrics, flatten, metrics


def district() -> Org:
    """A district with three offices, a commune with two villages, and one ended office.

    Counted by hand:

    - active units (focal points): d, o1, o2, o3, c, v1, v2 = 7 (o4 ended in 2019);
      by level district 4, commune 1, village 2; depth 0: d; 1: o1 o2 o3 c; 2: v1 v2.
    - quota (active units): civil servants o1 3 + o2 2 + o3 4 + c 10 = 19;
      public employees o3 1; contracts o2 1; total 21 (o4's 5 does not count).
    - active posts: o1.head, o1.spec, o2.head, c.secretary, c.chair, v1.cell, v1.head = 7
      (o3.old abolished); leadership 6 (not o1.spec); vacant 1 (o1.spec).
    - people 6; holding a post 5 (p6 holds none); p5 holds v1.cell and v1.head.
    - funding: o1 state, o2 partial, the other 5 unknown.
    - span: d has 4 active children, c has 2: max 4, mean 3.
    """
    return Org.create(
        name="Huyện Thử",
        date=date(2020, 1, 1),
        units=[
            Unit(id="d", name="Huyện Thử", kind="district", level="district", bloc="state"),
            Unit(
                id="o1",
                name="Phòng Nội vụ",
                kind="office",
                level="district",
                bloc="state",
                parent="d",
                quota=Quota(civil_servants=3),
                funding="state",
            ),
            Unit(
                id="o2",
                name="Phòng Tư pháp",
                kind="office",
                level="district",
                bloc="state",
                parent="d",
                quota=Quota(civil_servants=2, contracts=1),
                funding="partial",
            ),
            Unit(
                id="o3",
                name="Phòng Dân tộc",
                kind="office",
                level="district",
                bloc="state",
                parent="d",
                quota=Quota(civil_servants=4, public_employees=1),
            ),
            Unit(
                id="o4",
                name="Phòng cũ",
                kind="office",
                level="district",
                bloc="state",
                parent="d",
                quota=Quota(civil_servants=5),
                founded=date(2000, 1, 1),
                ended=date(2019, 1, 1),
            ),
            Unit(
                id="c",
                name="Xã Quảng Lâm",
                kind="commune",
                level="commune",
                parent="d",
                quota=Quota(civil_servants=10),
            ),
            Unit(id="v1", name="Thôn 1", kind="village", level="village", parent="c"),
            Unit(id="v2", name="Thôn 2", kind="village", level="village", parent="c"),
        ],
        posts=[
            Post(id="o1.head", unit="o1", title="Trưởng phòng", role="head"),
            Post(id="o1.spec", unit="o1", title="Chuyên viên", role="specialist"),
            Post(id="o2.head", unit="o2", title="Trưởng phòng", role="head"),
            Post(id="o3.old", unit="o3", title="Cũ", role="head", ended=date(2019, 1, 1)),
            Post(id="c.secretary", unit="c", title="Bí thư Đảng ủy", role="party_secretary"),
            Post(id="c.chair", unit="c", title="Chủ tịch UBND", role="committee_chair"),
            Post(id="v1.cell", unit="v1", title="Bí thư chi bộ", role="cell_secretary"),
            Post(id="v1.head", unit="v1", title="Trưởng thôn", role="village_head"),
        ],
        people=[Person(id=f"p{i}", name=f"Người {i}") for i in range(1, 7)],
        appointments=[
            Appointment(person="p1", post="o1.head", start=date(2015, 1, 1)),
            Appointment(person="p2", post="o2.head", start=date(2015, 1, 1)),
            Appointment(person="p3", post="c.secretary", start=date(2015, 1, 1)),
            Appointment(person="p4", post="c.chair", start=date(2015, 1, 1)),
            Appointment(person="p5", post="v1.head", start=date(2016, 1, 1)),
            Appointment(person="p5", post="v1.cell", start=date(2015, 1, 1)),
            Appointment(person="p6", post="o3.old", start=date(2010, 1, 1), end=date(2019, 1, 1)),
        ],
    )


@pytest.fixture
def m() -> Metrics:
    return metrics(district())


def test_focal_points(m: Metrics) -> None:
    assert m.focal_points.total == 7
    assert m.focal_points.by_level == {"district": 4, "village": 2, "commune": 1}
    assert m.focal_points.by_kind == {"office": 3, "village": 2, "commune": 1, "district": 1}
    assert m.focal_points.by_bloc == {"state": 4, "none": 3}
    assert m.focal_points.by_depth == {0: 1, 1: 4, 2: 2}


def test_posts_and_people(m: Metrics) -> None:
    assert (m.posts.total, m.posts.leadership, m.posts.vacant) == (7, 6, 1)
    assert (m.people.total, m.people.holding) == (6, 5)


def test_concurrency(m: Metrics) -> None:
    assert m.concurrency.total == 1
    assert m.concurrency.by_roles == {"cell_secretary+village_head": 1}
    [holder] = m.concurrency.holders
    assert (holder.person, holder.name, holder.posts) == ("p5", "Người 5", ["v1.cell", "v1.head"])


def test_quota(m: Metrics) -> None:
    q = m.quota
    assert (q.civil_servants, q.public_employees, q.contracts, q.total) == (19, 1, 1, 21)
    district_level = m.quota_by_level["district"]
    assert (district_level.civil_servants, district_level.total) == (9, 11)
    assert m.quota_by_level["commune"].total == 10
    assert m.quota_by_level["village"].total == 0


def test_funding_depth_span(m: Metrics) -> None:
    assert m.funding == {"unknown": 5, "partial": 1, "state": 1}
    assert m.depth == 2
    assert (m.span_of_control.max, m.span_of_control.mean) == (4, 3.0)


def test_subtree() -> None:
    m = metrics(district(), root="c")
    assert m.root == "c"
    assert m.focal_points.total == 3
    assert m.focal_points.by_depth == {0: 1, 1: 2}
    assert m.depth == 1
    assert (m.posts.total, m.posts.leadership, m.posts.vacant) == (4, 4, 0)
    assert (m.people.total, m.people.holding) == (3, 3)
    assert m.concurrency.total == 1
    assert m.quota.total == 10
    assert (m.span_of_control.max, m.span_of_control.mean) == (2, 2.0)


def test_unknown_root() -> None:
    with pytest.raises(UnknownIdError):
        metrics(district(), root="nope")


def test_concurrent_role_adds_one_concurrent_holder() -> None:
    after = apply(
        district(),
        [
            {
                "op": "concurrent_role",
                "primary": "c.secretary",
                "secondary": "c.chair",
                "effective": "2020-06-01",
            }
        ],
    )
    m = metrics(after)
    # p3 now holds the secretary and chair posts; p4 was released from the chair.
    assert m.concurrency.total == 2
    assert m.concurrency.by_roles == {
        "party_secretary+committee_chair": 1,
        "cell_secretary+village_head": 1,
    }
    assert (m.people.total, m.people.holding) == (6, 4)
    assert (m.posts.total, m.posts.vacant) == (7, 1)


def test_json_has_top_level_quota(m: Metrics) -> None:
    data = json.loads(json.dumps(m.model_dump(mode="json")))
    assert data["quota"] == {
        "civil_servants": 19,
        "public_employees": 1,
        "contracts": 1,
        "total": 21,
    }
    assert data["quota_by_level"]["district"]["total"] == 11
    assert data["focal_points"]["by_depth"] == {"0": 1, "1": 4, "2": 2}
    assert data["concurrency"]["holders"][0]["posts"] == ["v1.cell", "v1.head"]


def test_metrics_is_frozen(m: Metrics) -> None:
    with pytest.raises(ValueError):
        m.depth = 5  # type: ignore[misc]


def test_flatten(m: Metrics) -> None:
    flat = flatten(m)
    assert flat["focal_points.total"] == 7
    assert flat["focal_points.by_level.village"] == 2
    assert flat["quota.civil_servants"] == 19
    assert flat["quota_by_level.commune.total"] == 10
    assert flat["span_of_control.mean"] == 3.0
    assert not any(key.startswith("concurrency.holders") for key in flat)


def test_empty_structure() -> None:
    m = metrics(Org.create(name="Empty"))
    assert m.focal_points.total == 0
    assert (m.depth, m.span_of_control.max, m.span_of_control.mean) == (0, 0, 0.0)
    assert m.quota.total == 0
