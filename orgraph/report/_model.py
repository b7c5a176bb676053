"""The decision report as data: every figure read from compare, diff and metrics.

:func:`build_report` applies each scenario to the baseline once (through
:func:`orgraph.compare.evaluate`) and lays out what the writers print: the headline
figures side by side with their changes, and per scenario what it ended, created and
moved, the posts and people it touched, the quota it cut, its operations and its chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from orgraph.compare import ScenarioResult, evaluate
from orgraph.diff import diff
from orgraph.engine import apply
from orgraph.labels import change_word, check_lang, label, operation_word
from orgraph.metrics import NO_BLOC, Metrics, flatten
from orgraph.metrics import metrics as measure
from orgraph.model import QUOTA_FIELDS
from orgraph.org import Org
from orgraph.rebasing import references
from orgraph.render import render_bytes
from orgraph.report._costs import CostTable, cost_of
from orgraph.scenario import Scenario

__all__ = ["Cell", "Report", "ScenarioSection", "Table", "build_report"]

Cell = str | int | float | date | None
"""One cell of a report table."""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Table(_Record):
    """A titled table: ``numeric`` names the columns that hold numbers (right-aligned).

    ``row_keys`` name what each row shows where rows are figures (the headline's rows
    are :func:`~orgraph.metrics.flatten` keys such as ``focal_points.total``).
    """

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...] = ()
    numeric: frozenset[int] = frozenset()
    row_keys: tuple[str, ...] = ()


class ScenarioSection(_Record):
    """What one scenario does, as tables, and its before/after chart (SVG text)."""

    name: str
    description: str | None = None
    effective: date | None = None
    tables: tuple[Table, ...]
    chart_svg: str | None = None


class Report(_Record):
    """The whole report: headline, optional staff cost, one section per scenario.

    ``lang`` is the language of its labels (``en`` or ``vi``), which the writers follow.
    """

    title: str
    baseline: str
    baseline_date: date | None
    scenarios: tuple[tuple[str, str | None], ...]
    headline: Table
    cost: Table | None = None
    currency: str | None = None
    sections: tuple[ScenarioSection, ...]
    lang: str = "en"

    def tables(self) -> list[tuple[str | None, Table]]:
        """Every table with the scenario it belongs to (None: the whole report)."""
        found: list[tuple[str | None, Table]] = [(None, self.headline)]
        if self.cost is not None:
            found.append((None, self.cost))
        found += [(s.name, t) for s in self.sections for t in s.tables]
        return found


def _headline_keys(metrics: Sequence[Metrics], lang: str) -> list[tuple[str, str]]:
    levels = list(dict.fromkeys(k for m in metrics for k in m.focal_points.by_level))
    blocs = list(dict.fromkeys(k for m in metrics for k in m.focal_points.by_bloc))
    keys = [(label("head.units", lang), "focal_points.total")]
    keys += [
        (label("head.units_level", lang, level=lv), f"focal_points.by_level.{lv}") for lv in levels
    ]
    keys += [
        (
            label("head.units_bloc", lang, bloc=b if b != NO_BLOC else label("t.no_bloc", lang)),
            f"focal_points.by_bloc.{b}",
        )
        for b in blocs
    ]
    keys += [
        (label(f"head.{name}", lang), key)
        for name, key in (
            ("leadership", "posts.leadership"),
            ("civil_servants", "quota.civil_servants"),
            ("public_employees", "quota.public_employees"),
            ("contracts", "quota.contracts"),
            ("total", "quota.total"),
            ("concurrent", "concurrency.total"),
            ("span_max", "span_of_control.max"),
            ("span_mean", "span_of_control.mean"),
            ("depth", "depth"),
        )
    ]
    return keys


def _headline(baseline: Metrics, results: Sequence[ScenarioResult], lang: str) -> Table:
    keys = _headline_keys([baseline, *(r.metrics for r in results)], lang)
    base = flatten(baseline)
    columns = [flatten(r.metrics) for r in results]
    header = [label("head.figure", lang), label("report.baseline", lang)]
    for r in results:
        header += [r.name, label("head.change", lang)]
    rows = []
    for name, key in keys:
        row: list[Cell] = [name, base.get(key, 0)]
        for values, result in zip(columns, results, strict=True):
            row += [values.get(key, 0), result.deltas.get(key, 0)]
        rows.append(tuple(row))
    return Table(
        key="headline",
        title=label("head.title", lang),
        header=tuple(header),
        rows=tuple(rows),
        numeric=frozenset(range(1, len(header))),
        row_keys=tuple(key for _, key in keys),
    )


def _unit_name(orgs: Sequence[Org], ident: str | None) -> str:
    if ident is None:
        return ""
    for org in orgs:
        if org.has_unit(ident):
            return f"{org.unit(ident).name} ({ident})"
    return ident


def _post_title(orgs: Sequence[Org], ident: str) -> str:
    for org in orgs:
        if org.has_post(ident):
            return f"{org.post(ident).title} ({ident})"
    return ident


def _person_name(orgs: Sequence[Org], ident: str) -> str:
    for org in orgs:
        if org.has_person(ident):
            return f"{org.person(ident).name} ({ident})"
    return ident


def _quota_by_bloc_level(org: Org) -> dict[tuple[str, str], dict[str, int]]:
    sums: dict[tuple[str, str], dict[str, int]] = {}
    for unit in org.units():
        part = sums.setdefault((unit.bloc or NO_BLOC, unit.level), dict.fromkeys(QUOTA_FIELDS, 0))
        for name in QUOTA_FIELDS:
            part[name] += getattr(unit.quota, name) or 0
    return sums


def _quota_cut(base: Org, after: Org, lang: str) -> Table:
    before, later = _quota_by_bloc_level(base), _quota_by_bloc_level(after)
    zero = dict.fromkeys(QUOTA_FIELDS, 0)
    rows = []
    for bloc, level in dict.fromkeys([*before, *later]):
        was, now = before.get((bloc, level), zero), later.get((bloc, level), zero)
        cut = [was[n] - now[n] for n in QUOTA_FIELDS]
        if any(cut):
            shown = bloc if bloc != NO_BLOC else label("t.no_bloc", lang)
            rows.append((shown, level, *cut, sum(cut)))
    total = [sum(int(r[i]) for r in rows) for i in range(2, 6)]  # type: ignore[call-overload]
    every = label("t.all", lang)
    rows.append((every, every, *total))
    return Table(
        key="quota_cut",
        title=label("t.quota_cut", lang),
        header=tuple(
            label(f"t.{k}", lang)
            for k in ("bloc", "level", "civil_servants", "public_employees", "contracts", "total")
        ),
        rows=tuple(rows),
        numeric=frozenset({2, 3, 4, 5}),
    )


def _operations(scenario: Scenario, orgs: Sequence[Org], lang: str) -> Table:
    rows = []
    for index, op in enumerate(scenario.operations, start=1):
        refs = references(op)
        what = [_unit_name(orgs, u) for u in refs.units] + [
            _post_title(orgs, p) for p in refs.posts
        ]
        what += [_person_name(orgs, p) for p in refs.people if p not in refs.created]
        what += [label("t.new", lang, id=i) for i in refs.created]
        rows.append(
            (
                index,
                operation_word(op.op, lang),
                op.effective or scenario.effective,
                "; ".join(what),
                op.basis,
                op.note,
            )
        )
    return Table(
        key="operations",
        title=label("t.operations", lang),
        header=(
            "#",
            *(
                label(f"t.{k}", lang)
                for k in ("operation", "effective", "acts_on", "basis", "note")
            ),
        ),
        rows=tuple(rows),
        numeric=frozenset({0}),
    )


def _section(
    base: Org,
    scenario: Scenario,
    result: ScenarioResult,
    chart: dict[str, Any] | None,
    lang: str,
) -> ScenarioSection:
    def w(key: str) -> str:
        return label(f"t.{key}", lang)

    after = apply(base, scenario)
    orgs = (after, base)
    done = result.changes
    moved = diff(base, after).units_moved
    tables = [
        Table(
            key="units_ended",
            title=w("units_ended"),
            header=(w("unit"), w("level"), w("how"), w("lives_on")),
            rows=tuple(
                (
                    _unit_name(orgs, u.id),
                    u.level,
                    change_word(u.change, lang) if u.change else u.change,
                    "; ".join(_unit_name(orgs, s) for s in u.successors),
                )
                for u in done.units_removed
            ),
        ),
        Table(
            key="units_created",
            title=w("units_created"),
            header=(w("unit"), w("level"), w("under"), w("came_from")),
            rows=tuple(
                (
                    _unit_name(orgs, u.id),
                    u.level,
                    _unit_name(orgs, u.parent),
                    "; ".join(_unit_name(orgs, p) for p in u.predecessors),
                )
                for u in done.units_established
            ),
        ),
        Table(
            key="units_moved",
            title=w("units_moved"),
            header=(w("unit"), w("from"), w("to")),
            rows=tuple(
                (_unit_name(orgs, m.id), _unit_name(orgs, m.old), _unit_name(orgs, m.new))
                for m in moved
            ),
        ),
        Table(
            key="posts",
            title=w("posts"),
            header=(label("head.change", lang), w("post"), w("held_by")),
            rows=tuple(
                [(w("abolished"), _post_title(orgs, p), "") for p in done.posts_abolished]
                + [(w("created"), _post_title(orgs, p), "") for p in done.posts_created]
                + [
                    (w("concurrent"), "; ".join(_post_title(orgs, p) for p in h.posts), h.name)
                    for h in done.made_concurrent
                ]
            ),
        ),
        Table(
            key="people",
            title=w("people"),
            header=(w("person"), w("how"), w("left"), w("took")),
            rows=tuple(
                (
                    f"{m.name} ({m.person})",
                    w("rotated")
                    if m.released and m.appointed
                    else (w("released") if m.released else w("appointed")),
                    "; ".join(_post_title(orgs, p) for p in m.released),
                    "; ".join(_post_title(orgs, p) for p in m.appointed),
                )
                for m in done.people_moved
            ),
        ),
        _quota_cut(base, after, lang),
        _operations(scenario, orgs, lang),
    ]
    svg = None
    if chart is not None:
        options = {"lang": lang, **chart}
        text = render_bytes(after, "svg", before=base, **options).decode("utf-8")
        svg = text[text.index("<svg") :]
    return ScenarioSection(
        name=scenario.name,
        description=scenario.description,
        effective=scenario.effective,
        tables=tuple(tables),
        chart_svg=svg,
    )


def _cost(
    base: Org,
    scenarios: Sequence[Scenario],
    results: Sequence[ScenarioResult],
    table: CostTable,
    lang: str,
) -> Table:
    before = cost_of(base, table)
    after = [cost_of(apply(base, s), table) for s in scenarios]
    header = [label("t.category", lang), label("report.baseline", lang)]
    for r in results:
        header += [r.name, label("head.change", lang)]
    labels = {
        key: label(f"t.{key}", lang)
        for key in ("civil_servants", "public_employees", "contracts", "total")
    }
    rows = []
    for key, name in labels.items():
        row: list[Cell] = [name, before[key]]
        for values in after:
            row += [values[key], values[key] - before[key]]
        rows.append(tuple(row))
    return Table(
        key="staff_cost",
        title=label("t.cost", lang, currency=table.currency),
        header=tuple(header),
        rows=tuple(rows),
        numeric=frozenset(range(1, len(header))),
        row_keys=tuple(labels),
    )


def build_report(
    base: Org,
    scenarios: Sequence[Scenario],
    *,
    title: str | None = None,
    costs: CostTable | None = None,
    chart: dict[str, Any] | None = None,
    charts: bool = True,
    lang: str = "en",
) -> Report:
    """The decision report on ``scenarios``, each applied to ``base`` on its own.

    ``chart`` holds options for each before/after chart (see
    :class:`~orgraph.render.ChartOptions`); ``charts=False`` leaves the charts out (no
    Graphviz needed). ``costs`` adds the annual staff cost section. ``lang``: the
    language of the labels, ``"en"`` (neutral English, default) or ``"vi"`` (Vietnamese:
    đầu mối, biên chế, công chức, viên chức...); ``ValueError`` for another.
    """
    check_lang(lang)
    baseline = measure(base)
    results = [evaluate(base, s, baseline=baseline) for s in scenarios]
    options = dict(chart or {}) if charts else None
    return Report(
        title=title or label("report.title", lang, name=base.name, n=len(scenarios)),
        baseline=base.name,
        baseline_date=base.date,
        scenarios=tuple((s.name, s.description) for s in scenarios),
        headline=_headline(baseline, results, lang),
        cost=_cost(base, scenarios, results, costs, lang) if costs is not None else None,
        currency=costs.currency if costs is not None else None,
        sections=tuple(
            _section(base, s, r, options, lang) for s, r in zip(scenarios, results, strict=True)
        ),
        lang=lang,
    )
