"""The viewer's data: each view's boxes and connectors, and every unit's details.

A view is one structure to draw (a structure, the before or after of a scenario, their
union with diff statuses, or the structure as of one date of its history). Unit details
(the panel's content) are stored once and shared by every view in which they are the same,
so a timeline of many dates stays small.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from orgraph.labels import CHANGE_KINDS, LABELS, change_word
from orgraph.render._layout import Chart, layout
from orgraph.render._style import status_styles
from orgraph.render._text import clean
from orgraph.render.html._geometry import Geometry, border, geometry, rows
from orgraph.render.options import Settings

if TYPE_CHECKING:
    from orgraph.model import Unit
    from orgraph.org import Org

__all__ = ["Payload", "legend", "unit_details", "words"]


def _r(value: float) -> float:
    return round(value, 1)


def _holding(org: Org) -> dict[str, list[str]]:
    held: dict[str, list[str]] = {}
    for appointment in org.appointments():
        held.setdefault(appointment.person, []).append(appointment.post)
    return held


def unit_details(org: Org, unit: Unit, held: dict[str, list[str]]) -> dict[str, Any]:
    """What the details panel shows for one unit of ``org`` (lineage is added per file)."""
    quota = unit.quota
    posts = []
    for post in org.posts(unit.id) if unit.ended is None else []:
        holders = []
        for appointment in org.appointments(post=post.id):
            person = org.person(appointment.person)
            others = [
                f"{clean(org.post(p).title)} ({clean(org.unit(org.post(p).unit).name)})"
                for p in held.get(person.id, [])
                if p != post.id
            ]
            holders.append(
                {
                    "name": clean(person.name),
                    "acting": appointment.acting,
                    "since": appointment.start.isoformat() if appointment.start else None,
                    "also": others,
                }
            )
        posts.append(
            {
                "title": clean(post.title),
                "role": post.role,
                "leadership": post.leadership,
                "holders": holders,
            }
        )
    links = []
    for link in org.links(unit=unit.id) if unit.ended is None else []:
        outgoing = link.source == unit.id
        links.append(
            {
                "kind": link.kind,
                "dir": "to" if outgoing else "from",
                "other": link.target if outgoing else link.source,
                "note": clean(link.note) if link.note else None,
            }
        )
    return {
        "id": unit.id,
        "name": clean(unit.name),
        "kind": unit.kind,
        "level": unit.level,
        "bloc": unit.bloc,
        "code": unit.code,
        "quota": None
        if quota.is_empty()
        else {
            "civil_servants": quota.civil_servants,
            "public_employees": quota.public_employees,
            "contracts": quota.contracts,
            "total": quota.total,
        },
        "funding": unit.funding,
        "functions": sorted(unit.functions),
        "founded": unit.founded.isoformat() if unit.founded else None,
        "ended": unit.ended.isoformat() if unit.ended else None,
        "posts": posts,
        "links": links,
    }


def words(lang: str = "en") -> dict[str, str]:
    """The page's own words in ``lang``: its buttons and panel (``ui.*`` labels without the
    prefix), each status (``status.new``...) and each change kind (``change.merge``...)."""
    out = {k[3:]: v for k, v in LABELS[lang].items() if k.startswith("ui.")}
    for name, style in status_styles(lang).items():
        word = style.badge.lower() if lang != "en" and style.badge else name
        out[f"status.{name}"] = word if name != "kept" else style.meaning
    out |= {f"change.{code}": change_word(code, lang) for code in CHANGE_KINDS}
    return out


def legend(lang: str = "en") -> list[dict[str, Any]]:
    """The diff statuses with the static chart's colours, border styles and meanings."""
    return [
        {
            "status": name,
            "fill": style.fill,
            "color": style.color,
            "border": style.border,
            "width": style.width,
            "badge": style.badge,
            "meaning": style.meaning,
        }
        for name, style in status_styles(lang).items()
    ]


@dataclass
class Payload:
    """Everything the page needs, built view by view."""

    title: str
    depth: int | None
    lang: str = "en"
    details: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, list[Any]] = field(default_factory=dict)
    views: list[dict[str, Any]] = field(default_factory=list)
    compare: list[int] | None = None
    timeline: list[list[Any]] | None = None
    _seen: dict[str, int] = field(default_factory=dict)
    _held: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    _placed: dict[str, Geometry] = field(default_factory=dict)

    def detail(self, org: Org, unit: Unit) -> int:
        """Index of this unit's details as ``org`` has them (stored once)."""
        held = self._held.get(id(org))
        if held is None:
            held = self._held[id(org)] = _holding(org)
        record = unit_details(org, unit, held)
        key = json.dumps(record, sort_keys=True, ensure_ascii=False)
        index = self._seen.get(key)
        if index is None:
            index = self._seen[key] = len(self.details)
            self.details.append(record)
        return index

    def drawn(self) -> set[str]:
        """Ids of the units drawn in some view."""
        return {entry[0] for view in self.views for box in view["boxes"] for entry in box[9]}

    def neighbours(self, org: Org, ids: set[str]) -> set[str]:
        """``ids`` and the units a panel of one of them links to (lineage, links)."""
        found = set(ids)
        for edge in org.lineage:
            if edge.predecessor in ids or edge.successor in ids:
                found.update((edge.predecessor, edge.successor))
        for record in self.details:
            if record["id"] in ids:
                found.update(link["other"] for link in record["links"])
        return found

    def know(self, org: Org, ids: set[str]) -> None:
        """Make the units ``ids`` of ``org`` openable by id (a lineage or link target)."""
        for ident in sorted(ids):
            if not org.has_unit(ident):
                continue
            unit = org.unit(ident)
            if ident not in self.names or unit.ended is None:
                self.names[ident] = [clean(unit.name), self.detail(org, unit)]

    def add_view(
        self,
        key: str,
        label: str,
        org: Org,
        settings: Settings,
        *,
        before: Org | None = None,
        when: date | None = None,
    ) -> int:
        """Lay out ``org`` (the union with ``before`` for a diff) and add it as a view."""
        chart = layout(org, settings, before=before)
        self.views.append(self._view(key, label, chart, org, before, when))
        return len(self.views) - 1

    def _view(
        self,
        key: str,
        label: str,
        chart: Chart,
        org: Org,
        before: Org | None,
        when: date | None,
    ) -> dict[str, Any]:
        # Dates of a history often draw the same boxes (a new holder or quota changes
        # none of them): lay each distinct chart out once.
        shape = repr((chart.boxes, chart.children, chart.edges, chart.title))
        place = self._placed.get(shape)
        if place is None:
            place = self._placed[shape] = geometry(chart)
        parent_of = {kid: node for node, kids in chart.children.items() for kid in kids}
        boxes = []
        for box in chart.boxes:
            x, y, width, height = place.boxes[box.node]
            cells = place.cells.get(box.node, {})
            entries = []
            for entry in box.entries:
                detail = -1
                if box.kind != "count":
                    detail = self.detail(*self._record(entry.unit, entry.status, org, before))
                cell = cells.get(entry.port) if entry.port else None
                entries.append(
                    [
                        entry.unit,
                        detail,
                        clean(entry.name),
                        rows(entry),
                        list(entry.status),
                        [_r(c) for c in cell] if cell else None,
                        border(entry.status),
                    ]
                )
            boxes.append(
                [
                    box.node,
                    box.kind,
                    _r(x),
                    _r(y),
                    _r(width),
                    _r(height),
                    parent_of.get(box.node),
                    box.depth,
                    list(box.status),
                    entries,
                    border(box.status),
                ]
            )
        wires = [
            [
                wire.kind,
                wire.tail,
                wire.head,
                [_r(c) for point in wire.points for c in point],
                wire.arrow,
            ]
            for wire in place.wires
        ]
        return {
            "key": key,
            "label": label,
            "date": when.isoformat() if when else (org.date.isoformat() if org.date else None),
            "diff": chart.diff,
            "width": _r(place.width),
            "height": _r(place.height),
            "boxes": boxes,
            "wires": wires,
            "markers": [
                [node, _r(x), _r(y), _r(w), _r(h), clean(label), clean(note)]
                for node, x, y, w, h, label, note in place.markers
            ],
        }

    @staticmethod
    def _record(
        ident: str, status: tuple[str, ...], org: Org, before: Org | None
    ) -> tuple[Org, Unit]:
        """The structure and record that describe a drawn unit (before, for an ended one)."""
        ended = status[:1] in (("merged",), ("split",), ("dissolved",))
        source = before if before is not None and (ended or not org.has_unit(ident)) else org
        return source, source.unit(ident)

    def finish(self, lineage_org: Org) -> dict[str, Any]:
        """The JSON-ready payload, with lineage from ``lineage_org`` on every unit's details."""
        came: dict[str, list[dict[str, Any]]] = {}
        went: dict[str, list[dict[str, Any]]] = {}
        for edge in lineage_org.lineage:
            when = edge.effective.isoformat() if edge.effective else None
            came.setdefault(edge.successor, []).append(
                {"id": edge.predecessor, "change": edge.change, "date": when}
            )
            went.setdefault(edge.predecessor, []).append(
                {"id": edge.successor, "change": edge.change, "date": when}
            )
        for record in self.details:
            record["came_from"] = came.get(record["id"], [])
            record["became"] = went.get(record["id"], [])
        return {
            "format": "orgraph-viewer/1",
            "title": clean(self.title),
            "depth": self.depth,
            "details": self.details,
            "names": self.names,
            "views": self.views,
            "compare": self.compare,
            "timeline": self.timeline,
            "legend": legend(self.lang),
            "lang": self.lang,
            "words": words(self.lang),
        }
