"""Small structures built by hand for tests (every figure here can be counted by eye)."""

from __future__ import annotations

import importlib
import os
import shutil
from datetime import date
from types import ModuleType
from typing import NoReturn

import pytest

from orgraph import Appointment, Link, Org, Person, Post, Quota, Unit


def missing(what: str) -> NoReturn:
    """Skip the test for want of ``what`` locally; fail it under CI, where ``make install``
    must have provided everything, so that a skip cannot hide a missing install."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: `make install` must provide it", pytrace=False)
    pytest.skip(f"{what} is not installed (make install)")


def need_tool(name: str) -> str:
    """The path of command ``name``; see :func:`missing` when there is none."""
    path = shutil.which(name)
    if path is None:
        missing(name)
    return path


def need_module(name: str) -> ModuleType:
    """Module ``name``, imported; see :func:`missing` when it cannot be."""
    try:
        return importlib.import_module(name)
    except ImportError:
        missing(f"the Python module {name}")


def small_org(*, when: date | None = date(2020, 1, 1)) -> Org:
    """A district with two offices (one has a school), a commune, four posts, three people.

    Quota: office-a 3 civil servants; office-b 2 civil servants + 1 contract;
    commune 10 civil servants. Functions: a {finance}, b {planning, statistics}.
    """
    return Org.create(
        name="Test district",
        date=when,
        units=[
            Unit(id="d", name="Huyện Thử", kind="district", level="district", bloc="state"),
            Unit(
                id="a",
                name="Phòng Tài chính",
                kind="office",
                level="district",
                bloc="state",
                parent="d",
                functions={"finance"},
                quota=Quota(civil_servants=3),
            ),
            Unit(
                id="b",
                name="Phòng Kế hoạch",
                kind="office",
                level="district",
                bloc="state",
                parent="d",
                functions={"planning", "statistics"},
                quota=Quota(civil_servants=2, contracts=1),
                funding="state",
            ),
            Unit(id="s", name="Trường Tiểu học", kind="school", level="district", parent="a"),
            Unit(
                id="c",
                name="Xã Quảng Lâm",
                kind="commune",
                level="commune",
                parent="d",
                quota=Quota(civil_servants=10),
            ),
        ],
        posts=[
            Post(id="a.head", unit="a", title="Trưởng phòng Tài chính", role="head"),
            Post(id="b.head", unit="b", title="Trưởng phòng Kế hoạch", role="head"),
            Post(id="c.secretary", unit="c", title="Bí thư Đảng ủy", role="party_secretary"),
            Post(id="c.chair", unit="c", title="Chủ tịch UBND xã", role="committee_chair"),
        ],
        people=[
            Person(id="p1", name="Nguyễn Văn An"),
            Person(id="p2", name="Trần Thị Bình"),
            Person(id="p3", name="Lê Văn Cường"),
        ],
        appointments=[
            Appointment(person="p1", post="a.head", start=date(2016, 1, 1)),
            Appointment(person="p2", post="c.secretary", start=date(2015, 6, 1)),
            Appointment(person="p3", post="c.chair", start=date(2016, 1, 1)),
        ],
        links=[Link(source="a", target="b", kind="coordination")],
    )
