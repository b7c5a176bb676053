"""The badges of a before/after chart: what happened to a unit, in one bold line each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from orgraph.labels import label

if TYPE_CHECKING:
    from orgraph.model import Unit
    from orgraph.render.diff import UnitStatus

__all__ = ["status_badges"]


def status_badges(change: UnitStatus, units: Mapping[str, Unit], lang: str) -> list[str]:
    """The badge lines of one unit of a before/after chart, in ``lang``."""
    badges = []
    for status in change.status:
        if status == "new":
            badges.append(label("badge.new", lang))
        elif status in ("merged", "split"):
            kind = {"absorb": "absorbed", "dissolve": "dissolved", "split": "split"}.get(
                change.change or "", "merged"
            )
            names = "; ".join(units[s].name for s in change.successors if s in units)
            outside = sum(1 for s in change.successors if s not in units)
            if outside:
                more = label("not_drawn_n" if outside > 1 else "not_drawn", lang, n=outside)
                names = f"{names}; {more}" if names else more
            badges.append(
                label(
                    "into_parts" if kind == "split" else "into",
                    lang,
                    verb=label(f"badge.{kind}", lang),
                    names=names,
                )
            )
        elif status == "dissolved":
            badges.append(label("badge.dissolved", lang))
        elif status == "renamed" and change.before is not None:
            verb = label("badge.renamed", lang)
            badges.append(label("was", lang, verb=verb, name=change.before.name))
        elif status == "moved" and change.before is not None:
            old = change.before.parent
            name = (
                units[old].name
                if old is not None and old in units
                else (old or label("top_level", lang))
            )
            badges.append(label("moved_from", lang, verb=label("badge.moved", lang), name=name))
        elif status == "quota" and change.before is not None and change.after is not None:
            badges.append(
                f"{label('badge.quota', lang)} {change.before.quota.total} → "
                f"{change.after.quota.total}"
            )
    return badges
