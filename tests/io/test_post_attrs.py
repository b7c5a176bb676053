"""A post's attrs (rank, portfolio group) travel through every export and import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orgraph import Org, Post, Unit
from orgraph.io.interchange import export, import_

ATTRS = {"rank": "3", "portfolio": {"group": "Kinh tế", "order": 2}, "tags": ["a", None]}


def org_with_post_attrs() -> Org:
    return Org.create(
        name="T",
        units=[Unit(id="u", name="U", kind="office", level="district")],
        posts=[
            Post(id="u.head", unit="u", title="Head", role="head", attrs=ATTRS),
            Post(id="u.deputy", unit="u", title="Deputy", role="deputy"),
        ],
    )


@pytest.mark.parametrize(
    "name", ["folder", "org.xlsx", "org.graphml", "org.ttl", "org.jsonld", "org.popolo.json"]
)
def test_post_attrs_round_trip(tmp_path: Path, name: str) -> None:
    org = org_with_post_attrs()
    export(org, tmp_path / name)
    back = import_(tmp_path / name)
    assert back.post("u.head").model_dump(mode="json")["attrs"] == ATTRS
    assert back.post("u.head").attrs == org.post("u.head").attrs
    assert back.post("u.deputy").attrs == {}
    assert back.equivalent(org)


def test_csv_posts_have_an_attrs_column_at_the_end(tmp_path: Path) -> None:
    import csv

    export(org_with_post_attrs(), tmp_path / "folder")
    text = (tmp_path / "folder" / "posts.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == ["id", "unit_id", "title", "role", "leadership", "ended", "attrs"]
    cells = {row[0]: row[6] for row in rows[1:]}
    assert json.loads(cells["u.head"]) == ATTRS
    assert cells["u.deputy"] == ""


def test_popolo_keeps_post_attrs_in_its_orgraph_object(tmp_path: Path) -> None:
    export(org_with_post_attrs(), tmp_path / "org.popolo.json")
    document = json.loads((tmp_path / "org.popolo.json").read_text(encoding="utf-8"))
    head = next(p for p in document["posts"] if p["id"] == "u.head")
    assert head["orgraph"] == {"leadership": True, "attrs": ATTRS}
