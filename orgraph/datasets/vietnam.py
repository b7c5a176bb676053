"""Vietnam's administrative units before and after 1 July 2025, and the reform between them.

The data come from the MIT-licensed package ``vietnamadminunits`` (the ``vn`` extra):
the 63-province list in force until 30 June 2025 (provinces, districts, communes), the
34-province list in force from 1 July 2025 (provinces and communes; the district tier is
gone) and its old-to-new mapping, in which a few hundred old communes are divided among
several new ones.

Ids are ASCII and built from the official codes, so they are stable between releases:

========================== ======================== ==========================
unit                       2024 list                2025 list
========================== ======================== ==========================
the country                ``vn``                   ``vn``
province or central city   ``p-22``                 ``p25-22``
district                   ``d-205``                (none)
commune, ward, township    ``c-06700``              ``c25-06895``
========================== ======================== ==========================

Kinds follow the official name: ``province`` and ``city`` (Tỉnh, Thành phố) for
provinces; ``district``, ``urban_district``, ``town`` and ``city`` (Huyện, Quận, Thị xã,
Thành phố) for districts; ``commune``, ``ward``, ``township`` and ``special_zone`` (Xã,
Phường, Thị trấn, Đặc khu) for communes. The name is preferred over the package's type
column, which disagrees with the name for a handful of units (``Phường 5`` of Phú Nhuận
is typed ``Xã`` there).

What the data of ``vietnamadminunits`` 1.0.4 hold:

* 2024: 63 provinces, 696 districts and 10,035 communes (7,692 communes, 1,726 wards,
  617 townships) in 10,040 rows: five island districts (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa,
  Lý Sơn, Côn Đảo) have no communes and fill a row each. Each becomes a special zone.
* 2025: 34 provinces and 3,321 communes (2,621 communes, 687 wards, 13 special zones).
* Mapping: 9,564 old communes and the five island districts go whole into one new
  commune; 471 old communes are divided among 2 to 5 new ones (1,033 parts). Every new
  province keeps the name of one of the provinces it is made of; seven take another
  one's code (An Giang takes 91, Kiên Giang's).
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgraph.errors import DependencyError
from orgraph.model import Unit
from orgraph.org import Org

if TYPE_CHECKING:
    from orgraph.ops import Operation
    from orgraph.scenario import Scenario

__all__ = ["admin_units_2024", "admin_units_2025", "reform_2025"]

BEFORE = date(2025, 6, 30)
"""The last day of the 63-province structure."""

EFFECTIVE = date(2025, 7, 1)
"""The day the 34-province, two-tier structure took effect."""

PROVINCE_BASIS = "Nghị quyết 202/2025/QH15"
COMMUNE_BASIS = "Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã năm 2025"
DISTRICT_BASIS = (
    "Nghị quyết 203/2025/QH15 sửa đổi, bổ sung Hiến pháp; "
    "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
)

_MISSING = "the Vietnam datasets need the 'vn' extra: pip install 'orgraph[vn]'"

# Longest prefixes first, compared case-insensitively ("Thị Xã", "Thành Phố" occur).
_KINDS: dict[str, dict[str, str]] = {
    "province": {"thành phố": "city", "tỉnh": "province"},
    "district": {
        "thành phố": "city",
        "thị xã": "town",
        "quận": "urban_district",
        "huyện": "district",
    },
    "commune": {
        "thị trấn": "township",
        "đặc khu": "special_zone",
        "phường": "ward",
        "xã": "commune",
    },
}


@dataclass(frozen=True, slots=True)
class _Area:
    """One unit of the package's lists: code, official name, kind and parent code."""

    code: str
    name: str
    kind: str
    parent: str | None


@dataclass(frozen=True, slots=True)
class _Source:
    """Where part of a 2025 commune came from: an old unit id, whole or divided."""

    old: str
    divided: bool


@dataclass(frozen=True)
class _Data:
    provinces_2024: tuple[_Area, ...]
    districts_2024: tuple[_Area, ...]
    communes_2024: tuple[_Area, ...]
    provinces_2025: tuple[_Area, ...]
    communes_2025: tuple[_Area, ...]
    #: new province code -> old province codes, the one whose name it keeps first
    province_sources: dict[str, tuple[str, ...]]
    #: new commune code -> its sources, in the package's order
    commune_sources: dict[str, tuple[_Source, ...]]


def _data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise DependencyError(_MISSING)
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _kind(level: str, name: str, type_: str | None) -> str:
    folded = name.casefold()
    for prefix, kind in _KINDS[level].items():
        if folded.startswith(prefix + " "):
            return kind
    if type_ is not None and type_.casefold() in _KINDS[level]:
        return _KINDS[level][type_.casefold()]
    raise ValueError(f"cannot tell the kind of {level} {name!r} (type {type_!r})")


@lru_cache(maxsize=1)
def _data() -> _Data:
    """Read the package's lists and mapping once."""
    folder = _data_dir()
    with sqlite3.connect(f"{(folder / 'dataset.db').as_uri()}?mode=ro", uri=True) as db:
        legacy = db.execute(
            "SELECT provinceCode, province, provinceKey, districtCode, district, districtType,"
            " districtKey, wardCode, ward, wardType, wardKey FROM admin_units_legacy"
        ).fetchall()
        current = db.execute(
            "SELECT provinceCode, province, provinceKey, wardCode, ward, wardType, wardKey"
            " FROM admin_units"
        ).fetchall()
    with (folder / "converter_2025.json").open(encoding="utf-8") as f:
        converter = json.load(f)

    provinces: dict[str, _Area] = {}
    districts: dict[str, _Area] = {}
    communes: dict[str, _Area] = {}
    old_ids: dict[str, str] = {}  # "province_district_ward" key -> old unit id
    old_province: dict[str, str] = {}  # province key -> code
    for pc, pn, pk, dc, dn, dt, dk, wc, wn, wt, wk in legacy:
        provinces.setdefault(pc, _Area(pc, pn, _kind("province", pn, None), "vn"))
        districts.setdefault(dc, _Area(dc, dn, _kind("district", dn, dt), pc))
        old_province[pk] = pc
        if wc is None:  # an island district without communes
            old_ids[f"{pk}_{dk}_"] = f"d-{dc}"
        else:
            communes[wc] = _Area(wc, wn, _kind("commune", wn, wt), dc)
            old_ids[f"{pk}_{dk}_{wk}"] = f"c-{wc}"

    new_provinces: dict[str, _Area] = {}
    new_communes: dict[str, _Area] = {}
    new_codes: dict[tuple[str, str], str] = {}  # (province key, ward key) -> code
    new_province: dict[str, str] = {}  # province key -> code
    for pc, pn, pk, wc, wn, wt, wk in current:
        new_provinces.setdefault(pc, _Area(pc, pn, _kind("province", pn, None), "vn"))
        new_communes[wc] = _Area(wc, wn, _kind("commune", wn, wt), pc)
        new_codes[(pk, wk)] = wc
        new_province[pk] = pc

    province_sources = {
        new_province[new]: tuple(
            old_province[k]
            for k in sorted(olds, key=lambda k: k != new)  # stable sort
        )
        for new, olds in converter["DICT_PROVINCE"].items()
    }
    sources: dict[str, list[_Source]] = defaultdict(list)
    for pk, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wk, olds in wards.items():
            sources[new_codes[(pk, wk)]] += [_Source(old_ids[o], False) for o in olds]
    for pk, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in divided.items():
            for part in parts:
                sources[new_codes[(pk, part["newWardKey"])]].append(_Source(old_ids[old], True))

    def by_code(areas: dict[str, _Area]) -> tuple[_Area, ...]:
        return tuple(sorted(areas.values(), key=lambda a: a.code))

    return _Data(
        provinces_2024=by_code(provinces),
        districts_2024=by_code(districts),
        communes_2024=by_code(communes),
        provinces_2025=by_code(new_provinces),
        communes_2025=by_code(new_communes),
        province_sources=province_sources,
        commune_sources={code: tuple(found) for code, found in sources.items()},
    )


def _country() -> Unit:
    return Unit(id="vn", name="Việt Nam", kind="country", level="country", code="VN")


@lru_cache(maxsize=1)
def _units_2024() -> tuple[Unit, ...]:
    data = _data()
    units = [_country()]
    units += [
        Unit(
            id=f"p-{a.code}",
            name=a.name,
            kind=a.kind,
            level="province",
            parent="vn",
            code=a.code,
        )
        for a in data.provinces_2024
    ]
    units += [
        Unit(
            id=f"d-{a.code}",
            name=a.name,
            kind=a.kind,
            level="district",
            parent=f"p-{a.parent}",
            code=a.code,
        )
        for a in data.districts_2024
    ]
    units += [
        Unit(
            id=f"c-{a.code}",
            name=a.name,
            kind=a.kind,
            level="commune",
            parent=f"d-{a.parent}",
            code=a.code,
        )
        for a in data.communes_2024
    ]
    return tuple(units)


@lru_cache(maxsize=1)
def _units_2025() -> tuple[Unit, ...]:
    data = _data()
    units = [_country()]
    units += [
        Unit(
            id=f"p25-{a.code}",
            name=a.name,
            kind=a.kind,
            level="province",
            parent="vn",
            code=a.code,
        )
        for a in data.provinces_2025
    ]
    units += [
        Unit(
            id=f"c25-{a.code}",
            name=a.name,
            kind=a.kind,
            level="commune",
            parent=f"p25-{a.parent}",
            code=a.code,
        )
        for a in data.communes_2025
    ]
    return tuple(units)


def admin_units_2024() -> Org:
    """Vietnam's administrative units on 30 June 2025: 63 provinces, districts, communes.

    Returns
    -------
    Org
        The country ``vn``; its provinces and centrally-run cities (``p-<code>``, level
        ``province``); their districts (``d-<code>``, level ``district``); and the
        communes, wards and townships (``c-<code>``, level ``commune``), each with its
        official name and code.

    Raises
    ------
    DependencyError
        If the ``vn`` extra (the ``vietnamadminunits`` package) is not installed.

    Examples
    --------
    >>> org = admin_units_2024()
    >>> org.unit("p-22").name
    'Tỉnh Quảng Ninh'
    >>> [u.name for u in org.children("d-200")][:2]
    ['Thị trấn Đầm Hà', 'Xã Quảng Lâm']
    """
    return Org.create(
        name="Việt Nam: đơn vị hành chính đến 30/6/2025",
        date=BEFORE,
        units=_units_2024(),
    )


def admin_units_2025() -> Org:
    """Vietnam's administrative units from 1 July 2025: 34 provinces and their communes.

    There is no district tier: communes, wards and special zones (``c25-<code>``, level
    ``commune``) hang directly under their province (``p25-<code>``).

    Returns
    -------
    Org
        The country ``vn``, its provinces and their communes with official names and codes.

    Raises
    ------
    DependencyError
        If the ``vn`` extra (the ``vietnamadminunits`` package) is not installed.

    Examples
    --------
    >>> org = admin_units_2025()
    >>> sorted(u.name for u in org.children("p25-22") if "Đầm Hà" in u.name)
    ['Xã Đầm Hà']
    """
    return Org.create(
        name="Việt Nam: đơn vị hành chính từ 1/7/2025",
        date=EFFECTIVE,
        units=_units_2025(),
    )


def _fragment_id(old: str, new_code: str) -> str:
    """Id of the part of divided commune ``old`` that goes to new commune ``new_code``."""
    return f"{old}#to-c25-{new_code}"


@lru_cache(maxsize=1)
def _reform_operations() -> tuple[Operation, ...]:
    from orgraph.ops import (
        Absorb,
        Dissolve,
        Merge,
        Rename,
        Reparent,
        Split,
        SplitPart,
        UnitSpec,
    )

    data = _data()
    when = {"effective": EFFECTIVE}
    ops: list[Operation] = []

    # Provinces: each new province keeps the name (not always the code) of one old
    # province, which continues and absorbs the others.
    old_provinces = {a.code: a for a in data.provinces_2024}
    province_id: dict[str, str] = {}  # new province code -> id of the continuing unit
    for province in data.provinces_2025:
        keep, *others = data.province_sources[province.code]
        target = province_id[province.code] = f"p-{keep}"
        if others:
            sources = [f"p-{code}" for code in others]
            ops.append(Absorb(sources=sources, into=target, basis=PROVINCE_BASIS, **when))
        before = old_provinces[keep]
        if (before.name, before.code) != (province.name, province.code):
            ops.append(
                Rename(
                    unit=target,
                    name=province.name,
                    code=province.code,
                    basis=PROVINCE_BASIS,
                    **when,
                )
            )

    def final(new: _Area) -> dict[str, Any]:
        return {
            "id": f"c25-{new.code}",
            "name": new.name,
            "kind": new.kind,
            "level": "commune",
            "parent": province_id[new.parent or ""],
            "code": new.code,
        }

    # Divided communes: one part per destination, so that every destination keeps
    # lineage from the old commune. A part that alone makes a new commune is that commune.
    new_communes = {a.code: a for a in data.communes_2025}
    old_communes = {f"c-{a.code}": a for a in data.communes_2024}
    destinations: dict[str, list[str]] = defaultdict(list)  # old id -> new codes
    for code, found in data.commune_sources.items():
        for source in found:
            if source.divided:
                destinations[source.old].append(code)
    for old, codes in destinations.items():
        parts = [
            SplitPart(**final(new_communes[code]))
            if len(data.commune_sources[code]) == 1
            else SplitPart(
                id=_fragment_id(old, code),
                name=f"{old_communes[old].name} (phần về {new_communes[code].name})",
            )
            for code in codes
        ]
        ops.append(Split(source=old, into=parts, basis=COMMUNE_BASIS, **when))

    # New communes: a merge of their sources, or a single whole source carried over.
    succeeded: set[str] = set()
    for new in data.communes_2025:
        spec = final(new)
        found = data.commune_sources[new.code]
        if len(found) > 1:
            ids = [_fragment_id(s.old, new.code) if s.divided else s.old for s in found]
            ops.append(Merge(sources=ids, into=UnitSpec(**spec), basis=COMMUNE_BASIS, **when))
            continue
        source = found[0]
        if source.divided:
            continue  # the split made it
        # A single whole source continues: it moves under its province and takes the new
        # name and code; a township that becomes a commune, or an island district that
        # becomes a special zone, is reclassified in place and keeps its identity.
        previous = old_communes.get(source.old)  # None for an island district
        ops.append(Reparent(unit=source.old, parent=spec["parent"], basis=COMMUNE_BASIS, **when))
        reclassify = {"kind": new.kind} if previous is None or previous.kind != new.kind else {}
        if previous is None:
            reclassify["level"] = "commune"
            succeeded.add(source.old)
        ops.append(
            Rename(
                unit=source.old,
                name=new.name,
                code=new.code,
                basis=COMMUNE_BASIS,
                **reclassify,
                **when,
            )
        )

    # The district tier ends; every district is empty by now.
    ops += [
        Dissolve(unit=f"d-{a.code}", basis=DISTRICT_BASIS, **when)
        for a in data.districts_2024
        if f"d-{a.code}" not in succeeded
    ]
    return tuple(ops)


def reform_2025() -> Scenario:
    """The 2025 reorganisation: operations turning :func:`admin_units_2024` into the 2025 list.

    Every operation takes effect on 1 July 2025 and names its legal basis. In order:

    1. Provinces: each new province keeps the name of one old province, which continues
       and absorbs the others (``absorb``, Nghị quyết 202/2025/QH15); a ``rename`` gives
       it the new code where that differs (An Giang takes Kiên Giang's code 91).
    2. Each commune divided among several new communes is ``split`` into one part per
       destination, ``c-<old>#to-c25-<new>`` (a part that alone makes up a new commune is
       that commune), so that it keeps lineage to every destination.
    3. Each new commune is a ``merge`` of its sources (whole old communes and parts),
       placed under its province. One made of a single whole old commune keeps it
       (``reparent`` and ``rename``); a ``rename`` with ``kind`` (and ``level``)
       reclassifies it in place when a township becomes a commune or an island district
       becomes a special zone.
    4. Every remaining district gets a ``dissolve``: the district tier ends.

    Applied with :func:`orgraph.apply`, the result has the same provinces and communes
    (names, codes, kinds, parents) as :func:`admin_units_2025`; ids differ, so compare
    by code.

    Returns
    -------
    Scenario
        A new scenario each call, effective 1 July 2025.

    Raises
    ------
    DependencyError
        If the ``vn`` extra (the ``vietnamadminunits`` package) is not installed.

    Examples
    --------
    >>> import orgraph
    >>> after = orgraph.apply(admin_units_2024(), reform_2025())
    >>> len(after.units(level="province")), len(after.units(level="district"))
    (34, 0)
    """
    from orgraph.scenario import Scenario

    return Scenario(
        name="Sắp xếp đơn vị hành chính 2025",
        description=(
            "63 provinces become 34, the district tier ends and the communes are merged "
            "(some divided among several new ones), effective 1 July 2025."
        ),
        effective=EFFECTIVE,
        operations=list(_reform_operations()),
    )
