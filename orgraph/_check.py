"""The invariants of a structure, checked in one linear pass per record type."""

from __future__ import annotations

from datetime import date

import networkx as nx

from orgraph._store import MAY_CYCLE, POST, UNIT, _Store
from orgraph.errors import Violation
from orgraph.model import Appointment, Link, Post, Unit

__all__ = ["check_store"]


def check_store(store: _Store) -> list[Violation]:
    """Return every invariant violation of a structure (an empty list when it is valid)."""
    problems: list[Violation] = []
    units: dict[str, Unit] = {u.id: u for u in store.records(UNIT)}
    posts: dict[str, Post] = {p.id: p for p in store.records(POST)}
    _check_units(store, units, problems)
    _check_cycles(units, problems)
    _check_posts(units, posts, problems)
    appointments: list[Appointment] = list(store.edges("holds"))
    _check_appointments(posts, units, appointments, problems)
    _check_overlaps(appointments, problems)
    _check_links(units, list(store.edges("link")), problems)
    _check_lineage(store, problems)
    return problems


def _check_units(store: _Store, units: dict[str, Unit], problems: list[Violation]) -> None:
    for unit in units.values():
        item = f"unit {unit.id}"
        if unit.parent is None:
            continue
        parent = units.get(unit.parent)
        if parent is None:
            other = store.kind_of(unit.parent)
            problems.append(
                Violation(
                    "dangling_reference",
                    f"parent {unit.parent!r} is a {other}, not a unit"
                    if other is not None
                    else f"parent {unit.parent!r} does not exist",
                    (unit.id, unit.parent),
                    item,
                )
            )
        elif unit.ended is None and parent.ended is not None:
            problems.append(
                Violation(
                    "ended_parent",
                    f"active unit has ended parent {parent.id!r} (ended {parent.ended})",
                    (unit.id, parent.id),
                    item,
                )
            )


def _check_cycles(units: dict[str, Unit], problems: list[Violation]) -> None:
    # Follow parent pointers with three colours; each unit is walked once, so this is linear.
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in units:
        if start in state:
            continue
        path: list[str] = []
        current: str | None = start
        while current is not None and current in units and current not in state:
            state[current] = 1
            path.append(current)
            current = units[current].parent
        if current is not None and state.get(current) == 1:
            cycle = path[path.index(current) :]
            problems.append(
                Violation(
                    "cycle",
                    "parent hierarchy has a cycle: " + " -> ".join([*cycle, current]),
                    tuple(cycle),
                    f"unit {current}",
                )
            )
        for node in path:
            state[node] = 2


def _check_posts(units: dict[str, Unit], posts: dict[str, Post], problems: list[Violation]) -> None:
    for post in posts.values():
        item = f"post {post.id}"
        unit = units.get(post.unit)
        if post.ended is not None and unit is not None:
            continue
        if unit is None:
            problems.append(
                Violation(
                    "dangling_reference",
                    f"unit {post.unit!r} does not exist",
                    (post.id, post.unit),
                    item,
                )
            )
        elif unit.ended is not None:
            problems.append(
                Violation(
                    "post_on_ended_unit",
                    f"belongs to unit {unit.id!r}, which ended on {unit.ended}",
                    (post.id, unit.id),
                    item,
                )
            )


def _check_appointments(
    posts: dict[str, Post],
    units: dict[str, Unit],
    appointments: list[Appointment],
    problems: list[Violation],
) -> None:
    for appointment in appointments:
        if appointment.end is not None:
            continue
        post = posts.get(appointment.post)
        if post is not None and post.ended is not None:
            problems.append(
                Violation(
                    "appointment_on_ended_post",
                    f"active appointment to post {post.id!r}, abolished on {post.ended}",
                    (appointment.person, post.id),
                    f"appointment {appointment.person} -> {appointment.post}",
                )
            )
            continue
        unit = units.get(post.unit) if post else None
        if unit is not None and unit.ended is not None:
            problems.append(
                Violation(
                    "appointment_on_ended_unit",
                    f"active appointment to a post of unit {unit.id!r}, which ended",
                    (appointment.person, appointment.post, unit.id),
                    f"appointment {appointment.person} -> {appointment.post}",
                )
            )


def _span(appointment: Appointment) -> str:
    start = appointment.start or "an unknown date"
    end = f"until {appointment.end}" if appointment.end is not None else "still held"
    return f"from {start} ({end})"


def _check_overlaps(appointments: list[Appointment], problems: list[Violation]) -> None:
    # One person holding one post twice at once: per (person, post), in order of start,
    # each appointment is compared with the one reaching furthest so far (linear after
    # the sort).
    pairs: dict[tuple[str, str], list[Appointment]] = {}
    for appointment in appointments:
        pairs.setdefault((appointment.person, appointment.post), []).append(appointment)
    for (person, post), held in pairs.items():
        if len(held) < 2:
            continue
        held.sort(key=lambda a: (a.start is not None, a.start or date.min))
        furthest: Appointment | None = None
        for appointment in held:
            if furthest is not None and appointment.overlaps(furthest):
                problems.append(
                    Violation(
                        "overlapping_appointments",
                        f"person {person!r} holds post {post!r} twice at once: "
                        f"{_span(furthest)} and {_span(appointment)}",
                        (person, post),
                        f"appointment {person} -> {post}",
                    )
                )
            if furthest is None or _reaches_further(appointment, furthest):
                furthest = appointment


def _reaches_further(a: Appointment, b: Appointment) -> bool:
    if b.end is None:
        return False
    return a.end is None or a.end > b.end


def _check_links(units: dict[str, Unit], links: list[Link], problems: list[Violation]) -> None:
    for link in links:
        for end in (link.source, link.target):
            unit = units.get(end)
            if unit is not None and unit.ended is not None:
                problems.append(
                    Violation(
                        "link_to_ended_unit",
                        f"link {link.kind} touches unit {end!r}, which ended on {unit.ended}",
                        (link.source, link.target),
                        f"link {link.source} -> {link.target}",
                    )
                )


def _check_lineage(store: _Store, problems: list[Violation]) -> None:
    lineage: nx.DiGraph[str] = nx.DiGraph()
    for edge in store.lineage:
        for end in (edge.predecessor, edge.successor):
            if not store.is_(end, UNIT):
                problems.append(
                    Violation(
                        "dangling_reference",
                        f"lineage refers to unknown unit {end!r}",
                        (end,),
                        f"lineage {edge.predecessor} -> {edge.successor}",
                    )
                )
        # Functions can move back and forth between bodies that go on, and a body can
        # come back: those lineage kinds may close a cycle.
        if edge.change not in MAY_CYCLE:
            lineage.add_edge(edge.predecessor, edge.successor)
    # A body that came back under its own id may lie on a cycle: it was both before and
    # after its successors. The history says so (a reestablish), and so do the records
    # when there is no history (a structure rebuilt from tables): a unit that ended into
    # a successor and is active now, or ended again later, came back.
    lineage.remove_nodes_from(store.reestablished() | _came_back(store))
    if lineage.number_of_edges() and not nx.is_directed_acyclic_graph(lineage):
        cycle = [u for u, _ in nx.find_cycle(lineage)]
        problems.append(
            Violation(
                "lineage_cycle",
                "lineage has a cycle: " + " -> ".join([*cycle, cycle[0]]),
                tuple(cycle),
                "lineage",
            )
        )


def _came_back(store: _Store) -> set[str]:
    """Units whose records show they ended into a successor and came back: the unit is
    active, or ended after the date of that lineage (which ends its predecessor)."""
    back = set()
    for edge in store.lineage:
        if edge.change in MAY_CYCLE:
            continue
        unit = store.unit_or_none(edge.predecessor)
        if unit is None:
            continue
        if unit.ended is None or (edge.effective is not None and edge.effective < unit.ended):
            back.add(unit.id)
    return back
