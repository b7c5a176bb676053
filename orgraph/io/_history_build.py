"""Turn change tables into a history of typed operations, in date order.

- Each **unit row** is a period of a body (several rows per id: its names over time, or
  a comeback). A body is established on its first founding date; a row that starts the
  day the previous one ends is a ``rename`` (and ``reparent``); a later one, after a gap,
  a ``reestablish``. A founding or end date known only to the year or month stands for
  its first day, and the unit's ``founded_precision`` / ``ended_precision`` (and the
  precision of the operations dated by it) keep that.
- **Links** of one type on one date that share a predecessor or a successor form one
  change: ``merge`` (and ``absorb``) folds each predecessor into the successor, ``split``
  ends the predecessor onto its successors (``split_onto``; when the predecessor goes
  on, a ``spin_off`` to each), ``replace`` a ``replace``, ``transfer`` a ``spin_off``
  (the source goes on), ``dissolve`` a ``split_onto`` with change ``dissolve``. Each is
  dated the day the predecessor ends (the units table decides what exists on a day; a
  link dated otherwise is warned about). A successor exists by then: it is established
  on that day if it is founded later (a gap), its record keeping its own founding date.
- A body that ends with no link is dissolved (with a warning).
- **Posts** are created with their unit; **people** exist from the start, a later row
  of the same person renames them (``rename_person``); **appointments** are ``appoint``
  on their start and ``release`` on their end.

On one day: units are established (parents first) and their posts created, renamed or
re-established; appointments that end are released; links take effect; bodies with no
link end; appointments that start are made; people are renamed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from orgraph.engine import apply, apply_one
from orgraph.errors import FileError, OperationError
from orgraph.io.history_tables import Row, Tables, parse_date
from orgraph.model import Appointment, DatePrecision, Person, Post, Unit
from orgraph.ops import (
    Absorb,
    Appoint,
    CreatePost,
    Dissolve,
    Establish,
    OperationBase,
    Reestablish,
    Release,
    Rename,
    RenamePerson,
    Reparent,
    Replace,
    Share,
    SpinOff,
    SplitOnto,
)
from orgraph.org import Org

__all__ = ["build"]

_ESTABLISH, _CHANGE, _RELEASE, _LINK, _END, _APPOINT, _PERSON = range(7)


@dataclass
class _Period:
    row: Row
    id: str
    name: str
    founded: date | None
    ended: date | None
    fields: dict[str, Any]
    founded_precision: DatePrecision = "day"
    ended_precision: DatePrecision = "day"
    continued: bool = False
    """The next row of the same body starts the day this one ends (a rename)."""


class _Builder:
    def __init__(self, tables: Tables, *, strict: bool) -> None:
        self.tables = tables
        self.strict = strict
        self.warnings: list[str] = []
        self.steps: list[tuple[date, int, int, Row, OperationBase]] = []
        self.known: set[str] = set()
        #: The precision of each (predecessor, day) a link ends.
        self.precisions: dict[tuple[str, date], DatePrecision] = {}

    def warn(self, row: Row | None, message: str) -> None:
        text = f"{row.where}: {message}" if row else message
        if self.strict:
            raise FileError(
                message, path=row.file if row else None, item=f"row {row.row}" if row else None
            )
        self.warnings.append(text)

    def add(self, when: date, phase: int, row: Row, op: OperationBase) -> None:
        self.steps.append((when, phase, len(self.steps), row, op))

    def value(self, row: Row, column: str | None, table: Any, name: str) -> str | None:
        if column is not None and row.values.get(column):
            return row.values[column]
        fixed = table.set.get(name)
        return None if fixed is None else str(fixed)

    def day(self, row: Row, column: str | None) -> tuple[date, DatePrecision] | None:
        if column is None:
            return None
        try:
            return parse_date(row.values.get(column, ""))
        except ValueError:
            self.warn(row, f"{column} {row.values.get(column)!r} is not a date; left empty")
            return None

    # ------------------------------------------------------------------ units
    def periods(self) -> dict[str, list[_Period]]:
        table = self.tables.mapping.units
        found: dict[str, list[_Period]] = defaultdict(list)
        for row in self.tables.rows["units"]:
            ident = row.values.get(table.id, "")
            name = row.values.get(table.name, "")
            if not ident or not name:
                self.warn(row, "no id or no name; skipped")
                continue
            founded, ended = self.day(row, table.founded), self.day(row, table.ended)
            fields = {
                "kind": self.value(row, table.kind, table, "kind") or "unit",
                "level": self.value(row, table.level, table, "level") or "unit",
                "parent": self.value(row, table.parent, table, "parent"),
            }
            start, end = founded and founded[0], ended and ended[0]
            if start and end and end < start:
                self.warn(row, f"ends ({end}) before it is founded ({start}); end left out")
                end = ended = None
            period = _Period(row, ident, name, start, end, fields)
            period.founded_precision = founded[1] if founded else "day"
            period.ended_precision = ended[1] if ended else "day"
            found[ident].append(period)
        for spans in found.values():
            spans.sort(key=lambda p: p.founded or date.min)
            for previous, period in pairwise(spans):
                start = period.founded or previous.ended
                previous.continued = previous.ended is not None and start == previous.ended
        return found

    def units(self, periods: dict[str, list[_Period]], ending: dict[str, date]) -> None:
        for ident, spans in periods.items():
            first = spans[0]
            if first.founded is None:
                self.warn(first.row, "no founding date; taken as existing from the start")
            when = first.founded or date.min
            if ident in ending and first.founded and ending[ident] < first.founded:
                when = ending[ident]  # a successor founded after its predecessors end (a gap)
            unit = Unit(
                id=ident,
                name=first.name,
                founded=first.founded,
                founded_precision=first.founded_precision,
                **first.fields,
            )
            exact = first.founded_precision if when == first.founded else "day"
            establish = Establish(unit=unit, effective=when, effective_precision=exact)
            self.add(when, _ESTABLISH, first.row, establish)
            for previous, period in pairwise(spans):
                if previous.ended is None or (period.founded and period.founded < previous.ended):
                    self.warn(period.row, "overlaps the previous row of this unit; skipped")
                    continue
                start = period.founded or previous.ended
                dated: dict[str, Any] = {
                    "effective": start,
                    "effective_precision": period.founded_precision
                    if period.founded
                    else previous.ended_precision,
                }
                if previous.continued:
                    if period.name != previous.name:
                        rename = Rename(unit=ident, name=period.name, **dated)
                        self.add(start, _CHANGE, period.row, rename)
                    if period.fields["parent"] != previous.fields["parent"]:
                        move = Reparent(unit=ident, parent=period.fields["parent"], **dated)
                        self.add(start, _CHANGE, period.row, move)
                    continue
                back = Reestablish(unit=ident, name=period.name, **dated)
                self.add(start, _CHANGE, period.row, back)

    # ------------------------------------------------------------------ links
    def links(self, periods: dict[str, list[_Period]]) -> set[tuple[str, date]]:
        """Queue the link operations; the (unit, day) pairs they end."""
        table = self.tables.mapping.links
        if table is None:
            return set()
        groups: dict[tuple[str, date], list[tuple[Row, str, str]]] = defaultdict(list)
        kind: str | None
        for row in self.tables.rows["links"]:
            pred, succ = row.values.get(table.predecessor, ""), row.values.get(table.successor, "")
            kind = table.types.get(row.values.get(table.type, ""))
            if kind is None:
                self.warn(row, f"link type {row.values.get(table.type)!r} is not in types; skipped")
                continue
            missing = [i for i in (pred, succ) if i not in periods]
            if missing:
                self.warn(row, f"unit {missing[0]!r} is not in the units table; skipped")
                continue
            parsed = self.day(row, table.date)
            end = self.end_near(periods[pred], parsed[0] if parsed else None)
            when = end or (parsed[0] if parsed else None)
            if when is None:
                self.warn(row, "the link has no date and its predecessor no end; skipped")
                continue
            if parsed and end and parsed[0] != end and kind != "transfer":
                self.warn(
                    row,
                    f"link dated {parsed[0]} but {pred!r} ends on {end}; applied on {end}",
                )
            groups[(kind, when)].append((row, pred, succ))
            if when == end:
                precision = next(p.ended_precision for p in periods[pred] if p.ended == end)
            else:
                precision = parsed[1] if parsed else "day"
            self.precisions[(pred, when)] = precision
        ended: set[tuple[str, date]] = set()
        for (kind, when), links in groups.items():
            by_pred: dict[str, list[str]] = defaultdict(list)
            rows: dict[str, Row] = {}
            for row, pred, succ in links:
                by_pred[pred].append(succ)
                rows.setdefault(pred, row)
            for pred, succs in by_pred.items():
                goes_on = self.end_near(periods[pred], when) != when
                op = self.link_op(kind, pred, succs, when, goes_on, rows[pred])
                if op is not None:
                    self.add(when, _LINK, rows[pred], op)
                    if not isinstance(op, SpinOff):
                        ended.add((pred, when))
        return ended

    @staticmethod
    def end_near(spans: list[_Period], when: date | None) -> date | None:
        ends = [p.ended for p in spans if p.ended is not None and not p.continued]
        if not ends:
            return None
        if when is None:
            return ends[-1]
        return min(ends, key=lambda e: abs((e - when).days))

    def link_op(
        self, kind: str, pred: str, succs: list[str], when: date, goes_on: bool, row: Row
    ) -> OperationBase | None:
        common: dict[str, Any] = {
            "effective": when,
            "effective_precision": self.precisions.get((pred, when), "day"),
        }
        if kind == "transfer" or (kind == "split" and goes_on):
            if len(succs) == 1:
                return SpinOff(source=pred, into=succs[0], **common)
            for succ in succs[1:]:
                self.add(when, _LINK, row, SpinOff(source=pred, into=succ, **common))
            return SpinOff(source=pred, into=succs[0], **common)
        if goes_on:
            self.warn(row, f"a {kind} link, but {pred!r} does not end on {when}; skipped")
            return None
        if kind in ("merge", "absorb") and len(succs) == 1:
            return Absorb(sources=[pred], into=succs[0], **common)
        if kind == "replace" and len(succs) == 1:
            return Replace(unit=pred, by=succs[0], **common)
        change = "dissolve" if kind == "dissolve" else "split"
        return SplitOnto(source=pred, onto=[Share(unit=s) for s in succs], change=change, **common)

    # ------------------------------------------------------------------ the rest
    def ends(self, periods: dict[str, list[_Period]], by_links: set[tuple[str, date]]) -> None:
        for ident, spans in periods.items():
            for period in spans:
                if period.ended is None or period.continued or (ident, period.ended) in by_links:
                    continue
                self.warn(period.row, f"{ident!r} ends on {period.ended} with no link")
                dissolve = Dissolve(
                    unit=ident,
                    effective=period.ended,
                    effective_precision=period.ended_precision,
                )
                self.add(period.ended, _END, period.row, dissolve)

    def posts(self) -> None:
        table = self.tables.mapping.posts
        if table is None:
            return
        for row in self.tables.rows["posts"]:
            attrs = {c: row.values[c] for c in table.attrs if row.values.get(c)}
            post = Post(
                id=row.values.get(table.id, ""),
                unit=row.values.get(table.unit, ""),
                title=row.values.get(table.title, "") or row.values.get(table.id, ""),
                role=self.value(row, table.role, table, "role") or "post",
                attrs=attrs,
            )
            self.add(date.min, _ESTABLISH + 1, row, CreatePost(post=post))

    def people(self) -> list[Person]:
        table = self.tables.mapping.people
        if table is None:
            return []
        spells: dict[str, list[tuple[date, DatePrecision, Row, str]]] = defaultdict(list)
        for row in self.tables.rows["people"]:
            start = self.day(row, table.from_) or (date.min, "day")
            spells[row.values.get(table.id, "")].append(
                (start[0], start[1], row, row.values.get(table.name, ""))
            )
        people = []
        self.known = set(spells)
        for ident, names in spells.items():
            names.sort(key=lambda n: n[0])
            people.append(Person(id=ident, name=names[0][3]))
            for when, precision, row, name in names[1:]:
                rename = RenamePerson(
                    person=ident, name=name, effective=when, effective_precision=precision
                )
                self.add(when, _PERSON, row, rename)
        return people

    def appointments(self) -> None:
        table = self.tables.mapping.appointments
        if table is None:
            return
        held: dict[tuple[str, str], list[tuple[Appointment, Row]]] = {}
        for row in self.tables.rows["appointments"]:
            start, end = self.day(row, table.start), self.day(row, table.end)
            person, post = row.values.get(table.person, ""), row.values.get(table.post, "")
            if start is None:
                self.warn(row, "the appointment has no start; skipped")
                continue
            if end and end[0] < start[0]:
                self.warn(row, f"the appointment ends ({end[0]}) before it starts; skipped")
                continue
            span = Appointment.model_construct(
                person=person, post=post, start=start[0], end=end[0] if end else None
            )
            clash = next((r for a, r in held.get((person, post), []) if a.overlaps(span)), None)
            if clash is not None:
                self.warn(row, _overlap_message(person, post, span, clash))
                continue
            held.setdefault((person, post), []).append((span, row))
            who: str | Person = person
            if person not in self.known:
                self.warn(row, f"person {person!r} is not in the people table; named by the id")
                self.known.add(person)
                who = Person(id=person, name=person)
            acting = (self.value(row, table.acting, table, "acting") or "").lower() in (
                "1",
                "true",
                "yes",
                "acting",
            )
            self.add(
                start[0],
                _APPOINT,
                row,
                Appoint(
                    person=who,
                    post=post,
                    acting=acting,
                    effective=start[0],
                    effective_precision=start[1],
                ),
            )
            if end:
                release = Release(
                    person=person, post=post, effective=end[0], effective_precision=end[1]
                )
                self.add(end[0], _RELEASE, row, release)


def build(tables: Tables, *, name: str, strict: bool) -> tuple[Org, list[str]]:
    """The structure and its history from the tables; the warnings about defects."""
    builder = _Builder(tables, strict=strict)
    periods = builder.periods()
    by_links = builder.links(periods)
    ending: dict[str, date] = {}
    for when, _, _, _, op in builder.steps:
        for succ in _successors(op):
            ending[succ] = min(ending.get(succ, when), when)
    builder.units(periods, ending)
    builder.ends(periods, by_links)
    builder.posts()
    people = builder.people()
    builder.appointments()
    org = apply(Org.create(name=name, people=people), [])
    established: dict[str, date] = {}
    skipped: set[tuple[str, int]] = set()
    for when, _phase, _, row, op in sorted(builder.steps, key=_order(builder, periods)):
        if isinstance(op, CreatePost):
            when = established.get(op.post.unit, date.min)
            op = op.model_copy(update={"effective": None if when == date.min else when})
        if isinstance(op, Release) and (row.file, row.row) in skipped:
            continue  # its appointment was skipped, and said so
        try:
            apply_one(org, op)
        except OperationError as exc:
            builder.warn(row, _skip_reason(op, exc))
            skipped.add((row.file, row.row))
            continue
        if isinstance(op, Establish):
            established[op.unit.id] = when
    return org, builder.warnings


def _successors(op: OperationBase) -> list[str]:
    if isinstance(op, Absorb):
        return [op.into]
    if isinstance(op, Replace) and isinstance(op.by, str):
        return [op.by]
    if isinstance(op, SpinOff) and isinstance(op.into, str):
        return [op.into]
    if isinstance(op, SplitOnto):
        return [s.unit for s in op.onto]
    return []


def _order(builder: _Builder, periods: dict[str, list[_Period]]) -> Any:
    depth: dict[str, int] = {}

    def level(ident: str | None, seen: frozenset[str] = frozenset()) -> int:
        if ident is None or ident not in periods or ident in seen:
            return 0
        if ident not in depth:
            parent = periods[ident][0].fields["parent"]
            depth[ident] = 1 + level(parent, seen | {ident})
        return depth[ident]

    def key(step: tuple[date, int, int, Row, OperationBase]) -> tuple[Any, ...]:
        when, phase, index, _, op = step
        if isinstance(op, CreatePost):
            unit = periods.get(op.post.unit)
            when = unit[0].founded or date.min if unit else date.min
        tie = level(op.unit.id) if isinstance(op, Establish) else 0
        return (when, phase, tie, index)

    return key


def _overlap_message(person: str, post: str, span: Appointment, clash: Row) -> str:
    until = f"until {span.end}" if span.end else "with no end"
    return (
        f"{person!r} would hold {post!r} twice at once: this appointment (from {span.start}, "
        f"{until}) overlaps the one in {clash.where}; skipped"
    )


def _skip_reason(op: OperationBase, exc: OperationError) -> str:
    first = exc.violations[0]
    if isinstance(op, Appoint) and first.code in ("unknown_post", "ended_post"):
        return f"post {op.post!r} is held before its unit exists (or after it ended); skipped"
    return f"{op.op} skipped: {first.message}"
