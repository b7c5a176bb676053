"""The Vietnam datasets against the package's own data, read here independently."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from collections import defaultdict
from datetime import date
from importlib.resources import files
from typing import Any

import pytest

pytest.importorskip("vietnamadminunits")

import orgraph
from orgraph.datasets import vietnam
from orgraph.datasets.vietnam._source import _data

EFFECTIVE = date(2025, 7, 1)


# ---------------------------------------------------------------------------- the raw data
@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    """The package's lists and mapping, read straight from its data files."""
    folder = files("vietnamadminunits") / "data"
    db = sqlite3.connect(str(folder / "dataset.db"))
    db.row_factory = sqlite3.Row
    legacy = [dict(r) for r in db.execute("SELECT * FROM admin_units_legacy")]
    current = [dict(r) for r in db.execute("SELECT * FROM admin_units")]
    db.close()
    converter = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))
    return {"legacy": legacy, "current": current, "converter": converter}


@pytest.fixture(scope="module")
def mapping(raw: dict[str, Any]) -> dict[str, Any]:
    """Old unit code -> set of new commune codes, and which old units were divided."""
    old_code = {}  # "province_district_ward" key -> ("c", ward code) or ("d", district code)
    for r in raw["legacy"]:
        key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        old_code[key] = ("c", r["wardCode"]) if r["wardCode"] else ("d", r["districtCode"])
    new_code = {(r["provinceKey"], r["wardKey"]): r["wardCode"] for r in raw["current"]}
    goes_to: dict[tuple[str, str], set[str]] = defaultdict(set)
    divided: set[tuple[str, str]] = set()
    conv = raw["converter"]
    for pk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wk, olds in wards.items():
            for old in olds:
                goes_to[old_code[old]].add(new_code[(pk, wk)])
    for pk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            divided.add(old_code[old])
            for part in parts:
                goes_to[old_code[old]].add(new_code[(pk, part["newWardKey"])])
    return {"goes_to": dict(goes_to), "divided": divided}


# ---------------------------------------------------------------------------- the orgs
@pytest.fixture(scope="module")
def org2024() -> orgraph.Org:
    return vietnam.admin_units_2024()


@pytest.fixture(scope="module")
def org2025() -> orgraph.Org:
    return vietnam.admin_units_2025()


@pytest.fixture(scope="module")
def reformed(org2024: orgraph.Org) -> orgraph.Org:
    return orgraph.apply(org2024, vietnam.reform_2025())


class Successors:
    """Codes of the active units an old unit became, following lineage from it."""

    def __init__(self, org: orgraph.Org) -> None:
        self.org = org
        self.after: dict[str, list[str]] = defaultdict(list)
        for edge in org.lineage:
            self.after[edge.predecessor].append(edge.successor)

    def __call__(self, ident: str) -> set[str]:
        found: set[str] = set()
        stack, seen = [ident], set()
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            unit = self.org.unit(current)
            if unit.active and unit.code is not None:
                found.add(unit.code)
            stack.extend(self.after[current])
        return found


@pytest.fixture(scope="module")
def successors(reformed: orgraph.Org) -> Successors:
    return Successors(reformed)


# ---------------------------------------------------------------------------- 2024
def test_2024_counts_match_the_data(raw: dict[str, Any], org2024: orgraph.Org) -> None:
    legacy = raw["legacy"]
    assert len(org2024.units(level="country")) == 1
    assert len(org2024.units(level="province")) == len({r["provinceCode"] for r in legacy})
    assert len(org2024.units(level="district")) == len({r["districtCode"] for r in legacy})
    assert len(org2024.units(level="commune")) == len(
        {r["wardCode"] for r in legacy if r["wardCode"]}
    )


def test_2024_counts_as_published(org2024: orgraph.Org) -> None:
    # The data of vietnamadminunits 1.0.4: 10,040 rows = 10,035 communes plus five island
    # districts without communes (the round figure "10,040 communes" counts the rows).
    assert len(org2024.units(level="province")) == 63
    assert len(org2024.units(level="district")) == 696
    assert len(org2024.units(level="commune")) == 10_035
    assert len([d for d in org2024.units(level="district") if not org2024.children(d.id)]) == 5


def test_2024_units_have_official_names_codes_and_parents(
    raw: dict[str, Any], org2024: orgraph.Org
) -> None:
    for r in raw["legacy"]:
        province = org2024.unit(f"p-{r['provinceCode']}")
        district = org2024.unit(f"d-{r['districtCode']}")
        assert (province.name, province.code, province.parent) == (
            r["province"],
            r["provinceCode"],
            "vn",
        )
        assert (district.name, district.code, district.parent) == (
            r["district"],
            r["districtCode"],
            province.id,
        )
        if r["wardCode"]:
            commune = org2024.unit(f"c-{r['wardCode']}")
            assert (commune.name, commune.code, commune.parent) == (
                r["ward"],
                r["wardCode"],
                district.id,
            )


def test_2024_example_names(org2024: orgraph.Org) -> None:
    assert org2024.unit("p-22").name == "Tỉnh Quảng Ninh"
    assert org2024.unit("c-06898").name == "Xã Quảng Lâm"
    assert org2024.unit("p-01").kind == "city"
    assert org2024.date == date(2025, 6, 30)


@pytest.mark.parametrize(
    ("ident", "kind"),
    [
        ("p-22", "province"),
        ("p-79", "city"),
        ("d-200", "district"),
        ("d-001", "urban_district"),
        ("d-193", "city"),
        ("d-269", "town"),
        ("c-06895", "township"),
        ("c-06898", "commune"),
        ("c-00001", "ward"),
        # typed "Xã" in the package's type column, but the name says ward
        ("c-27046", "ward"),
    ],
)
def test_2024_kinds_follow_the_official_name(org2024: orgraph.Org, ident: str, kind: str) -> None:
    assert org2024.unit(ident).kind == kind


def test_kinds_agree_with_the_type_column_where_it_matches_the_name(
    raw: dict[str, Any], org2024: orgraph.Org, org2025: orgraph.Org
) -> None:
    kinds = {"Xã": "commune", "Phường": "ward", "Thị trấn": "township", "Đặc khu": "special_zone"}
    disagree = 0
    for rows, org, prefix in ((raw["legacy"], org2024, "c-"), (raw["current"], org2025, "c25-")):
        for r in rows:
            if not r["wardCode"]:
                continue
            if r["ward"].casefold().startswith(r["wardType"].casefold() + " "):
                assert org.unit(prefix + r["wardCode"]).kind == kinds[r["wardType"]]
            else:
                disagree += 1
    assert disagree == 7  # name and type column disagree for 3 old and 4 new units


def test_ids_are_ascii_and_2025_ids_do_not_collide(
    org2024: orgraph.Org, org2025: orgraph.Org
) -> None:
    old = {u.id for u in org2024.units()}
    new = {u.id for u in org2025.units()}
    assert all(i.isascii() for i in old | new)
    assert old & new == {"vn"}  # only the country is the same unit in both lists


# ---------------------------------------------------------------------------- 2025
def test_2025_counts_match_the_data(raw: dict[str, Any], org2025: orgraph.Org) -> None:
    current = raw["current"]
    assert len(org2025.units(level="province")) == len({r["provinceCode"] for r in current}) == 34
    assert len(org2025.units(level="commune")) == len({r["wardCode"] for r in current}) == 3321
    assert org2025.units(level="district") == []
    assert org2025.date == EFFECTIVE


def test_every_2025_unit_has_its_name_code_and_province(
    raw: dict[str, Any], org2025: orgraph.Org
) -> None:
    for r in raw["current"]:
        commune = org2025.unit(f"c25-{r['wardCode']}")
        assert (commune.name, commune.code) == (r["ward"], r["wardCode"])
        province = org2025.unit(commune.parent or "")
        assert (province.name, province.code, province.parent) == (
            r["province"],
            r["provinceCode"],
            "vn",
        )


# ---------------------------------------------------------------------------- the reform
def by_code(org: orgraph.Org) -> dict[str, tuple[str, str, str | None]]:
    return {
        u.code or "": (u.name, u.kind, org.unit(u.parent or "").code)
        for u in org.units(level="commune")
    }


def test_reform_ends_with_the_2025_list(reformed: orgraph.Org, org2025: orgraph.Org) -> None:
    assert reformed.check() == []
    assert reformed.units(level="district") == []
    provinces = {(u.code, u.name, u.kind) for u in reformed.units(level="province")}
    assert provinces == {(u.code, u.name, u.kind) for u in org2025.units(level="province")}
    assert by_code(reformed) == by_code(org2025)
    assert len(reformed.units()) == len(org2025.units())


def test_reform_operations_are_dated_and_have_a_basis() -> None:
    scenario = vietnam.reform_2025()
    assert scenario.effective == EFFECTIVE
    assert {op.effective for op in scenario.operations} == {EFFECTIVE}
    bases = {op.basis for op in scenario.operations}
    assert "Nghị quyết 202/2025/QH15" in bases
    assert "Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã năm 2025" in bases
    provinces = [op for op in scenario.operations if op.op == "absorb"]
    assert len(provinces) == 23  # six of them fold two old provinces in, the rest one
    assert sum(len(op.sources) for op in provinces) == 63 - 34


def test_reform_returns_a_new_scenario_each_call() -> None:
    first = vietnam.reform_2025()
    first.operations.clear()
    assert len(vietnam.reform_2025().operations) > 0


def test_dam_ha_communes_become_dam_ha_and_quang_tan(
    org2024: orgraph.Org, reformed: orgraph.Org, mapping: dict[str, Any], successors: Successors
) -> None:
    names = [u.name for u in org2024.children("d-200")]
    assert names == [
        "Thị trấn Đầm Hà",
        "Xã Quảng Lâm",
        "Xã Quảng An",
        "Xã Tân Bình",
        "Xã Dực Yên",
        "Xã Quảng Tân",
        "Xã Đầm Hà",
        "Xã Tân Lập",
        "Xã Đại Bình",
    ]
    expected = set()
    for commune in org2024.children("d-200"):
        goes_to = mapping["goes_to"][("c", commune.code)]
        assert successors(commune.id) == goes_to
        expected |= goes_to
    assert sorted(reformed.unit(f"c25-{code}").name for code in expected) == [
        "Xã Quảng Tân",
        "Xã Đầm Hà",
    ]
    provinces = {reformed.unit(f"c25-{code}").parent for code in expected}
    assert [reformed.unit(p or "").name for p in provinces] == ["Tỉnh Quảng Ninh"]


def test_divided_communes_have_lineage_to_every_destination(
    reformed: orgraph.Org, mapping: dict[str, Any], successors: Successors
) -> None:
    divided = mapping["divided"]
    assert len(divided) == 471
    for kind, code in divided:
        assert kind == "c"
        destinations = mapping["goes_to"][(kind, code)]
        assert len(destinations) >= 2
        assert successors(f"c-{code}") == destinations


def test_every_old_unit_reaches_exactly_its_new_communes(
    reformed: orgraph.Org, mapping: dict[str, Any], successors: Successors
) -> None:
    goes_to = mapping["goes_to"]
    assert len(goes_to) == 10_035 + 5
    for (kind, code), destinations in goes_to.items():
        assert successors(f"{kind}-{code}") == destinations, (kind, code)


def test_a_divided_commune_is_split_into_named_parts(
    reformed: orgraph.Org, successors: Successors
) -> None:
    # Xã Hòa Liên (Hòa Vang, Đà Nẵng) went to Phường Hải Vân and Phường Liên Chiểu.
    old = next(
        u
        for u in reformed.units(include_ended=True, level="commune")
        if u.name == "Xã Hòa Liên" and u.code and u.id.startswith("c-")
    )
    parts = [e.successor for e in reformed.lineage if e.predecessor == old.id]
    assert sorted(parts) == [f"{old.id}#to-c25-{c}" for c in sorted(successors(old.id))]
    assert all(e.change == "split" for e in reformed.lineage if e.predecessor == old.id)
    assert {reformed.unit(p).ended for p in parts} == {EFFECTIVE}


def test_missing_package_raises_dependency_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "vietnamadminunits" else real(name, *a),
    )
    with pytest.raises(orgraph.DependencyError, match=r"pip install 'orgraph\[vn\]'") as info:
        _data.__wrapped__()
    assert str(info.value) == (
        "the Vietnam datasets need the 'vn' extra: pip install 'orgraph[vn]'"
    )
