"""Reading RDF: Turtle or JSON-LD in the ORG vocabulary back into a structure."""

from __future__ import annotations

import json
import re
import warnings
from datetime import date, datetime
from itertools import product
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from pydantic import ValidationError

from orgraph.errors import FileError, UnreadableFileError
from orgraph.history import Event, LineageEdge
from orgraph.io._files import plain_message
from orgraph.io.interchange import finish_org, given_name, parse_date, read_text
from orgraph.io.rdf._common import QUOTA, load_rdflib, namespaces, rdf_format
from orgraph.model import Appointment, Link, Person, Post, Unit
from orgraph.org import Org

__all__ = ["import_rdf"]

_REDUCED = re.compile(r"\d{4}(-\d{2})?")


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
    name = given_name(name)
    rdflib = load_rdflib()
    text = read_text(path)
    g = rdflib.Graph()
    try:
        with warnings.catch_warnings():
            # rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph.
            warnings.filterwarnings("ignore", "ConjunctiveGraph", DeprecationWarning)
            g.parse(data=text, format=rdf_format(path, format))
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
            error = exc.errors(include_url=False)[0]
            loc = ".".join(str(p) for p in error["loc"])
            message = (f"{loc}: " if loc else "") + plain_message(error)
        raise FileError(message, path=path, item=where[0] or None) from None


def _read(g: Any, path: str | Path, name: str | None, where: list[str]) -> Org:
    n = namespaces()
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

    def day(value: Any) -> date | str | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if _REDUCED.fullmatch(str(value)):
            return str(value)  # xsd:gYear or xsd:gYearMonth: the record keeps the precision
        return date.fromisoformat(str(value)[:10])

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
                    "quota": {p: one(node, og[t]) for p, t in QUOTA.items()},
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
        attrs = text(node, og.attrs)
        if attrs:
            record["attrs"] = json.loads(attrs)
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
        as_of=parse_date(one(structure, og.asOf)) if structure else None,
        units=units,
        posts=posts,
        people=people,
        appointments=appointments,
        links=links,
        history=history,
        lineage=lineage,
    )
