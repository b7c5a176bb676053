"""The W3C Organization Ontology (ORG) as Turtle or JSON-LD, through rdflib.

============================ ==========================================================
orgraph                      RDF
============================ ==========================================================
root unit                    ``org:Organization``
other unit                   ``org:Organization``, ``org:OrganizationalUnit``,
                             ``org:subOrganizationOf`` / ``org:hasSubOrganization``
unit name, code              ``skos:prefLabel``, ``org:identifier``
post                         ``org:Post`` with ``org:postIn`` / ``org:hasPost``,
                             ``skos:prefLabel`` (title), ``org:role`` (an ``org:Role``
                             whose ``skos:notation`` is the role code)
person                       ``foaf:Person`` with ``foaf:name``
appointment                  ``org:Membership`` with ``org:member``, ``org:organization``
                             (the post's unit), ``org:role``, ``orgraph:post`` and
                             ``org:memberDuring`` (a ``time:Interval``); current holders
                             also get ``org:holds`` / ``org:heldBy``
link                         ``org:linkedTo``, qualified by an ``orgraph:Link``
history event                ``org:ChangeEvent`` with ``org:originalOrganization``,
                             ``org:resultingOrganization``, ``prov:startedAtTime`` and
                             the whole event as JSON (``orgraph:event``)
lineage edge                 ``orgraph:LineageEdge``
============================ ==========================================================

What ORG lacks goes in the ``orgraph:`` namespace (:data:`ORGRAPH`): ``kind``,
``level``, ``bloc``, ``function``, the quota parts, ``funding``, ``founded``,
``ended``, ``leadership``, ``acting`` and ``attrs`` (JSON). Every node carries its
orgraph id as ``dcterms:identifier``.
"""

from __future__ import annotations

import json
import warnings
from datetime import date, datetime
from itertools import product
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from pydantic import ValidationError

from orgraph._validation import first_error_line
from orgraph.errors import FileError, UnreadableFileError
from orgraph.history import Event, LineageEdge
from orgraph.io._files import atomic_write
from orgraph.io.interchange import finish_org, read_text, require
from orgraph.model import Appointment, Link, Person, Post, Unit
from orgraph.org import Org

__all__ = ["BASE", "ORGRAPH", "export_rdf", "import_rdf", "to_rdf"]

ORGRAPH = "urn:orgraph:vocab:"
"""The namespace of the terms ORG lacks (``orgraph:kind``, ``orgraph:level``, ...)."""

BASE = "urn:orgraph:data:"
"""The default prefix of the IRIs given to units, posts, people and events."""

_QUOTA = {"civil_servants": "civilServants", "public_employees": "publicEmployees"}
_QUOTA["contracts"] = "contracts"
_FORMATS = {"turtle": "turtle", "ttl": "turtle", "json-ld": "json-ld", "jsonld": "json-ld"}


def _rdflib() -> Any:
    return require("rdflib", extra="rdf", what="RDF export and import")


def _namespaces() -> dict[str, Any]:
    rdflib = _rdflib()
    ns = rdflib.namespace
    return {
        "org": ns.ORG,
        "foaf": ns.FOAF,
        "skos": ns.SKOS,
        "dcterms": ns.DCTERMS,
        "prov": ns.PROV,
        "time": ns.TIME,
        "xsd": ns.XSD,
        "rdfs": ns.RDFS,
        "rdf": ns.RDF,
        "orgraph": rdflib.Namespace(ORGRAPH),
    }


def to_rdf(org: Org, *, base: str = BASE) -> Any:
    """The structure as an ``rdflib.Graph`` in the ORG vocabulary.

    Examples
    --------
    >>> import orgraph
    >>> from rdflib.namespace import ORG, RDF
    >>> g = to_rdf(orgraph.load("examples/dam_ha/org.yaml"), base="https://example.org/")
    >>> (None, RDF.type, ORG.Post) in g
    True
    """
    rdflib = _rdflib()
    n = _namespaces()
    org_, og, rdf, xsd = n["org"], n["orgraph"], n["rdf"].type, n["xsd"]
    literal, bnode = rdflib.Literal, rdflib.BNode
    g = rdflib.Graph()
    for prefix, namespace in n.items():
        g.bind(prefix, namespace)

    def iri(kind: str, ident: str) -> Any:
        return rdflib.URIRef(f"{base}{kind}/{quote(ident, safe='')}")

    def add(subject: Any, predicate: Any, value: Any, datatype: Any = None) -> None:
        if value is not None:
            g.add((subject, predicate, literal(value, datatype=datatype)))

    blanks = iter(range(1, 1 << 62))

    def blank() -> Any:
        return bnode(f"b{next(blanks)}")

    structure = rdflib.URIRef(f"{base}structure")
    g.add((structure, rdf, og.Structure))
    add(structure, n["rdfs"].label, org.name)
    add(structure, og.asOf, org.date)
    units = {u.id: iri("unit", u.id) for u in org.units(include_ended=True)}
    for u in org.units(include_ended=True):
        node = units[u.id]
        g.add((node, rdf, org_.Organization))
        add(node, n["dcterms"].identifier, u.id)
        add(node, n["skos"].prefLabel, u.name)
        if u.parent is not None:
            g.add((node, rdf, org_.OrganizationalUnit))
            g.add((node, org_.subOrganizationOf, units[u.parent]))
            g.add((units[u.parent], org_.hasSubOrganization, node))
        add(node, org_.identifier, u.code)
        for name in ("kind", "level", "bloc", "funding"):
            add(node, og[name], getattr(u, name))
        for function in sorted(u.functions):
            add(node, og.function, function)
        for part, term in _QUOTA.items():
            add(node, og[term], getattr(u.quota, part), xsd.integer)
        add(node, og.founded, u.founded)
        add(node, og.ended, u.ended)
        if u.attrs:
            add(node, og.attrs, json.dumps(u.attrs, ensure_ascii=False), n["rdf"].JSON)
    roles: dict[str, Any] = {}
    posts = {p.id: p for p in org.posts(include_ended=True)}
    for p in posts.values():
        node = iri("post", p.id)
        g.add((node, rdf, org_.Post))
        add(node, n["dcterms"].identifier, p.id)
        add(node, n["skos"].prefLabel, p.title)
        g.add((node, org_.postIn, units[p.unit]))
        g.add((units[p.unit], org_.hasPost, node))
        if p.role not in roles:
            roles[p.role] = iri("role", p.role)
            g.add((roles[p.role], rdf, org_.Role))
            add(roles[p.role], n["skos"].notation, p.role)
        g.add((node, org_.role, roles[p.role]))
        add(node, og.leadership, p.leadership)
        add(node, og.ended, p.ended)
    for person in org.people():
        node = iri("person", person.id)
        g.add((node, rdf, n["foaf"].Person))
        add(node, n["dcterms"].identifier, person.id)
        add(node, n["foaf"].name, person.name)
        if person.attrs:
            add(node, og.attrs, json.dumps(person.attrs, ensure_ascii=False), n["rdf"].JSON)
    for a in org.appointments(include_ended=True):
        post, person = iri("post", a.post), iri("person", a.person)
        start = a.start.isoformat() if a.start else "-"
        node = iri("membership", f"{a.person}/{a.post}/{start}")
        g.add((node, rdf, org_.Membership))
        g.add((node, org_.member, person))
        g.add((node, org_.organization, units[posts[a.post].unit]))
        g.add((node, org_.role, roles[posts[a.post].role]))
        g.add((node, og.post, post))
        add(node, og.acting, a.acting)
        interval = blank()
        g.add((node, org_.memberDuring, interval))
        g.add((interval, rdf, n["time"].Interval))
        for when, term in ((a.start, "hasBeginning"), (a.end, "hasEnd")):
            if when is not None:
                instant = blank()
                g.add((interval, n["time"][term], instant))
                g.add((instant, rdf, n["time"].Instant))
                add(instant, n["time"].inXSDDate, when)
        if a.end is None:
            g.add((person, org_.holds, post))
            g.add((post, org_.heldBy, person))
    for link in org.links():
        source, target = units[link.source], units[link.target]
        g.add((source, org_.linkedTo, target))
        node = blank()
        g.add((node, rdf, og.Link))
        g.add((node, og.source, source))
        g.add((node, og.target, target))
        add(node, og.linkKind, link.kind)
        add(node, n["rdfs"].comment, link.note)
    events: dict[str, Any] = {}
    for index, event in enumerate(org.history):
        node = iri("event", event.id if event.id not in events else f"{event.id}~{index}")
        events.setdefault(event.id, node)
        g.add((node, rdf, org_.ChangeEvent))
        add(node, n["dcterms"].identifier, event.id)
        add(node, og["index"], index, xsd.integer)
        add(node, og.operation, event.operation.op)
        add(node, og.event, event.model_dump_json(exclude_defaults=True), n["rdf"].JSON)
        if event.effective is not None:
            started = datetime(event.effective.year, event.effective.month, event.effective.day)
            add(node, n["prov"].startedAtTime, started)
    for index, edge in enumerate(org.lineage):
        node = blank()
        g.add((node, rdf, og.LineageEdge))
        g.add((node, og.predecessor, iri("unit", edge.predecessor)))
        g.add((node, og.successor, iri("unit", edge.successor)))
        add(node, og.change, edge.change)
        add(node, og.eventId, edge.event)
        add(node, og.effective, edge.effective)
        add(node, og["index"], index, xsd.integer)
        event_node = events.get(edge.event)
        if event_node is not None:
            predecessor, successor = iri("unit", edge.predecessor), iri("unit", edge.successor)
            g.add((event_node, org_.originalOrganization, predecessor))
            g.add((event_node, org_.resultingOrganization, successor))
            g.add((predecessor, org_.changedBy, event_node))
            g.add((successor, org_.resultedFrom, event_node))
    return g


def _context() -> dict[str, str]:
    return {prefix: str(namespace) for prefix, namespace in _namespaces().items()}


def export_rdf(org: Org, path: str | Path, *, format: str | None = None, base: str = BASE) -> None:
    """Write the structure as Turtle or JSON-LD in the ORG vocabulary, atomically.

    Parameters
    ----------
    org : Org
        The structure.
    path : str or Path
        The file to write (``.ttl`` or ``.jsonld``).
    format : {"turtle", "json-ld"}, optional
        Default: from the suffix (``.jsonld`` is JSON-LD, anything else Turtle).
    base : str
        The prefix of the IRIs minted for units (``<base>unit/<id>``), posts, people,
        memberships and events, e.g. ``"https://data.example.gov.vn/org/"``.
    """
    kind = _format(path, format)
    g = to_rdf(org, base=base)
    if kind == "json-ld":
        text = g.serialize(format="json-ld", context=_context(), indent=2, auto_compact=True)
    else:
        text = g.serialize(format="turtle")
    atomic_write(path, text)


def _format(path: str | Path, format: str | None) -> str:
    if format is None:
        return "json-ld" if Path(path).suffix.lower() == ".jsonld" else "turtle"
    if format.lower() not in _FORMATS:
        raise ValueError(f"format must be 'turtle' or 'json-ld', not {format!r}")
    return _FORMATS[format.lower()]


def _tail(node: Any) -> str:
    text = str(node)
    return unquote(text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1])


def import_rdf(path: str | Path, *, format: str | None = None, name: str | None = None) -> Org:
    """Read a structure from Turtle or JSON-LD in the ORG vocabulary.

    Reads what :func:`export_rdf` writes, and plain ORG data: any ``org:Organization``
    or ``org:OrganizationalUnit`` is a unit (kind ``organization``/``unit`` and level
    ``unknown`` unless ``orgraph:kind``/``orgraph:level`` say), ids come from
    ``dcterms:identifier`` or the end of the IRI, and memberships become appointments
    when they name their post with ``orgraph:post``.

    Parameters
    ----------
    path : str or Path
        The file.
    format : {"turtle", "json-ld"}, optional
        Default: from the suffix.
    name : str, optional
        The structure's name (default: the ``orgraph:Structure``'s label, else the file
        name).
    """
    rdflib = _rdflib()
    text = read_text(path)
    g = rdflib.Graph()
    try:
        with warnings.catch_warnings():
            # rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph.
            warnings.filterwarnings("ignore", "ConjunctiveGraph", DeprecationWarning)
            g.parse(data=text, format=_format(path, format))
    except Exception as exc:  # rdflib's parsers raise many kinds of error
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UnreadableFileError(f"not valid RDF: {first}", path=path) from None
    where = [""]  # the node being read, for the error message
    try:
        return _read(g, path, name, where)
    except FileError:
        raise
    except (ValidationError, ValueError, TypeError) as exc:
        message = str(exc).splitlines()[0]
        if isinstance(exc, ValidationError):
            message = first_error_line(exc)
        raise FileError(message, path=path, item=where[0] or None) from None


def _read(g: Any, path: str | Path, name: str | None, where: list[str]) -> Org:
    n = _namespaces()
    org_, og, rdf = n["org"], n["orgraph"], n["rdf"].type

    def one(subject: Any, *predicates: Any) -> Any:
        for predicate in predicates:
            value = g.value(subject, predicate)
            if value is not None:
                return value.toPython() if hasattr(value, "toPython") else value
        return None

    def text(subject: Any, *predicates: Any) -> str | None:
        value = one(subject, *predicates)
        return None if value is None else str(value)

    def ident(node: Any) -> str:
        return text(node, n["dcterms"].identifier) or _tail(node)

    def day(value: Any) -> date | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])

    # Without a reasoner, each subclass of org:Organization has to be asked for.
    classes = [
        "Organization",
        "OrganizationalUnit",
        "FormalOrganization",
        "OrganizationalCollaboration",
    ]
    unit_nodes = list(dict.fromkeys(node for c in classes for node in g.subjects(rdf, org_[c])))
    ids = {node: ident(node) for node in unit_nodes}
    units = []
    for node in unit_nodes:
        where[0] = f"<{node}>"
        parent = g.value(node, org_.subOrganizationOf) or g.value(
            None, org_.hasSubOrganization, node
        )
        attrs = text(node, og.attrs)
        units.append(
            Unit.model_validate(
                {
                    "id": ids[node],
                    "name": text(node, n["skos"].prefLabel, n["rdfs"].label) or ids[node],
                    "kind": text(node, og.kind) or ("unit" if parent else "organization"),
                    "level": text(node, og.level) or "unknown",
                    "bloc": text(node, og.bloc),
                    "parent": None if parent is None else ids.get(parent, ident(parent)),
                    "code": text(node, org_.identifier),
                    "functions": sorted(str(f) for f in g.objects(node, og.function)),
                    "quota": {p: one(node, og[t]) for p, t in _QUOTA.items()},
                    "funding": text(node, og.funding),
                    "founded": day(one(node, og.founded)),
                    "ended": day(one(node, og.ended)),
                    "attrs": json.loads(attrs) if attrs else {},
                }
            )
        )
    posts = []
    post_ids = {}
    for node in g.subjects(rdf, org_.Post):
        where[0] = f"<{node}>"
        post_ids[node] = ident(node)
        unit = g.value(node, org_.postIn) or g.value(None, org_.hasPost, node)
        role = g.value(node, org_.role)
        leadership = one(node, og.leadership)
        record: dict[str, Any] = {
            "id": post_ids[node],
            "unit": None if unit is None else ids.get(unit, ident(unit)),
            "title": text(node, n["skos"].prefLabel, n["rdfs"].label) or post_ids[node],
            "role": "member" if role is None else text(role, n["skos"].notation) or _tail(role),
            "ended": day(one(node, og.ended)),
        }
        if leadership is not None:
            record["leadership"] = bool(leadership)
        posts.append(Post.model_validate(record))
    people = []
    person_ids = {}
    for node in g.subjects(rdf, n["foaf"].Person):
        where[0] = f"<{node}>"
        person_ids[node] = ident(node)
        attrs = text(node, og.attrs)
        people.append(
            Person(
                id=person_ids[node],
                name=text(node, n["foaf"].name, n["rdfs"].label) or person_ids[node],
                attrs=json.loads(attrs) if attrs else {},
            )
        )
    appointments = []
    for node in g.subjects(rdf, org_.Membership):
        where[0] = f"<{node}>"
        post, member = g.value(node, og.post), g.value(node, org_.member)
        if post is None or member is None:
            continue
        interval = g.value(node, org_.memberDuring)
        bounds = [
            None if instant is None else one(instant, n["time"].inXSDDate, n["time"].inXSDDateTime)
            for instant in (
                None if interval is None else g.value(interval, n["time"][term])
                for term in ("hasBeginning", "hasEnd")
            )
        ]
        appointments.append(
            Appointment(
                person=person_ids.get(member, ident(member)),
                post=post_ids.get(post, ident(post)),
                start=day(bounds[0]),
                end=day(bounds[1]),
                acting=bool(one(node, og.acting)),
            )
        )
    where[0] = "an orgraph:Link"
    links = [
        Link(
            source=ids.get(g.value(node, og.source), ident(g.value(node, og.source))),
            target=ids.get(g.value(node, og.target), ident(g.value(node, og.target))),
            kind=text(node, og.linkKind) or "linked",
            note=text(node, n["rdfs"].comment),
        )
        for node in g.subjects(rdf, og.Link)
    ]

    def index(node: Any) -> int:
        value = one(node, og["index"])
        return value if isinstance(value, int) else 0

    where[0] = "an org:ChangeEvent"
    history = [
        Event.model_validate_json(text(node, og.event) or "{}")
        for node in sorted(g.subjects(rdf, org_.ChangeEvent), key=index)
        if text(node, og.event)
    ]
    where[0] = "an orgraph:LineageEdge"
    lineage = [
        LineageEdge(
            predecessor=ids.get(
                g.value(node, og.predecessor), ident(g.value(node, og.predecessor))
            ),
            successor=ids.get(g.value(node, og.successor), ident(g.value(node, og.successor))),
            change=text(node, og.change) or "change",
            event=text(node, og.eventId) or "",
            effective=day(one(node, og.effective)),
        )
        for node in sorted(g.subjects(rdf, og.LineageEdge), key=index)
    ]
    if not lineage:
        # Plain ORG data: every original organisation of an event led to every result.
        for node in g.subjects(rdf, org_.ChangeEvent):
            for before, after in product(
                g.objects(node, org_.originalOrganization),
                g.objects(node, org_.resultingOrganization),
            ):
                lineage.append(
                    LineageEdge(
                        predecessor=ids.get(before, ident(before)),
                        successor=ids.get(after, ident(after)),
                        change="change",
                        event=ident(node),
                        effective=day(one(node, n["prov"].startedAtTime)),
                    )
                )
    where[0] = ""
    structure = next(iter(g.subjects(rdf, og.Structure)), None)
    return finish_org(
        path,
        name=name or (text(structure, n["rdfs"].label) if structure else None) or Path(path).stem,
        as_of=day(one(structure, og.asOf)) if structure else None,
        units=units,
        posts=posts,
        people=people,
        appointments=appointments,
        links=links,
        history=history,
        lineage=lineage,
    )
