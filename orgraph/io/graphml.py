"""GraphML for Gephi, yEd and Cytoscape, written and read through networkx.

Every unit, post and person is a node whose attributes are flat scalars: ``type``
(``unit``, ``post`` or ``person``), ``label`` (the name or title, which Gephi and yEd
show), and the record's fields (``kind``, ``level``, ``bloc``, ``parent``, ``code``,
``functions`` as space-separated codes, ``civil_servants``, ``public_employees``,
``contracts``, ``quota_total``, ``funding``, ``founded``, ``ended``, ``attrs`` as JSON
text, ...). Edges carry ``kind``: ``parent``, ``post``, ``holds`` (with ``start``,
``end``, ``acting``), ``link`` (with ``link_kind`` and ``note``) and ``lineage`` (with
``change``, ``event``, ``effective``). The graph keeps the name, the date, and the
history and lineage as JSON text, so a round trip gives back an equal structure.

XML cannot hold control characters other than tab and new line; text holding one is
refused on export.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx
from pydantic import TypeAdapter, ValidationError

from orgraph.errors import FileError, UnreadableFileError, UsageError
from orgraph.history import Event, LineageEdge
from orgraph.io._cells import cell_value, date_cell
from orgraph.io._files import atomic_write, plain_message, read_bytes
from orgraph.io.interchange import finish_org, given_name, parse_date, parse_reduced_date
from orgraph.model import QUOTA_FIELDS, Appointment, Link, Person, Post, Unit
from orgraph.org import Org

__all__ = ["export_graphml", "import_graphml", "to_graph"]

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HISTORY = TypeAdapter(list[Event])
_LINEAGE = TypeAdapter(list[LineageEdge])


def _flat(**values: Any) -> dict[str, Any]:
    """Drop missing values (GraphML has no null) and turn dates into ISO text."""
    return {
        k: v.isoformat() if hasattr(v, "isoformat") else v
        for k, v in values.items()
        if v is not None
    }


def to_graph(org: Org) -> nx.MultiDiGraph[str]:
    """A networkx graph whose attributes are all scalars, as :func:`export_graphml` writes.

    Examples
    --------
    >>> import orgraph
    >>> g = to_graph(orgraph.load("examples/dam_ha/org.yaml"))
    >>> g.nodes["ubkt"]["type"], g.nodes["ubkt"]["civil_servants"]
    ('unit', 6)
    """
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    g.graph.update(_flat(name=org.name, as_of=org.date, orgraph_format=1))
    if org.history:
        g.graph["history"] = _HISTORY.dump_json(list(org.history)).decode()
    if org.lineage:
        g.graph["lineage"] = _LINEAGE.dump_json(list(org.lineage)).decode()
    for u in org.units(include_ended=True):
        quota = {part: getattr(u.quota, part) for part in QUOTA_FIELDS}
        g.add_node(
            u.id,
            **_flat(type="unit", label=u.name, name=u.name, kind=u.kind, level=u.level),
            **_flat(bloc=u.bloc, parent=u.parent, code=u.code, **quota),
            **_flat(quota_total=None if u.quota.is_empty() else u.quota.total),
            **_flat(functions=" ".join(sorted(u.functions)) or None, funding=u.funding),
            **_flat(founded=date_cell(u.founded, u.founded_precision), active=u.active),
            **_flat(ended=date_cell(u.ended, u.ended_precision)),
            **_flat(attrs=json.dumps(u.attrs, ensure_ascii=False) if u.attrs else None),
        )
    for p in org.posts(include_ended=True):
        g.add_node(
            p.id,
            **_flat(type="post", label=p.title, title=p.title, unit=p.unit, role=p.role),
            **_flat(leadership=p.leadership, ended=p.ended, active=p.active),
            **_flat(attrs=json.dumps(p.attrs, ensure_ascii=False) if p.attrs else None),
        )
    for person in org.people():
        attrs = json.dumps(person.attrs, ensure_ascii=False) if person.attrs else None
        g.add_node(person.id, type="person", label=person.name, name=person.name)
        g.nodes[person.id].update(_flat(attrs=attrs))
    for source, target, key, edge in org.graph.edges(keys=True, data=True):
        record, kind = edge.get("obj"), edge["kind"]
        extra: dict[str, Any] = {}
        if isinstance(record, Appointment):
            start = date_cell(record.start, record.start_precision)
            end = date_cell(record.end, record.end_precision)
            extra = _flat(start=start, end=end, acting=record.acting)
        elif isinstance(record, Link):
            extra = _flat(link_kind=record.kind, note=record.note)
        elif isinstance(record, LineageEdge):
            extra = _flat(change=record.change, event=record.event, effective=record.effective)
        g.add_edge(source, target, key=key, kind=kind, **extra)
    return g


def _check_xml(g: nx.MultiDiGraph[str], path: str | Path) -> None:
    items = [(f"node {n}", d) for n, d in g.nodes(data=True)]
    items += [(f"edge {u} -> {v}", d) for u, v, d in g.edges(data=True)]
    for where, data in [("graph", g.graph), *items]:
        for value in (where, *data.values()):
            if isinstance(value, str) and _XML_ILLEGAL.search(value):
                raise FileError(
                    "has a control character, which GraphML (XML) cannot hold",
                    path=path,
                    item=where,
                )


def export_graphml(org: Org, path: str | Path) -> None:
    """Write the structure as GraphML (UTF-8), atomically.

    Parameters
    ----------
    org : Org
        The structure.
    path : str or Path
        The ``.graphml`` file to write.

    Raises
    ------
    FileError
        When some text holds a control character XML cannot carry.
    """
    g = to_graph(org)
    _check_xml(g, path)
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8", prettyprint=True)
    # XML readers turn a raw carriage return into a new line; a character reference survives.
    atomic_write(path, buffer.getvalue().replace(b"\r", b"&#13;"))


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return None if value is None or value == "" else str(value)


def _int(data: dict[str, Any], key: str) -> int | None:
    # As a spreadsheet cell is read: a whole number (5, or 5.0 from a tool that types
    # counts as doubles); int() would turn 5.7 into 5 and true into 1.
    value = cell_value(data.get(key), "int")
    return None if value is None else int(value)


def _bool(data: dict[str, Any], key: str) -> bool | None:
    value = data.get(key)
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return None if value is None else bool(value)


def _json(data: dict[str, Any], key: str) -> Any:
    value = data.get(key)
    return json.loads(value) if value else {}


def _node_record(node: str, data: dict[str, Any], g: nx.MultiDiGraph[str]) -> Any:
    kind = data.get("type")
    if kind == "unit":
        parent = _text(data, "parent") or next(
            (u for u, _, k in g.in_edges(node, data="kind") if k == "parent"), None
        )
        return Unit(
            id=node,
            name=_text(data, "name") or _text(data, "label") or node,
            kind=_text(data, "kind") or "unit",
            level=_text(data, "level") or "unknown",
            bloc=_text(data, "bloc"),
            parent=parent,
            code=_text(data, "code"),
            functions=frozenset((_text(data, "functions") or "").split()),
            quota={part: _int(data, part) for part in QUOTA_FIELDS},
            funding=_text(data, "funding"),
            founded=parse_reduced_date(_text(data, "founded")),
            ended=parse_reduced_date(_text(data, "ended")),
            attrs=_json(data, "attrs"),
        )
    if kind == "post":
        unit = _text(data, "unit") or next(
            (u for u, _, k in g.in_edges(node, data="kind") if k == "post"), None
        )
        leadership = _bool(data, "leadership")
        return Post.model_validate(
            {"id": node, "unit": unit, "title": _text(data, "title") or _text(data, "label")}
            | {"role": _text(data, "role"), "ended": parse_date(_text(data, "ended"))}
            | {"attrs": _json(data, "attrs")}
            | ({} if leadership is None else {"leadership": leadership})
        )
    if kind == "person":
        name = _text(data, "name") or _text(data, "label") or node
        return Person(id=node, name=name, attrs=_json(data, "attrs"))
    return None


_MAP_KEYS = ("id", "name", "kind", "level", "parent", "edges")
_DIRECTIONS = ("parent->child", "child->parent")


def _generic(
    g: nx.MultiDiGraph[str], path: str | Path, mapping: Mapping[str, str], fixed: Mapping[str, str]
) -> list[Unit]:
    """Every node a unit, named by the attributes ``mapping`` gives (another tool's GraphML)."""
    for key in mapping:
        if key not in _MAP_KEYS:
            raise UsageError(f"GraphML --map takes {', '.join(_MAP_KEYS)}, not {key!r}")
    for key in fixed:
        if key not in ("kind", "level", "bloc"):
            raise UsageError(f"GraphML --set takes kind, level or bloc, not {key!r}")
    direction = mapping.get("edges", "parent->child").replace(" ", "")
    if direction not in _DIRECTIONS:
        raise UsageError(f"--map edges= must be {' or '.join(_DIRECTIONS)}, not {direction!r}")
    ids = {
        node: _text(data, mapping["id"]) or node if "id" in mapping else node
        for node, data in g.nodes(data=True)
    }
    parents: dict[str, str] = {}
    if "parent" not in mapping:
        for source, target in g.edges():
            child, parent = (target, source) if direction == "parent->child" else (source, target)
            if child in parents and parents[child] != ids[parent]:
                raise FileError(
                    f"two parents ({parents[child]}, {ids[parent]}): check --map edges=",
                    path=path,
                    item=f"node {child}",
                )
            parents[child] = ids[parent]
    units = []
    for node, data in g.nodes(data=True):

        def pick(field: str, data: dict[str, Any] = data) -> str | None:
            return _text(data, mapping.get(field, field)) or fixed.get(field)

        try:
            units.append(
                Unit(
                    id=ids[node],
                    name=pick("name") or _text(data, "label") or ids[node],
                    kind=pick("kind") or "unit",
                    level=pick("level") or "unknown",
                    bloc=pick("bloc"),
                    parent=_text(data, mapping["parent"])
                    if "parent" in mapping
                    else parents.get(node),
                )
            )
        except (ValidationError, ValueError) as exc:
            raise FileError(_first_error(exc), path=path, item=f"node {node}") from None
    return units


def import_graphml(
    path: str | Path,
    *,
    name: str | None = None,
    mapping: Mapping[str, str] | None = None,
    fixed: Mapping[str, str] | None = None,
) -> Org:
    """Read a structure from GraphML written by :func:`export_graphml` (or edited since).

    Nodes need a ``type`` attribute (``unit``, ``post``, ``person``); others are ignored.
    A unit without ``parent`` takes its parent from an incoming ``parent`` edge, a post
    without ``unit`` from an incoming ``post`` edge. Appointments come from ``holds``
    edges and links from ``link`` edges.

    Parameters
    ----------
    path : str or Path
        The GraphML file.
    name : str, optional
        The structure's name (default: the graph's ``name``, else the file name).
    mapping : mapping of str to str, optional
        For GraphML from another tool (networkx, Gephi, a data set): every node is a unit;
        ``id``, ``name``, ``kind``, ``level`` and ``parent`` name the node attributes that
        hold them, and ``edges`` says which way edges run (``parent->child``, the default,
        or ``child->parent``) when no ``parent`` attribute is named.
    fixed : mapping of str to str, optional
        Values for every unit where the file has none: ``{"kind": "office"}``.

    Raises
    ------
    FileError
        When no node is an orgraph record (no ``type`` attribute) and no ``mapping`` is
        given: such a file is refused rather than read as an empty structure.
    """
    data = read_bytes(path)
    try:
        g = nx.read_graphml(io.BytesIO(data), node_type=str, force_multigraph=True)
    except (ParseError, nx.NetworkXError, ValueError, KeyError) as exc:
        raise UnreadableFileError(f"not GraphML: {exc}", path=path) from None
    units: list[Unit] = []
    posts: list[Post] = []
    people: list[Person] = []
    appointments: list[Appointment] = []
    links: list[Link] = []
    if mapping or fixed:
        units = _generic(g, path, mapping or {}, fixed or {})
        return finish_org(
            path, name=given_name(name) or _text(g.graph, "name") or Path(path).stem, units=units
        )
    typed = sum(1 for _, kind in g.nodes(data="type") if kind in ("unit", "post", "person"))
    if not typed:
        raise FileError(
            f"none of the {g.number_of_nodes()} node(s) is an orgraph unit, post or person "
            "(a 'type' attribute): for another tool's GraphML, name the attributes with "
            "--map id=...,name=...,kind=...,parent=... and the edge direction with "
            "--map edges=child->parent",
            path=path,
        )
    for node, attrs in g.nodes(data=True):
        try:
            record = _node_record(str(node), attrs, g)
        except (ValidationError, ValueError, TypeError) as exc:
            raise FileError(_first_error(exc), path=path, item=f"node {node}") from None
        if isinstance(record, Unit):
            units.append(record)
        elif isinstance(record, Post):
            posts.append(record)
        elif isinstance(record, Person):
            people.append(record)
    try:
        for source, target, attrs in g.edges(data=True):
            where = f"edge {source} -> {target}"
            if attrs.get("kind") == "holds":
                appointments.append(
                    Appointment(
                        person=source,
                        post=target,
                        start=parse_reduced_date(_text(attrs, "start")),
                        end=parse_reduced_date(_text(attrs, "end")),
                        acting=bool(_bool(attrs, "acting")),
                    )
                )
            elif attrs.get("kind") == "link":
                kind = _text(attrs, "link_kind") or "link"
                links.append(Link(source=source, target=target, kind=kind, note=attrs.get("note")))
        where = "graph"
        history = _HISTORY.validate_json(g.graph.get("history") or "[]")
        lineage = _LINEAGE.validate_json(g.graph.get("lineage") or "[]")
        as_of = parse_date(_text(g.graph, "as_of"))
    except (ValidationError, ValueError, TypeError) as exc:
        raise FileError(_first_error(exc), path=path, item=where) from None
    return finish_org(
        path,
        name=given_name(name) or _text(g.graph, "name") or Path(path).stem,
        as_of=as_of,
        units=units,
        posts=posts,
        people=people,
        appointments=appointments,
        links=links,
        history=history,
        lineage=lineage,
    )


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors(include_url=False)[0]
        field = ".".join(str(p) for p in error["loc"])
        return (f"{field}: " if field else "") + plain_message(error)
    return str(exc)
