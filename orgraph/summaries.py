"""What the command line reports, as data: summaries, rows and sections of lines.

Each function here reads structures, metrics, comparisons or diffs and returns plain
data (strings, rows, titled sections); the CLI only prints or tabulates it. Keeping the
wording here means a program gets exactly what ``orgraph`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from orgraph.compare import changes
from orgraph.labels import label
from orgraph.lineage import edges_of
from orgraph.metrics import flatten
from orgraph.model import DatePrecision, date_text

if TYPE_CHECKING:
    from orgraph.compare import Comparison, ScenarioChanges
    from orgraph.diff import Diff
    from orgraph.metrics import Metrics, QuotaTotals
    from orgraph.model import Quota
    from orgraph.org import Org

__all__ = [
    "LINEAGE_COLUMNS",
    "ApplySummary",
    "LineageRow",
    "Section",
    "TableData",
    "apply_summary",
    "changes_lines",
    "comparison_rows",
    "diff_lines",
    "diff_sections",
    "lineage_rows",
    "metrics_tables",
    "quota_text",
    "signed",
]


def signed(value: float) -> str:
    """``+3``, ``-2`` or ``0``; floats rounded to three places."""
    if isinstance(value, float):
        value = round(value, 3)
    return f"+{value}" if value > 0 else str(value)


def quota_text(quota: QuotaTotals) -> str:
    """A quota total with its three parts, in words."""
    return (
        f"{quota.total} (civil servants {quota.civil_servants}, "
        f"public employees {quota.public_employees}, contracts {quota.contracts})"
    )


# ---------------------------------------------------------------------------- apply
@dataclass(frozen=True, slots=True)
class ApplySummary:
    """What applying a scenario did: counts of units, posts and people, quota cut."""

    scenario: str
    operations: int
    established: int
    ended: int
    posts_created: int
    posts_abolished: int
    released: int
    appointed: int
    quota_cut: QuotaTotals
    focal_before: int
    focal_after: int

    def lines(self, lang: str = "en") -> list[str]:
        """The lines ``orgraph apply`` prints (labels in ``lang``: ``en`` or ``vi``)."""
        return [
            f"scenario: {self.scenario}",
            f"operations applied: {self.operations}",
            f"units: {self.established} established, {self.ended} ended",
            f"posts: {self.posts_created} created, {self.posts_abolished} abolished",
            f"people: {self.released} released, {self.appointed} appointed",
            f"{label('quota_cut', lang)}: {quota_text(self.quota_cut)}",
            f"{label('units_change', lang)}: {self.focal_before} -> {self.focal_after} "
            f"({signed(self.focal_after - self.focal_before)})",
        ]


def apply_summary(before: Org, after: Org, *, scenario: str) -> ApplySummary:
    """Summarise what turned ``before`` into ``after`` (the events ``after`` added)."""
    events = after.history[len(before.history) :]
    done = changes(before, after, events)
    return ApplySummary(
        scenario=scenario,
        operations=len(events),
        established=len(done.units_established),
        ended=len(done.units_removed),
        posts_created=len(done.posts_created),
        posts_abolished=len(done.posts_abolished),
        released=sum(len(e.effects.released) for e in events),
        appointed=sum(len(e.effects.appointed) for e in events),
        quota_cut=done.quota_cut,
        focal_before=len(before.units()),
        focal_after=len(after.units()),
    )


# ---------------------------------------------------------------------------- lineage
LINEAGE_COLUMNS = (
    "predecessor_id",
    "predecessor_name",
    "successor_id",
    "successor_name",
    "change",
    "effective",
    "event",
)
"""The fields of a :class:`LineageRow`, in order (the CSV header of ``orgraph lineage``)."""


@dataclass(frozen=True, slots=True)
class LineageRow:
    """One lineage edge with the names of its two units (empty when unknown)."""

    predecessor_id: str
    predecessor_name: str
    successor_id: str
    successor_name: str
    change: str
    effective: date | None
    event: str
    effective_precision: DatePrecision = "day"

    @property
    def effective_text(self) -> str | None:
        """``effective`` as written: ``1996`` or ``1996-05`` when known only that far."""
        return date_text(self.effective, self.effective_precision)

    def values(self) -> list[object]:
        """The fields in :data:`LINEAGE_COLUMNS` order (a date known only to the year or
        the month as ``1996`` or ``1996-05``)."""
        found: list[object] = [getattr(self, column) for column in LINEAGE_COLUMNS]
        if self.effective_precision != "day":
            found[LINEAGE_COLUMNS.index("effective")] = self.effective_text
        return found

    def as_json(self) -> dict[str, str | None]:
        """The fields as JSON values (dates as ISO strings)."""
        return {
            column: (value if value is None or isinstance(value, str) else str(value))
            for column, value in zip(LINEAGE_COLUMNS, self.values(), strict=True)
        }


def _name(org: Org, ident: str) -> str:
    return org.unit(ident).name if org.has_unit(ident) else ""


def lineage_rows(org: Org, unit: str | None = None) -> list[LineageRow]:
    """The lineage of ``org`` (or that tracing ``unit``) as rows with unit names.

    See :func:`orgraph.lineage.edges_of` for which edges trace a unit.
    """
    return [
        LineageRow(
            e.predecessor,
            _name(org, e.predecessor),
            e.successor,
            _name(org, e.successor),
            e.change,
            e.effective,
            e.event,
            e.effective_precision,
        )
        for e in edges_of(org, unit)
    ]


# ---------------------------------------------------------------------------- metrics
@dataclass(frozen=True, slots=True)
class TableData:
    """A titled table: column names, rows of cells, and which columns (by index) hold
    numbers, to be right-aligned."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = field(default=())


def _counts(title: str, counts: dict[str, int] | dict[int, int], lang: str = "en") -> TableData:
    rows = tuple((str(k), str(v)) for k, v in counts.items())
    return TableData(title, ("", label("count", lang)), rows, (1,))


def metrics_tables(m: Metrics, *, title: str, lang: str = "en") -> list[TableData]:
    """Every figure of ``m`` as tables: a summary, counts by level, kind..., quota.

    ``lang`` chooses the labels: neutral English (``en``, the default) or Vietnamese
    (``vi``: đầu mối, biên chế, ...); see :mod:`orgraph.labels`.
    """

    def w(key: str) -> str:
        return label(key, lang)

    summary = TableData(
        title,
        (w("measure"), w("value")),
        tuple(
            (w(key), str(value))
            for key, value in (
                ("units", m.focal_points.total),
                ("posts", m.posts.total),
                ("leadership_posts", m.posts.leadership),
                ("vacant_posts", m.posts.vacant),
                ("people", m.people.total),
                ("people_holding", m.people.holding),
                ("people_concurrent", m.concurrency.total),
                ("depth", m.depth),
                ("span_max", m.span_of_control.max),
                ("span_mean", m.span_of_control.mean),
            )
        ),
        (1,),
    )
    quota_columns = tuple(
        w(k) for k in ("level", "civil_servants", "public_employees", "contracts", "total")
    )
    quota = TableData(
        w("quota"),
        quota_columns,
        tuple(
            tuple(
                str(v) for v in (level, q.civil_servants, q.public_employees, q.contracts, q.total)
            )
            for level, q in [*m.quota_by_level.items(), (w("all"), m.quota)]
        ),
        (1, 2, 3, 4),
    )
    tables = [
        summary,
        _counts(w("units_by_level"), m.focal_points.by_level, lang),
        _counts(w("units_by_kind"), m.focal_points.by_kind, lang),
        _counts(w("units_by_bloc"), m.focal_points.by_bloc, lang),
        _counts(w("units_by_depth"), m.focal_points.by_depth, lang),
        quota,
        _counts(w("funding"), m.funding, lang),
    ]
    if m.concurrency.holders:
        concurrent = TableData(
            w("concurrent_posts"),
            (w("person"), w("posts")),
            tuple((f"{h.name} [{h.person}]", ", ".join(h.posts)) for h in m.concurrency.holders),
        )
        tables += [_counts(w("concurrency_by_roles"), m.concurrency.by_roles, lang), concurrent]
    return tables


# ---------------------------------------------------------------------------- compare
def comparison_rows(result: Comparison) -> TableData:
    """One row per figure: the baseline, then each scenario's value and its delta."""
    base = flatten(result.baseline)
    values = [flatten(s.metrics) for s in result.scenarios]
    keys = list(dict.fromkeys([*base, *(k for v in values for k in v)]))
    rows = []
    for key in keys:
        cells = [key, str(base.get(key, 0))]
        for scenario, value in zip(result.scenarios, values, strict=True):
            delta = scenario.deltas.get(key, 0)
            cells.append(str(value.get(key, 0)) + (f" ({signed(delta)})" if delta else ""))
        rows.append(tuple(cells))
    names = tuple(s.name for s in result.scenarios)
    return TableData(
        "scenarios against the baseline",
        ("metric", "baseline", *names),
        tuple(rows),
        tuple(range(1, 2 + len(names))),
    )


def _by(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


def changes_lines(done: ScenarioChanges) -> list[str]:
    """What one scenario changed, as indented lines."""
    lines = [f"  operations: {done.operations}"]
    lines.append(
        f"  units removed: {len(done.units_removed)} (by level: {_by(done.removed_by_level)}; "
        f"by parent: {_by(done.removed_by_parent)})"
    )
    for unit in done.units_removed:
        how = unit.change or "ended"
        into = f" into {', '.join(unit.successors)}" if unit.successors else ""
        lines.append(f"    - {unit.name} [{unit.id}]: {how}{into}")
    lines.append(
        f"  units established: {len(done.units_established)} "
        f"(by level: {_by(done.established_by_level)}; "
        f"by parent: {_by(done.established_by_parent)})"
    )
    for unit in done.units_established:
        source = f" from {', '.join(unit.predecessors)}" if unit.predecessors else ""
        lines.append(f"    + {unit.name} [{unit.id}] under {unit.parent or '(root)'}{source}")
    lines.append(f"  quota cut: {quota_text(done.quota_cut)}")
    lines.append(f"  quota change: {signed(done.quota_change.total)}")
    lines.append(f"  made concurrent: {len(done.made_concurrent)}")
    for holder in done.made_concurrent:
        lines.append(f"    {holder.name} [{holder.person}]: {', '.join(holder.posts)}")
    lines.append(f"  people moved: {len(done.people_moved)}")
    for move in done.people_moved:
        left = ", ".join(move.released) or "-"
        took = ", ".join(move.appointed) or "-"
        lines.append(f"    {move.name} [{move.person}]: {left} -> {took}")
    return lines


# ---------------------------------------------------------------------------- diff
@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of one-line items."""

    title: str
    items: tuple[str, ...]


def _quota(q: Quota) -> str:
    parts = [f"{k} {v}" for k, v in q.model_dump().items() if v is not None]
    return ", ".join(parts) or "unknown"


def diff_sections(d: Diff, b: Org) -> list[Section]:
    """The non-empty kinds of difference of ``d``, one line per item; ``b`` gives names."""

    def name(ident: str) -> str:
        return f"{b.unit(ident).name} [{ident}]" if b.has_unit(ident) else f"[{ident}]"

    sections = [
        Section("units ended", tuple(f"{u.name} [{u.id}]: {u.summary}" for u in d.units_ended)),
        Section(
            "units added",
            tuple(
                f"{u.name} [{u.id}] under {u.parent or '(root)'}"
                + (f" from {', '.join(u.predecessors)}" if u.predecessors else "")
                for u in d.units_added
            ),
        ),
        Section("units renamed", tuple(f"[{c.id}] {c.old} -> {c.new}" for c in d.units_renamed)),
        Section("units moved", tuple(f"{name(c.id)}: {c.old} -> {c.new}" for c in d.units_moved)),
        Section(
            "quota changed",
            tuple(f"{name(c.id)}: {_quota(c.old)} -> {_quota(c.new)}" for c in d.quota_changed),
        ),
        Section(
            "funding changed",
            tuple(
                f"{name(c.id)}: {c.old or 'unknown'} -> {c.new or 'unknown'}"
                for c in d.funding_changed
            ),
        ),
        Section("posts added", tuple(f"{p} in {b.post(p).unit}" for p in d.posts_added)),
        Section("posts abolished", tuple(d.posts_abolished)),
        Section(
            "posts moved", tuple(f"{p.id}: {p.old_unit} -> {p.new_unit}" for p in d.posts_moved)
        ),
        Section(
            "appointments started",
            tuple(f"{x.person} -> {x.post} from {x.start or '?'}" for x in d.appointments_started),
        ),
        Section(
            "appointments ended",
            tuple(f"{x.person} -> {x.post} until {x.end or '?'}" for x in d.appointments_ended),
        ),
    ]
    return [s for s in sections if s.items]


def diff_lines(d: Diff, b: Org) -> list[str]:
    """The differences, grouped by kind with a count, one per line."""
    if d.empty:
        return ["no differences"]
    lines: list[str] = []
    for section in diff_sections(d, b):
        lines.append(f"{section.title} ({len(section.items)}):")
        lines.extend(f"  {item}" for item in section.items)
    return lines
