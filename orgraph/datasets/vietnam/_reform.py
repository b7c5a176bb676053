"""The 2025 reorganisation as a scenario of operations."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from orgraph.datasets.vietnam._source import (
    COMMUNE_BASIS,
    DISTRICT_BASIS,
    EFFECTIVE,
    PROVINCE_BASIS,
    _Area,
    _data,
)

if TYPE_CHECKING:
    from orgraph.ops import Operation
    from orgraph.scenario import Scenario

__all__ = ["reform_2025"]


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
    >>> from orgraph.datasets.vietnam import admin_units_2024
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
