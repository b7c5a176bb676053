"""Structures built by hand for chart tests, and helpers that read charts back."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

from orgraph import Appointment, Link, Org, Person, Post, Quota, Unit

SVG = "{http://www.w3.org/2000/svg}"


def small_chart_org(*, name: str = "Test district") -> Org:
    """A district with a party committee (3 boards), a people's committee (2 offices, one
    with a school), two communes (one with 2 villages); one person heads both committees;
    one dotted-line link from a board to an office."""
    units = [
        Unit(id="d", name="District", kind="district", level="district"),
        Unit(
            id="p",
            name="Party Committee",
            kind="party",
            level="district",
            bloc="party",
            parent="d",
            quota=Quota(civil_servants=3),
        ),
        Unit(id="p1", name="Board One", kind="board", level="district", bloc="party", parent="p"),
        Unit(id="p2", name="Board Two", kind="board", level="district", bloc="party", parent="p"),
        Unit(id="p3", name="Board Three", kind="board", level="district", bloc="party", parent="p"),
        Unit(
            id="s",
            name="People's Committee",
            kind="committee",
            level="district",
            bloc="state",
            parent="d",
            quota=Quota(civil_servants=4, contracts=1),
        ),
        Unit(
            id="s1",
            name="Education Office",
            kind="office",
            level="district",
            bloc="state",
            parent="s",
            quota=Quota(civil_servants=5),
        ),
        Unit(
            id="s1a",
            name="Primary School",
            kind="school",
            level="district",
            bloc="state",
            parent="s1",
        ),
        Unit(
            id="s2",
            name="Finance Office",
            kind="office",
            level="district",
            bloc="state",
            parent="s",
            quota=Quota(civil_servants=6),
        ),
        Unit(id="c1", name="Commune One", kind="commune", level="commune", parent="d"),
        Unit(id="c2", name="Commune Two", kind="commune", level="commune", parent="d"),
        Unit(id="v1", name="Village One", kind="village", level="village", parent="c1"),
        Unit(id="v2", name="Village Two", kind="village", level="village", parent="c1"),
    ]
    posts = [
        Post(id="p.head", unit="p", title="Secretary", role="head"),
        Post(id="s.head", unit="s", title="Chair", role="head"),
        Post(id="s.deputy", unit="s", title="Vice-chair", role="deputy"),
        Post(id="s1.head", unit="s1", title="Head of office", role="head"),
    ]
    people = [
        Person(id="x", name="Nguyễn Văn X"),
        Person(id="y", name="Trần Thị Y"),
        Person(id="z", name="Lê Văn Z"),
    ]
    appointments = [
        Appointment(person="x", post="p.head", start=date(2015, 1, 1)),
        Appointment(person="x", post="s.head", start=date(2016, 1, 1)),
        Appointment(person="y", post="s.deputy", start=date(2016, 1, 1)),
        Appointment(person="z", post="s1.head", start=date(2016, 1, 1)),
    ]
    links = [Link(source="p2", target="s2", kind="dotted_line", note="guidance")]
    return Org.create(
        name=name,
        date=date(2020, 1, 1),
        units=units,
        posts=posts,
        people=people,
        appointments=appointments,
        links=links,
    )


def one_unit_org(name: str, *, title: str = "Head", person: str = "Person") -> Org:
    """A root and one child unit called ``name`` whose head is held by ``person``.

    The hostile records are built without validation (``model_construct``), as a careless
    importer might: the model refuses control characters, and the renderer must still
    defend itself against them.
    """
    return Org.create(
        name="Hostile",
        date=date(2020, 1, 1),
        units=[
            Unit(id="root", name="Root", kind="district", level="district"),
            Unit.model_construct(id="u", name=name, kind="office", level="district", parent="root"),
        ],
        posts=[
            Post.model_construct(id="u.head", unit="u", title=title, role="head", leadership=True)
        ],
        people=[Person.model_construct(id="x", name=person)],
        appointments=[Appointment(person="x", post="u.head")],
    )


def svg_texts(svg: bytes | str) -> list[str]:
    """Every ``<text>`` of an SVG, parsed as XML (so invalid XML fails the test), then the
    text of each node group with its lines joined by spaces (long names wrap in boxes)."""
    root = ET.fromstring(svg)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    for group in root.iter(f"{SVG}g"):
        if "node" in group.get("class", "").split():
            lines = ["".join(t.itertext()) for t in group.iter(f"{SVG}text")]
            texts.append(" ".join(lines))
            # A wrapped name is a run of consecutive lines: add every run.
            for a in range(len(lines)):
                for b in range(a + 2, min(len(lines), a + 6) + 1):
                    texts.append(" ".join(lines[a:b]))
    return texts


def unwrap(source: str) -> str:
    """DOT text with the line breaks of wrapped names turned back into spaces."""
    return source.replace("<BR/>", " ")


def svg_classes(svg: bytes | str) -> list[set[str]]:
    """The ``class`` sets of every node group of an SVG."""
    root = ET.fromstring(svg)
    return [
        set(g.get("class", "").split())
        for g in root.iter(f"{SVG}g")
        if "node" in g.get("class", "").split()
    ]


def dot_edges(source: str) -> list[tuple[str, str, str]]:
    """``(tail, head, attributes)`` of every edge statement in DOT text (ports dropped)."""
    found = []
    for match in re.finditer(
        r"^\s*(n\d+)(?::\w+)? -> (n\d+)(?::\w+)?(?: \[(.*)\])?$", source, re.M
    ):
        found.append((match[1], match[2], match[3] or ""))
    return found


def node_of(source: str, name: str) -> str:
    """The DOT node id of the box whose label holds the bold or struck ``name``."""
    for line in unwrap(source).splitlines():
        if f"<B>{name}</B>" in line or f"<S>{name}</S>" in line:
            found = re.match(r"^\s*(n\d+) \[label=<", line)
            if found:
                return found[1]
    raise AssertionError(f"no box for {name!r}")


FIXED_NODES = ("title", "legend", "notes", "corner", "band", "marker")


def box_nodes(source: str) -> list[str]:
    """The ids of the unit, list and count boxes of DOT text (not title, legend, ...)."""
    found = re.findall(r"^\s*(\w+) \[label=<", source, re.M)
    return [n for n in found if not n.startswith(FIXED_NODES)]
