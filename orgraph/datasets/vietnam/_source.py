"""The data of ``vietnamadminunits``, read once: areas of 2024 and 2025 and the mapping."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from orgraph.errors import DependencyError

__all__ = [
    "BEFORE",
    "COMMUNE_BASIS",
    "DISTRICT_BASIS",
    "EFFECTIVE",
    "PROVINCE_BASIS",
    "_Area",
    "_data",
]


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
