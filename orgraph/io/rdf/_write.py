"""Writing RDF: a structure as an ``rdflib.Graph``, saved as Turtle or JSON-LD."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from orgraph.errors import UsageError
from orgraph.io._files import atomic_write
from orgraph.io.rdf._common import BASE, QUOTA, load_rdflib, namespaces, rdf_format
from orgraph.model import date_text
from orgraph.org import Org

__all__ = ["check_base", "export_rdf", "to_rdf"]


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
    rdflib = load_rdflib()
    n = namespaces()
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

    def add_date(subject: Any, predicate: Any, value: date | None, precision: str) -> None:
        # A date known only to the year or the month is an xsd:gYear or xsd:gYearMonth.
        if value is not None and precision != "day":
            kind = xsd.gYear if precision == "year" else xsd.gYearMonth
            add(subject, predicate, date_text(value, precision), kind)  # type: ignore[arg-type]
        else:
            add(subject, predicate, value)

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
        for part, term in QUOTA.items():
            add(node, og[term], getattr(u.quota, part), xsd.integer)
        add_date(node, og.founded, u.founded, u.founded_precision)
        add_date(node, og.ended, u.ended, u.ended_precision)
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
        if p.attrs:
            add(node, og.attrs, json.dumps(p.attrs, ensure_ascii=False), n["rdf"].JSON)
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
        for when, precision, term in (
            (a.start, a.start_precision, "hasBeginning"),
            (a.end, a.end_precision, "hasEnd"),
        ):
            if when is not None:
                instant = blank()
                g.add((interval, n["time"][term], instant))
                g.add((instant, rdf, n["time"].Instant))
                add_date(instant, n["time"].inXSDDate, when, precision)
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
        add_date(node, og.effective, edge.effective, edge.effective_precision)
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
    return {prefix: str(namespace) for prefix, namespace in namespaces().items()}


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
    kind = rdf_format(path, format)
    check_base(base)
    g = to_rdf(org, base=base)
    if kind == "json-ld":
        text = g.serialize(format="json-ld", context=_context(), indent=2, auto_compact=True)
    else:
        text = g.serialize(format="turtle")
    atomic_write(path, text)


_IRI_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


def check_base(base: str) -> None:
    """Refuse a ``base`` that cannot start an IRI (a space, no scheme): :class:`UsageError`.

    Examples
    --------
    >>> check_base("https://data.example.gov.vn/org/")
    >>> check_base("not a uri")
    Traceback (most recent call last):
    ...
    orgraph.errors.UsageError: --base 'not a uri' is not the start of an IRI: ...
    """
    if not _IRI_PREFIX.match(base):
        raise UsageError(
            f"--base {base!r} is not the start of an IRI: give a scheme and no spaces, "
            "e.g. https://data.example.gov.vn/org/"
        )
