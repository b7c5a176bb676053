"""What an operation generator needs to know about a structure, computed once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from hypothesis import strategies as st

from orgraph.ops import (
    OperationBase,
)
from orgraph.org import Org
from orgraph.testing._vocabulary import (
    _FUNCTIONS,
    _FUNDING,
    _KINDS,
    DEFAULT_BLOCS,
    DEFAULT_LEVELS,
    _Ids,
    _names,
    _quotas,
)

__all__ = ["_Builder", "_View", "_unit_fields"]


class _View:
    """What an operation generator needs to know about a structure, computed once.

    ``region`` limits the units (and their posts and appointments) an operation may
    touch, so that two operations on disjoint regions can be checked to commute.
    """

    def __init__(self, org: Org, *, region: set[str] | None, tag: str) -> None:
        self.org = org
        self.region = region
        self.units = {u.id: u for u in org.units()}
        self.local = [i for i in self.units if region is None or i in region]
        self.children = {i: [c.id for c in org.children(i)] for i in self.units}
        self.posts = [p for p in org.posts() if region is None or p.unit in region]
        local_posts = {p.id for p in self.posts}
        self.current = [a for a in org.appointments() if a.post in local_posts]
        self.people = [p.id for p in org.people()]
        self.past = org.appointments(include_ended=True)
        taken = {u.id for u in org.units(include_ended=True)}
        taken |= {p.id for p in org.posts(include_ended=True)}
        taken |= set(self.people)
        self.ids = _Ids(taken, tag)
        dates = [org.date] if org.date else []
        dates += [e.effective for e in org.history if e.effective]
        for u in org.units(include_ended=True):
            dates += [d for d in (u.founded, u.ended) if d]
        dates += [p.ended for p in org.posts(include_ended=True) if p.ended]
        for a in self.past:
            dates += [d for d in (a.start, a.end) if d]
        self.last = max(dates, default=date(2020, 1, 1))

    def subtree(self, ident: str) -> set[str]:
        found, stack = set(), [ident]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(self.children[current])
        return found

    def outside(self, idents: Sequence[str]) -> list[str]:
        """Local active units not in the subtree of any of ``idents``."""
        inside: set[str] = set()
        for ident in idents:
            inside |= self.subtree(ident)
        return [i for i in self.local if i not in inside]

    def holds(self, person: str, post: str) -> bool:
        return any(a.person == person and a.post == post for a in self.org.appointments())

    def started(self, person: str, post: str, when: date) -> bool:
        return any(a.person == person and a.post == post and a.start == when for a in self.past)


_Builder = Callable[[Callable[..., Any], _View, date, bool], OperationBase | None]


def _unit_fields(draw: Callable[..., Any], view: _View) -> dict[str, Any]:
    return {
        "name": draw(_names()),
        "kind": draw(st.sampled_from(_KINDS)),
        "level": draw(st.sampled_from(DEFAULT_LEVELS)),
        "bloc": draw(st.sampled_from((None, *DEFAULT_BLOCS))),
        "functions": draw(st.frozensets(st.sampled_from(_FUNCTIONS), max_size=2)),
        "quota": draw(_quotas()),
        "funding": draw(st.sampled_from(_FUNDING)),
    }
