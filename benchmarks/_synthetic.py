"""Synthetic structures of any size for the benchmarks (deterministic, valid)."""

from __future__ import annotations

from datetime import date
from typing import Any

from orgraph import Appointment, Org, Person, Post, Quota, Unit

FAN_OUT = (1, 60, 12, 12)  # country -> provinces -> districts -> communes -> villages
LEVELS = ("country", "province", "district", "commune", "village")


def synthetic_records(n_units: int) -> dict[str, list[Any]]:
    """Units in a five-level tree (breadth first), one head post and holder per 4 units."""
    units: list[Unit] = []
    frontier = [("u0", 0)]
    units.append(Unit(id="u0", name="Quốc gia", kind="country", level="country"))
    i = 1
    while len(units) < n_units and frontier:
        next_frontier = []
        for parent, depth in frontier:
            fan = FAN_OUT[depth + 1] if depth + 1 < len(FAN_OUT) else 10
            for _ in range(fan):
                if len(units) >= n_units:
                    break
                level = LEVELS[min(depth + 1, len(LEVELS) - 1)]
                units.append(
                    Unit(
                        id=f"u{i}",
                        name=f"Đơn vị {i}",
                        kind=level,
                        level=level,
                        parent=parent,
                        functions={f"f{i % 7}"},
                        quota=Quota(civil_servants=i % 9, contracts=i % 3),
                    )
                )
                next_frontier.append((f"u{i}", depth + 1))
                i += 1
        frontier = next_frontier
    posts = [Post(id=f"{u.id}.head", unit=u.id, title="Trưởng", role="head") for u in units[::4]]
    people = [Person(id=f"p{k}", name=f"Người {k}") for k in range(len(posts))]
    appointments = [
        Appointment(person=f"p{k}", post=post.id, start=date(2020, 1, 1))
        for k, post in enumerate(posts)
    ]
    return {"units": units, "posts": posts, "people": people, "appointments": appointments}


def synthetic_org(n_units: int) -> Org:
    records = synthetic_records(n_units)
    org, problems = Org._build(
        name=f"synthetic {n_units}", date=date(2024, 1, 1), links=[], **records
    )
    assert not problems
    return org
