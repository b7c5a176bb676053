"""Popolo JSON: the keys Popolo readers expect, foreign Popolo, and errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from orgraph import FileError, UnreadableFileError, load
from orgraph.io.popolo import export_popolo, import_popolo, to_popolo
from tests.io.helpers import EXAMPLE, history_org

DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}){0,2}$")


def test_records_have_the_popolo_keys() -> None:
    org = load(EXAMPLE)
    doc = to_popolo(org)
    assert len(doc["organizations"]) == len(org.units(include_ended=True))
    for record in doc["organizations"]:
        assert {"id", "name", "classification"} <= set(record)
    root = next(r for r in doc["organizations"] if r["id"] == "dam-ha")
    assert "parent_id" not in root
    assert root["identifiers"] == [{"identifier": "200", "scheme": "code"}]
    assert next(r for r in doc["organizations"] if r["id"] == "ubkt")["parent_id"] == "huyen-uy"
    for record in doc["posts"]:
        assert {"id", "label", "role", "organization_id"} <= set(record)
    for record in doc["persons"]:
        assert {"id", "name"} <= set(record)
    for record in doc["memberships"]:
        assert {"id", "person_id", "post_id", "organization_id", "role"} <= set(record)
        assert all(DATE.match(record[k]) for k in ("start_date", "end_date") if k in record)
    assert len({m["id"] for m in doc["memberships"]}) == len(doc["memberships"])


def test_ended_units_and_history_travel(tmp_path: Path) -> None:
    org = history_org()
    doc = to_popolo(org)
    merged = next(r for r in doc["organizations"] if r["id"] == "a")
    assert merged["dissolution_date"] == "2020-03-01"
    assert doc["orgraph"]["history"][0]["operation"]["op"] == "merge"
    export_popolo(org, tmp_path / "org.popolo.json")
    text = (tmp_path / "org.popolo.json").read_text(encoding="utf-8")
    assert "Phòng Tài chính" in text  # not \\u escapes
    assert import_popolo(tmp_path / "org.popolo.json") == org


def test_foreign_popolo_is_read_with_defaults(tmp_path: Path) -> None:
    doc = {
        "organizations": [
            {"id": "hdnd", "name": "Hội đồng nhân dân", "classification": "Cơ quan dân cử"},
            {"id": "tt", "name": "Thường trực", "parent_id": "hdnd", "founding_date": "2016"},
        ],
        "persons": [{"id": 7, "name": "Nguyễn Văn An", "email": "an@example.org"}],
        "posts": [
            {"id": "chair", "label": "Chủ tịch", "role": "Chủ tịch", "organization_id": "tt"}
        ],
        "memberships": [
            {"person_id": 7, "post_id": "chair", "start_date": "2016-06"},
            {"person_id": 7, "organization_id": "hdnd", "role": "Đại biểu"},
        ],
    }
    path = tmp_path / "hdnd.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    org = import_popolo(path)
    assert org.name == "hdnd"
    assert org.unit("hdnd").kind == "co_quan_dan_cu" and org.unit("hdnd").level == "unknown"
    assert org.unit("tt").founded.isoformat() == "2016-01-01"
    assert org.post("chair").role == "chu_tich"
    assert [p.id for p in org.posts_of("7")] == ["chair", "hdnd#dai_bieu"]
    assert org.appointments(post="chair")[0].start.isoformat() == "2016-06-01"


@pytest.mark.parametrize(
    ("doc", "item", "message"),
    [
        ({"organizations": [{"id": "a"}]}, "organizations[0].name", "missing field .name."),
        ({"organizations": {"id": "a"}}, "organizations", "must be a list of objects"),
        (
            {"organizations": [{"id": "a", "name": "A", "parent_id": "zz"}]},
            "unit a",
            "parent 'zz' does not exist",
        ),
        (
            {"organizations": [{"id": "a", "name": "A", "founding_date": "soon"}]},
            "organizations[0]",
            "Invalid isoformat",
        ),
    ],
)
def test_bad_popolo_names_the_item(tmp_path: Path, doc, item: str, message: str) -> None:
    path = tmp_path / "bad.popolo.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(FileError, match=message) as info:
        import_popolo(path)
    assert info.value.item == item
    assert "\n" not in str(info.value)


def test_not_json(tmp_path: Path) -> None:
    (tmp_path / "x.popolo.json").write_text("{", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="invalid JSON at line 1"):
        import_popolo(tmp_path / "x.popolo.json")
