"""What the command line reports, as data: summaries, rows and sections of lines.

Each function here reads structures, metrics, comparisons or diffs and returns plain
data (strings, rows, titled sections); the CLI only prints or tabulates it. Keeping the
wording here means a program gets exactly what ``orgraph`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from orgraph.compare import changes
from orgraph.labels import label
from orgraph.lineage import edges_of
from orgraph.model import DatePrecision, date_text
from orgraph.summaries._base import Section, TableData, number_text, quota_text, signed
from orgraph.summaries._changes import changes_lines, comparison_rows, diff_lines, diff_sections

if TYPE_CHECKING:
    from orgraph.metrics import Metrics, QuotaTotals
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
            label("apply.scenario", lang, name=self.scenario),
            label("apply.operations", lang, n=self.operations),
            label("apply.units", lang, established=self.established, ended=self.ended),
            label("apply.posts", lang, created=self.posts_created, abolished=self.posts_abolished),
            label("apply.people", lang, released=self.released, appointed=self.appointed),
            f"{label('quota_cut', lang)}: {quota_text(self.quota_cut, lang)}",
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
            (w(key), number_text(str(value), lang))
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
