"""Build a structure from the GOV.UK organisations API (``/api/organisations``, all pages joined).

:func:`orgraph.io.govuk.read_govuk` reads the file; :mod:`orgraph.datasets.uk_govuk` the
snapshot shipped with orgraph.

Every organisation becomes a unit whose id is its slug, its name the title, its kind the
``format`` in snake case (``ministerial_department``, ``executive_agency``) and its level
``national``. Its GOV.UK status, abbreviation, analytics identifier, content id and web
address go in ``attrs``.

Rules, so that anyone gets the same structure from the same file:

* **Administrative parent.** Of the parents GOV.UK lists, the first one that is a
  ministerial department, else the first one listed; a parent that would put the
  unit below itself is skipped. Every other listed parent is kept as a link of kind
  ``other_parent`` from that parent to the unit.
* **Closures.** Every closed organisation is open at the start of the history and is
  ended by one typed operation, chosen by its ``govuk_closed_status``:

  ==================== ========================================== ================
  status               operation                                  lineage change
  ==================== ========================================== ================
  ``merged``           ``absorb`` into its successor               ``absorb``
  ``replaced``         ``replace`` by its successor                ``replace``
  ``changed_name``     ``replace`` (reason ``renamed``)            ``replace``
  ``split``            ``split_onto`` its successors               ``split``
  ``devolved``         ``leave_scope`` (reason ``devolved``)       ``devolved``
  ``left_gov``         ``leave_scope`` (reason ``left``)           ``left_scope``
  ``no_longer_exists`` ``dissolve`` (into its successor, if any)   ``dissolve``
  ==================== ========================================== ================

  So each ended body has lineage to exactly its listed successors, and one with none
  ends without lineage.
* **Dates.** A closure is dated ``closed_at``. GOV.UK gives no date for most closures:
  those are dated the snapshot day, or the day the first of their successors closed
  if that is earlier (they had ended by then). Closures of one day are applied
  predecessors before successors and sub-units before their parents. Founding dates
  are not in the data.
* **Sub-units left behind.** A body that ends without a successor hands its open
  sub-units to nobody: each is first moved to its next listed parent that is still
  open, else made a root, by a ``reparent`` in the history.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from orgraph.engine import apply, apply_one
from orgraph.errors import FileError, OperationError
from orgraph.model import Link, Unit
from orgraph.ops import (
    Absorb,
    Dissolve,
    Establish,
    LeaveScope,
    OperationBase,
    Reparent,
    Replace,
    Share,
    SplitOnto,
)
from orgraph.org import Org

__all__ = ["CLOSED_STATUSES", "SNAPSHOT", "GovukReport", "build_govuk"]

SNAPSHOT = date(2026, 8, 22)
"""The day of the snapshot shipped with orgraph (``orgraph dataset uk-govuk``)."""

CLOSED_STATUSES: tuple[str, ...] = (
    "no_longer_exists",
    "replaced",
    "changed_name",
    "devolved",
    "merged",
    "split",
    "left_gov",
)
"""GOV.UK's closed statuses, each mapped to one typed operation (see the module doc)."""

_SUCCESSORS = {"merged": (1, 1), "replaced": (1, 1), "changed_name": (1, 1), "split": (2, None)}
"""GOV.UK's successor-count rules: (at least, at most) successors per status."""


class _Ref(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str


class _Details(BaseModel):
    model_config = ConfigDict(extra="ignore")
    slug: str
    abbreviation: str | None = None
    closed_at: datetime | None = None
    govuk_status: str
    govuk_closed_status: str | None = None
    content_id: str | None = None


class _Organisation(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    title: str
    format: str
    web_url: str | None = None
    details: _Details
    analytics_identifier: str | None = None
    parent_organisations: list[_Ref] = []
    superseding_organisations: list[_Ref] = []


@dataclass
class GovukReport:
    """What :func:`read_govuk` did besides the structure: one line per defect it worked round."""

    warnings: list[str] = field(default_factory=list)


def _slug(ref: str) -> str:
    return ref.rstrip("/").rsplit("/", 1)[-1]


def _code(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "other"


def _parse(data: Any, path: str | Path | None) -> list[_Organisation]:
    if not isinstance(data, list):
        raise FileError("expected a JSON list of organisations", path=path)
    found: list[_Organisation] = []
    for index, item in enumerate(data):
        try:
            found.append(_Organisation.model_validate(item))
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(p) for p in error["loc"])
            raise FileError(f"{where}: {error['msg']}", path=path, item=f"[{index}]") from None
    return found


def _parents(orgs: dict[str, _Organisation], report: GovukReport) -> dict[str, list[str]]:
    """Each organisation's listed parents that are in the file, in GOV.UK's order."""
    listed: dict[str, list[str]] = {}
    for slug, org in orgs.items():
        parents = []
        for ref in org.parent_organisations:
            parent = _slug(ref.id)
            if parent not in orgs or parent == slug:
                report.warnings.append(f"{slug}: parent {parent!r} is not in the file; ignored")
            elif parent not in parents:
                parents.append(parent)
        listed[slug] = parents
    return listed


def _choose_parents(
    orgs: dict[str, _Organisation], listed: dict[str, list[str]]
) -> dict[str, str | None]:
    chosen: dict[str, str | None] = {}

    def below(candidate: str, slug: str) -> bool:
        seen = set()
        current: str | None = candidate
        while current is not None and current not in seen:
            if current == slug:
                return True
            seen.add(current)
            current = chosen.get(current)
        return False

    for slug in orgs:
        order = sorted(
            listed[slug],
            key=lambda p: orgs[p].format != "Ministerial department",
        )
        chosen[slug] = next((p for p in order if not below(p, slug)), None)
    return chosen


def _unit(org: _Organisation, parent: str | None) -> Unit:
    details = org.details
    attrs: dict[str, Any] = {"govuk_status": details.govuk_status, "format": org.format}
    for name, value in (
        ("govuk_closed_status", details.govuk_closed_status),
        ("abbreviation", details.abbreviation),
        ("content_id", details.content_id),
        ("web_url", org.web_url),
    ):
        if value:
            attrs[name] = value
    return Unit(
        id=details.slug,
        name=org.title.strip() or details.slug,
        kind=_code(org.format),
        level="national",
        parent=parent,
        code=org.analytics_identifier or None,
        attrs=attrs,
    )


def _closing_dates(closed: dict[str, _Organisation], report: GovukReport) -> dict[str, date]:
    """The day each closed organisation is ended on (see the module doc)."""
    own = {
        s: o.details.closed_at.date() if o.details.closed_at else None for s, o in closed.items()
    }
    found: dict[str, date] = {}

    def day(slug: str, seen: frozenset[str]) -> date:
        if slug in found:
            return found[slug]
        when = own[slug] or SNAPSHOT
        for ref in closed[slug].superseding_organisations:
            successor = _slug(ref.id)
            if successor in closed and successor not in seen:
                when = min(when, day(successor, seen | {slug}))
        found[slug] = when
        return when

    for slug in closed:
        when = day(slug, frozenset())
        given = own[slug]
        if given is not None and when < given:
            report.warnings.append(
                f"{slug}: closed_at {given} is after a successor closed; ended on {when}"
            )
    return found


def _order(
    closed: dict[str, _Organisation], dates: dict[str, date], parents: dict[str, str | None]
) -> list[str]:
    """Closed organisations by day; on one day predecessors first, sub-units before parents."""
    from graphlib import CycleError, TopologicalSorter

    def graph(with_parents: bool) -> TopologicalSorter[str]:
        sorter: TopologicalSorter[str] = TopologicalSorter()
        for slug, org in closed.items():
            sorter.add(slug)
            for ref in org.superseding_organisations:
                successor = _slug(ref.id)
                if successor in closed and dates[successor] == dates[slug]:
                    sorter.add(successor, slug)
            parent = parents.get(slug)
            if with_parents and parent in closed and dates[parent] == dates[slug]:
                sorter.add(parent, slug)
        return sorter

    rank: dict[str, int] = {}
    for with_parents in (True, False):
        try:
            rank = {s: i for i, s in enumerate(graph(with_parents).static_order())}
            break
        except CycleError:
            continue
    return sorted(closed, key=lambda s: (dates[s], rank.get(s, 0), s))


def _operation(org: Org, slug: str, source: _Organisation, when: date) -> OperationBase:
    status = source.details.govuk_closed_status
    successors = [_slug(r.id) for r in source.superseding_organisations]
    basis = f"GOV.UK: {status}"
    common: dict[str, Any] = {"effective": when, "basis": basis}
    first = successors[0] if successors else None
    if status == "merged" and first:
        return Absorb(sources=[slug], into=first, **common)
    if status in ("replaced", "changed_name") and first:
        reason = "renamed" if status == "changed_name" else "replaced"
        return Replace(unit=slug, by=first, reason=reason, **common)
    if status == "split" and len(successors) > 1:
        shares = [Share(unit=s) for s in successors]
        children = [c.id for c in org.children(slug)]
        others = sorted({k.target if k.source == slug else k.source for k in org.links(unit=slug)})
        shares[0] = Share(unit=first or "", children=children, links=others)
        return SplitOnto(source=slug, onto=shares, **common)
    if status in ("devolved", "left_gov"):
        reason = "devolved" if status == "devolved" else "left"
        return LeaveScope(unit=slug, reason=reason, to=first, **common)
    return Dissolve(unit=slug, successor=first, **common)


def _free_children(org: Org, slug: str, listed: dict[str, list[str]], when: date) -> None:
    """Move the open sub-units of ``slug`` to their next open listed parent, else to the top."""
    for child in org.children(slug):
        parent = next(
            (
                p
                for p in listed[child.id]
                if p != slug
                and org.unit(p).ended is None
                and child.id not in {a.id for a in org.ancestors(p)}
            ),
            None,
        )
        apply_one(
            org,
            Reparent(
                unit=child.id,
                parent=parent,
                effective=when,
                basis=f"GOV.UK: its parent {slug} closed",
            ),
        )


def _successors_out(org: Org, slug: str, successors: Iterable[str], when: date) -> None:
    """Move successors that lie inside ``slug`` up beside it, so that it can end into them."""
    inside = {u.id for u in org.subtree(slug)}
    for successor in successors:
        if successor in inside and successor != slug:
            apply_one(
                org,
                Reparent(
                    unit=successor,
                    parent=org.unit(slug).parent,
                    effective=when,
                    basis=f"GOV.UK: it succeeds {slug}",
                ),
            )


def _establish_missing(
    org: Org, slug: str, source: _Organisation, when: date, report: GovukReport
) -> None:
    """Successors GOV.UK lists but does not describe become units, so lineage can name them."""
    for ref in source.superseding_organisations:
        successor = _slug(ref.id)
        if successor in org:
            continue
        report.warnings.append(
            f"{slug}: successor {successor!r} is not in the file; added as a unit named by its id"
        )
        unit = Unit(
            id=successor,
            name=successor.replace("-", " ").capitalize(),
            kind=_code(source.format),
            level="national",
            attrs={"govuk_status": "not_in_file"},
        )
        apply_one(org, Establish(unit=unit, effective=when, basis=f"GOV.UK: succeeds {slug}"))


def build_govuk(
    data: Any, *, name: str = "GOV.UK organisations", path: str | Path | None = None
) -> tuple[Org, GovukReport]:
    """A structure, with its history of closures, from GOV.UK organisations data.

    ``data`` is the parsed JSON (a list of organisation objects); ``path`` names the file
    in error messages. Returns the structure as of the last closure and a report of the
    defects worked round (see the module doc for every rule). Data that is not a list
    of organisations raises a one-line :class:`~orgraph.FileError`.
    """
    report = GovukReport()
    parsed = _parse(data, path)
    orgs: dict[str, _Organisation] = {}
    for org in parsed:
        if org.details.slug in orgs:
            report.warnings.append(f"{org.details.slug}: listed twice; the first kept")
        else:
            orgs[org.details.slug] = org
    listed = _parents(orgs, report)
    parents = _choose_parents(orgs, listed)
    links = [
        Link(source=p, target=slug, kind="other_parent")
        for slug, ps in listed.items()
        for p in ps
        if p != parents[slug]
    ]
    units = [_unit(org, parents[slug]) for slug, org in orgs.items()]
    base = Org.create(name=name, units=units, links=links)
    closed = {s: o for s, o in orgs.items() if o.details.govuk_status == "closed"}
    for slug, org in closed.items():
        successors = [_slug(r.id) for r in org.superseding_organisations]
        status = org.details.govuk_closed_status
        low, high = _SUCCESSORS.get(status or "", (0, None))
        if len(successors) < low or (high is not None and len(successors) > high):
            report.warnings.append(
                f"{slug}: {status} with {len(successors)} successor(s) breaks GOV.UK's rule"
            )
    dates = _closing_dates(closed, report)
    result = apply(base, [])  # a private copy, changed in place below
    for slug in _order(closed, dates, parents):
        when = dates[slug]
        _establish_missing(result, slug, closed[slug], when, report)
        op = _operation(result, slug, closed[slug], when)
        try:
            apply_one(result, op)
        except OperationError as exc:
            codes = {v.code for v in exc.violations}
            if "cycle" in codes:
                _successors_out(
                    result,
                    slug,
                    [_slug(r.id) for r in closed[slug].superseding_organisations],
                    when,
                )
            if "has_children" in codes or "left_over" in codes:
                _free_children(result, slug, listed, when)
            try:
                apply_one(result, _operation(result, slug, closed[slug], when))
            except OperationError as again:
                report.warnings.append(f"{slug}: cannot close it: {again}")
    return result, report
