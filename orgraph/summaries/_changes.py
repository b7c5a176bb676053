"""What scenarios and diffs changed, as tables and lines: ``compare`` and ``diff``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgraph.labels import change_word, label
from orgraph.metrics import flatten
from orgraph.summaries._base import Section, TableData, number_text, quota_text, signed

if TYPE_CHECKING:
    from orgraph.compare import Comparison, ScenarioChanges
    from orgraph.diff import Diff, EndedUnit
    from orgraph.model import Quota
    from orgraph.org import Org

__all__ = ["changes_lines", "comparison_rows", "diff_lines", "diff_sections"]


# ---------------------------------------------------------------------------- compare
def comparison_rows(result: Comparison, lang: str = "en") -> TableData:
    """One row per figure: the baseline, then each scenario's value and its delta.

    The figures keep their :func:`~orgraph.metrics.flatten` keys; ``lang`` words the title
    and the headers."""
    base = flatten(result.baseline)
    values = [flatten(s.metrics) for s in result.scenarios]
    keys = list(dict.fromkeys([*base, *(k for v in values for k in v)]))
    rows = []
    for key in keys:
        cells = [key, number_text(str(base.get(key, 0)), lang)]
        for scenario, value in zip(result.scenarios, values, strict=True):
            delta = scenario.deltas.get(key, 0)
            text = str(value.get(key, 0)) + (f" ({signed(delta)})" if delta else "")
            cells.append(number_text(text, lang))
        rows.append(tuple(cells))
    names = tuple(s.name for s in result.scenarios)
    return TableData(
        label("compare.title", lang),
        (label("compare.metric", lang), label("compare.baseline", lang), *names),
        tuple(rows),
        tuple(range(1, 2 + len(names))),
    )


def _by(counts: dict[str, int], lang: str) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or label("compare.none", lang)


def changes_lines(done: ScenarioChanges, lang: str = "en") -> list[str]:
    """What one scenario changed, as indented lines (labels in ``lang``)."""

    def w(key: str, **values: object) -> str:
        return label(f"compare.{key}", lang, **values)

    lines = ["  " + w("operations", n=done.operations)]
    removed = w(
        "removed",
        n=len(done.units_removed),
        levels=_by(done.removed_by_level, lang),
        parents=_by(done.removed_by_parent, lang),
    )
    lines.append("  " + removed)
    for unit in done.units_removed:
        how = change_word(unit.change, lang) if unit.change else w("ended")
        into = w("into", names=", ".join(unit.successors)) if unit.successors else ""
        lines.append(f"    - {unit.name} [{unit.id}]: {how}{into}")
    established = w(
        "established",
        n=len(done.units_established),
        levels=_by(done.established_by_level, lang),
        parents=_by(done.established_by_parent, lang),
    )
    lines.append("  " + established)
    for unit in done.units_established:
        source = w("from", names=", ".join(unit.predecessors)) if unit.predecessors else ""
        under = w("under", parent=unit.parent or w("root"))
        lines.append(f"    + {unit.name} [{unit.id}] {under}{source}")
    lines.append("  " + w("quota_cut", quota=quota_text(done.quota_cut, lang)))
    lines.append("  " + w("quota_change", change=signed(done.quota_change.total)))
    lines.append("  " + w("made_concurrent", n=len(done.made_concurrent)))
    for holder in done.made_concurrent:
        lines.append(f"    {holder.name} [{holder.person}]: {', '.join(holder.posts)}")
    lines.append("  " + w("people_moved", n=len(done.people_moved)))
    for move in done.people_moved:
        left = ", ".join(move.released) or "-"
        took = ", ".join(move.appointed) or "-"
        lines.append(f"    {move.name} [{move.person}]: {left} -> {took}")
    return lines


# ---------------------------------------------------------------------------- diff
def _quota(q: Quota, lang: str) -> str:
    parts = [
        f"{k if lang == 'en' else label(k, lang)} {v}"
        for k, v in q.model_dump().items()
        if v is not None
    ]
    return ", ".join(parts) or label("diff.unknown", lang)


def _ended(u: EndedUnit, lang: str) -> str:
    """How a unit ended: ``merged into X`` (``hợp nhất → X``)."""
    if lang == "en":
        return u.summary
    if u.change:
        verb = change_word(u.change, lang)
    else:
        verb = label("diff.removed" if u.removed else "compare.ended", lang)
    return f"{verb} → {', '.join(u.successors)}" if u.successors else verb


def diff_sections(d: Diff, b: Org, lang: str = "en") -> list[Section]:
    """The non-empty kinds of difference of ``d``, one line per item; ``b`` gives names.

    ``lang`` words the titles and the lines (``en`` or ``vi``)."""

    def name(ident: str) -> str:
        return f"{b.unit(ident).name} [{ident}]" if b.has_unit(ident) else f"[{ident}]"

    def w(key: str, **values: object) -> str:
        return label(f"diff.{key}", lang, **values)

    unknown = w("unknown")
    root = label("compare.root", lang)
    sections = [
        Section(
            w("units_ended"), tuple(f"{u.name} [{u.id}]: {_ended(u, lang)}" for u in d.units_ended)
        ),
        Section(
            w("units_added"),
            tuple(
                f"{u.name} [{u.id}] {label('compare.under', lang, parent=u.parent or root)}"
                + (
                    label("compare.from", lang, names=", ".join(u.predecessors))
                    if u.predecessors
                    else ""
                )
                for u in d.units_added
            ),
        ),
        Section(w("units_renamed"), tuple(f"[{c.id}] {c.old} -> {c.new}" for c in d.units_renamed)),
        Section(
            w("units_moved"), tuple(f"{name(c.id)}: {c.old} -> {c.new}" for c in d.units_moved)
        ),
        Section(
            w("quota_changed"),
            tuple(
                f"{name(c.id)}: {_quota(c.old, lang)} -> {_quota(c.new, lang)}"
                for c in d.quota_changed
            ),
        ),
        Section(
            w("funding_changed"),
            tuple(
                f"{name(c.id)}: {c.old or unknown} -> {c.new or unknown}" for c in d.funding_changed
            ),
        ),
        Section(
            w("posts_added"), tuple(w("in", post=p, unit=b.post(p).unit) for p in d.posts_added)
        ),
        Section(w("posts_abolished"), tuple(d.posts_abolished)),
        Section(
            w("posts_moved"), tuple(f"{p.id}: {p.old_unit} -> {p.new_unit}" for p in d.posts_moved)
        ),
        Section(
            w("appointments_started"),
            tuple(
                w("since", person=x.person, post=x.post, date=x.start or "?")
                for x in d.appointments_started
            ),
        ),
        Section(
            w("appointments_ended"),
            tuple(
                w("until", person=x.person, post=x.post, date=x.end or "?")
                for x in d.appointments_ended
            ),
        ),
    ]
    return [s for s in sections if s.items]


def diff_lines(d: Diff, b: Org, lang: str = "en") -> list[str]:
    """The differences, grouped by kind with a count, one per line (labels in ``lang``)."""
    if d.empty:
        return [label("diff.none", lang)]
    lines: list[str] = []
    for section in diff_sections(d, b, lang):
        lines.append(f"{section.title} ({len(section.items)}):")
        lines.extend(f"  {item}" for item in section.items)
    return lines
