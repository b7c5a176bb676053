"""The neutral chart model: which boxes, rows and edges to draw, before any syntax.

:func:`layout` turns a structure (or a before/after pair) and :class:`Settings` into a
:class:`Chart`; the DOT and Mermaid writers only serialise it. Text here is raw: each
writer escapes it for its own syntax.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from orgraph.errors import UnknownIdError
from orgraph.labels import change_word, label, level_word
from orgraph.render._badges import status_badges
from orgraph.render._chart import Box, Chart, Edge, Entry, Line
from orgraph.render._source import Source, count_below, holding, quota_text
from orgraph.render.options import MAX_BOXES, MAX_SIBLINGS, Settings

if TYPE_CHECKING:
    from orgraph.model import Post, Unit
    from orgraph.org import Org

__all__ = ["Box", "Chart", "Edge", "Entry", "Line", "layout"]

#: A parent's leaf units are stacked into one list box from this many on.
STACK_MIN = 2
#: At most this many post rows per unit.
MAX_POST_ROWS = 12


class _Builder:
    def __init__(self, source: Source, settings: Settings) -> None:
        self.source = source
        self.settings = settings
        self.boxes: list[Box] = []
        self.children: dict[str, list[str]] = {}
        self.where: dict[str, tuple[str, str | None]] = {}  # unit id -> (node, port)
        self.post_port: dict[str, tuple[str, str | None]] = {}  # post id -> (node, port)
        self.warnings: list[str] = []
        self._ports = 0
        self.lang = settings.lang
        org = source.org
        self.holding = holding(org)  # person -> current posts, in order
        # Ended units of a before/after chart show their posts as they were before.
        self.holding_before = holding(source.before) if source.before is not None else {}

    # ---------------------------------------------------------------- ids
    def _node(self) -> str:
        return f"n{len(self.boxes)}"

    def _port(self) -> str:
        self._ports += 1
        return f"p{self._ports}"

    # ---------------------------------------------------------------- walk
    def build(self, roots: list[str]) -> None:
        # Depth first with an explicit stack: a structure may be thousands of levels deep.
        for root in roots:
            stack = [(root, self._unit_box(root, depth=0), 0)]
            while stack:
                ident, node, depth = stack.pop()
                below = self._below(ident, node, depth=depth)
                stack.extend(reversed(below))

    def _below(self, ident: str, node: str, *, depth: int) -> list[tuple[str, str, int]]:
        """Draw the children of one unit; return the unit boxes to expand next."""
        settings, source = self.settings, self.source
        kids = source.kids[ident]
        if not kids or (settings.depth is not None and depth >= settings.depth):
            return []
        if len(kids) > MAX_SIBLINGS:
            self.warnings.append(
                f"{source.units[ident].name!r} has {len(kids)} sub-units side by side"
            )
        order = kids
        if settings.blocs:
            blocs = list(dict.fromkeys(source.units[k].bloc for k in kids))
            order = sorted(kids, key=lambda k: blocs.index(source.units[k].bloc))
        folded: dict[tuple[str, str | None], list[str]] = {}
        leaves: dict[str | None, list[str]] = {}
        for kid in order:
            unit = source.units[kid]
            fold = self._fold_key(unit, depth + 1)
            if fold is not None:
                folded.setdefault((fold, unit.bloc if settings.blocs else None), []).append(kid)
            elif (
                settings.stack
                and not self._staff(unit)
                and (
                    not source.kids[kid]
                    or (settings.depth is not None and depth + 1 >= settings.depth)
                )
            ):
                leaves.setdefault(unit.bloc if settings.blocs else None, []).append(kid)
        placed: set[tuple[str, object]] = set()
        child_nodes: list[str] = []
        expand: list[tuple[str, str, int]] = []
        for kid in order:
            unit = source.units[kid]
            bloc_key = unit.bloc if settings.blocs else None
            fold = self._fold_key(unit, depth + 1)
            if fold is not None:
                key: tuple[str, object] = ("count", (fold, bloc_key))
                if key not in placed:
                    placed.add(key)
                    child_nodes.append(self._count_box(folded[(fold, bloc_key)], fold, depth + 1))
            elif kid in leaves.get(bloc_key, ()) and len(leaves[bloc_key]) >= STACK_MIN:
                key = ("list", bloc_key)
                if key not in placed:
                    placed.add(key)
                    child_nodes.append(self._list_box(leaves[bloc_key], depth + 1))
            else:
                child = self._unit_box(kid, depth=depth + 1)
                child_nodes.append(child)
                expand.append((kid, child, depth + 1))
        self.children[node] = child_nodes
        return expand

    def _staff(self, unit: Unit) -> bool:
        """A staff/advisory unit: ``attrs: {staff: true}`` or a kind in ``staff``."""
        return unit.attrs.get("staff") is True or unit.kind in self.settings.staff

    def _fold_key(self, unit: Unit, depth: int) -> str | None:
        """The count a unit is folded into (``collapse``: level, kind or depth), if any."""
        collapse = self.settings.collapse
        if not collapse:
            return None
        if unit.level in collapse:
            return unit.level
        if unit.kind in collapse:
            return unit.kind
        deepest = [int(c) for c in collapse if c.isdigit()]
        if deepest and depth >= min(deepest):
            return unit.level
        return None

    # ---------------------------------------------------------------- boxes
    def _unit_box(self, ident: str, *, depth: int) -> str:
        node = self._node()
        entry = self._entry(ident, node, port=None, depth=depth)
        unit = self.source.units[ident]
        staff = depth > 0 and self._staff(unit)
        self.boxes.append(
            Box(
                node,
                "unit",
                [entry],
                unit.bloc,
                depth,
                status=entry.status,
                staff=staff,
                level=unit.level,
            )
        )
        return node

    def _list_box(self, idents: list[str], depth: int) -> str:
        node = self._node()
        longest = self.settings.max_list
        shown = idents if len(idents) <= longest else idents[: longest - 1]
        entries = [self._entry(i, node, port=self._port(), depth=depth) for i in shown]
        if len(shown) < len(idents):
            entries.append(self._more(idents[len(shown) :], node))
        bloc = self.source.units[idents[0]].bloc if self.settings.blocs else None
        statuses = tuple(dict.fromkeys(s for e in entries for s in e.status))
        level = self.source.units[idents[0]].level
        self.boxes.append(Box(node, "list", entries, bloc, depth, status=statuses, level=level))
        return node

    def _more(self, idents: list[str], node: str) -> Entry:
        """One list item standing for ``idents``: "+N more", all their names in the tooltip."""
        port = self._port()
        for ident in idents:
            self.where[ident] = (node, port)
        names = [self.source.units[i].name for i in idents]
        status: tuple[str, ...] = ()
        if self.source.changes is not None:
            touched = {s for i in idents for s in self.source.changes[i].status} - {"kept"}
            status = ("changed",) if touched else ()
        return Entry(
            idents[0],
            label("more", self.lang, n=len(idents)),
            [],
            status,
            tooltip=label("more_tip", self.lang, n=len(idents), names="; ".join(names)),
            port=port,
            folded=tuple(idents),
            folded_names=tuple(names),
        )

    def _count_box(self, idents: list[str], level: str, depth: int) -> str:
        node = self._node()
        units = self.source.units
        bloc = units[idents[0]].bloc if self.settings.blocs else None
        changes = self.source.changes
        status: tuple[str, ...] = ()
        level = level_word(level, self.lang)
        if changes is None:
            text = f"{len(idents)} × {level}"
        else:
            before = sum(1 for i in idents if changes[i].before is not None)
            after = sum(1 for i in idents if changes[i].after is not None)
            text = (
                f"{len(idents)} × {level}" if before == after else f"{before} → {after} × {level}"
            )
            touched = {s for i in idents for s in changes[i].status} - {"kept"}
            status = ("changed",) if touched else ("kept",)
        lines = []
        if self.settings.quota:
            total = sum(units[i].quota.total for i in idents if changes is None or changes[i].after)
            lines.append(Line(label("quota_in_all", self.lang, total=total), "quota"))
        below = sum(count_below(self.source, i) for i in idents)
        if below:
            lines.append(Line(label("sub_units", self.lang, n=below), "more"))
        tip = label("folded", self.lang, label=text)
        entry = Entry(idents[0], text, lines, status, tooltip=tip)
        self.boxes.append(
            Box(node, "count", [entry], bloc, depth, label=text, status=status, level=level)
        )
        for ident in idents:
            self.where[ident] = (node, None)
        return node

    def _entry(self, ident: str, node: str, *, port: str | None, depth: int) -> Entry:
        settings, source = self.settings, self.source
        unit = source.units[ident]
        org = source.org_of(ident)
        self.where[ident] = (node, port)
        lines: list[Line] = []
        badges: list[str] = []
        status: tuple[str, ...] = ()
        if source.changes is not None:
            change = source.changes[ident]
            status = change.status
            badges = status_badges(change, source.units, self.lang)
        concurrent = self._post_lines(ident, org, node, lines)
        # Diff charts leave it out: their badges are about what changed.
        if concurrent and not (settings.posts or settings.people) and source.changes is None:
            badges.append(label("concurrent_roles", self.lang))
        if settings.quota:
            text = quota_text(unit, self.lang)
            if text:
                lines.append(Line(text, "quota"))
        if settings.depth is not None and depth >= settings.depth and source.kids[ident]:
            below = count_below(source, ident)
            lines.append(Line(label("sub_units", self.lang, n=below), "more"))
        tooltip = label(
            "unit_tip", self.lang, name=unit.name, kind=unit.kind, level=unit.level, id=unit.id
        )
        return Entry(ident, unit.name, lines, status, badges, tooltip, port)

    def _post_lines(self, ident: str, org: Org, node: str, lines: list[Line]) -> bool:
        """Add head/post rows as the settings ask; True if a holder holds another post."""
        settings = self.settings
        posts: list[Post] = org.posts(ident) if org.has_unit(ident) else []
        head = org.head(ident) if posts else None
        shown: list[Post] = []
        if settings.posts:
            shown = sorted(posts, key=lambda p: p is not head)[:MAX_POST_ROWS]
        elif settings.people and head is not None:
            shown = [head]
        concurrent = False
        for post in posts:
            holders = org.holders(post.id)
            holding = self.holding if org is self.source.org else self.holding_before
            multi = any(len(holding.get(p.id, ())) > 1 for p in holders)
            concurrent = concurrent or multi
            if post not in shown:
                self.post_port.setdefault(post.id, self.where[ident])
                continue
            text = post.title
            if settings.people:
                text += ": " + (", ".join(p.name for p in holders) or label("vacant", self.lang))
            if multi:
                text += " " + label("concurrent", self.lang)
            port = self._port()
            self.post_port[post.id] = (node, port)
            lines.append(Line(text, "head" if post is head else "post", port))
        if settings.posts and len(posts) > MAX_POST_ROWS:
            lines.append(Line(label("more_posts", self.lang, n=len(posts) - MAX_POST_ROWS), "more"))
        return concurrent

    # ---------------------------------------------------------------- edges
    def edges(self) -> list[Edge]:
        edges: list[Edge] = []
        for parent, kids in self.children.items():
            edges.extend(Edge(parent, kid, "parent") for kid in kids)
        extra: list[Edge] = []
        seen: set[tuple[str, str, str]] = set()

        def add(a: tuple[str, str | None], b: tuple[str, str | None], edge: Edge) -> None:
            if a[0] == b[0]:
                # Inside one list box: only lineage between two of its units (a loop).
                if edge.kind != "lineage" or None in (a[1], b[1]) or a[1] == b[1]:
                    return
                key: tuple[str, str, str] = (a[0], f"{a[1]}>{b[1]}", edge.kind)
            else:
                key = (min(a[0], b[0]), max(a[0], b[0]), edge.kind)
            if key in seen:
                return
            seen.add(key)
            edge.tail, edge.tail_port, edge.head, edge.head_port = a[0], a[1], b[0], b[1]
            extra.append(edge)

        org = self.source.org
        for person, posts in self.holding.items():
            spots = [(p, self.post_port[p]) for p in posts if p in self.post_port]
            if len(spots) < 2:
                continue
            name = org.person(person).name
            held = "; ".join(
                f"{org.post(p).title} ({self.source.units[org.post(p).unit].name})"
                for p, _ in spots
                if org.post(p).unit in self.source.units
            )
            for (_, a), (_, b) in itertools.pairwise(spots):
                tip = label("holds", self.lang, name=name, posts=held)
                add(a, b, Edge("", "", "concurrent", tooltip=tip))
        if self.settings.links:
            for link in org.links():
                if link.source in self.where and link.target in self.where:
                    note = f"{link.kind}: {link.note}" if link.note else link.kind
                    add(
                        self.where[link.source],
                        self.where[link.target],
                        Edge("", "", "link", tooltip=note, style=link.kind),
                    )
        if self.source.changes is not None:
            units = self.source.units
            for ident, change in self.source.changes.items():
                for successor in change.successors:
                    if ident in self.where and successor in self.where:
                        verb = change_word(change.change or "merge", self.lang)
                        add(
                            self.where[ident],
                            self.where[successor],
                            Edge(
                                "",
                                "",
                                "lineage",
                                tooltip=f"{units[ident].name} → {units[successor].name} ({verb})",
                                label=verb,
                            ),
                        )
        return edges + extra


def _title(settings: Settings, source: Source, org: Org) -> str:
    """The title given, else the root unit's name (``root``), else the structure's name;
    a before/after chart names both structures when their names differ."""
    if settings.title is not None:
        return settings.title
    if settings.root is not None:
        return source.units[settings.root].name
    before = source.before
    if before is not None and before.name != org.name:
        return f"{before.name} → {org.name}"
    return org.name


def layout(
    org: Org,
    settings: Settings,
    *,
    before: Org | None = None,
    warn: Callable[[list[str]], None] | None = None,
) -> Chart:
    """Decide what to draw: boxes, rows, child order and edges (no syntax yet).

    ``before`` given: a union chart of ``before`` and ``org`` with unit statuses.
    Unknown ``settings.root`` raises :class:`~orgraph.UnknownIdError`.
    """
    source = Source(org, before)
    if settings.root is not None:
        if settings.root not in source.units:
            known = org.has_unit(settings.root) or (
                before is not None and before.has_unit(settings.root)
            )
            raise UnknownIdError(settings.root, expected="active unit" if known else "unit")
        roots = [settings.root]
    else:
        roots = source.roots()
    builder = _Builder(source, settings)
    builder.build(roots)
    edges = builder.edges()
    chart = Chart(
        title=_title(settings, source, org),
        date=org.date,
        boxes=builder.boxes,
        children=builder.children,
        edges=edges,
        diff=before is not None,
        settings=settings,
        warnings=builder.warnings,
        before_date=before.date if before is not None else None,
    )
    if chart.unit_count > MAX_BOXES:
        chart.warnings.insert(0, f"{chart.unit_count} units in one chart")
    if chart.warnings and warn is not None:
        warn(chart.warnings)
    return chart
