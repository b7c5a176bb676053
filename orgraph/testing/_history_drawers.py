"""Strategies' builders for the history operations (spin_off, replace, leave_scope, ...).

Each builder has the signature of those in :mod:`orgraph.testing` and returns one valid
operation for the structure its view describes, or None when the kind does not fit.
:mod:`orgraph.testing._drawers` registers them at its end.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from hypothesis import strategies as st

from orgraph.model import Post, Quota
from orgraph.ops import (
    AddFunction,
    ContinuePost,
    LeaveScope,
    MovePost,
    OperationBase,
    Reestablish,
    RemoveFunction,
    RenamePerson,
    Replace,
    Share,
    SpinOff,
    SplitOnto,
    UnitSpec,
)
from orgraph.testing._vocabulary import _FUNCTIONS, _ROLES, _attrs, _names, _person_names

__all__ = ["HISTORY_BUILDERS"]

_Draw = Callable[..., Any]


def _shares(draw: _Draw, total: int | None, n: int) -> list[int | None]:
    if total is None:
        return [None] * n
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(n)]


def _part(draw: _Draw, quota: Quota) -> Quota | None:
    parts = {
        name: draw(st.integers(0, value))
        for name in Quota.model_fields
        if (value := getattr(quota, name))
    }
    return Quota(**parts) if parts and draw(st.booleans()) else None


def _some(draw: _Draw, items: Collection[str]) -> list[str]:
    return [item for item in sorted(items) if draw(st.booleans())]


def _spin_off(draw: _Draw, view: Any, when: date, conserving: bool) -> OperationBase | None:
    if not view.local:
        return None
    source = draw(st.sampled_from(view.local))
    unit = view.units[source]
    children = _some(draw, view.children[source])
    posts = _some(draw, [p.id for p in view.org.posts(source)])
    quota = _part(draw, unit.quota)
    targets = [t for t in view.outside(children) if t != source]
    fields: dict[str, Any] = {"source": source, "effective": when}
    if targets and draw(st.booleans()):
        target = draw(st.sampled_from(targets))
        functions = _some(draw, unit.functions - view.units[target].functions)
        fields["into"] = target
    else:
        functions = _some(draw, unit.functions)
        spec: dict[str, Any] = {"id": view.ids.fresh(draw, "o"), "name": draw(_names())}
        if draw(st.booleans()):
            spec["founded"] = when
        fields["into"] = UnitSpec(**spec)
    fields.update(functions=frozenset(functions), posts=posts, children=children)
    if quota is not None:
        fields["quota"] = quota
    return SpinOff(**fields)


def _split_onto(draw: _Draw, view: Any, when: date, conserving: bool) -> OperationBase | None:
    if not view.local:
        return None
    source = draw(st.sampled_from(view.local))
    candidates = view.outside([source])
    if not candidates:
        return None
    targets = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=2, unique=True))
    n = len(targets)
    org = view.org

    def deal(items: Collection[str]) -> list[list[str]]:
        hands: list[list[str]] = [[] for _ in range(n)]
        for item in sorted(items):
            hands[draw(st.integers(0, n - 1))].append(item)
        return hands

    unit = view.units[source]
    others = {k.target if k.source == source else k.source for k in org.links(unit=source)}
    posts = [p.id for p in org.posts(source)]
    if not conserving:  # vacant posts may be left to be abolished
        posts = [p for p in posts if org.appointments(post=p) or draw(st.booleans())]
    dealt = {
        "functions": deal(unit.functions),
        "children": deal(view.children[source]),
        "posts": deal(posts),
        "links": deal(others),
    }
    shares = {name: _shares(draw, getattr(unit.quota, name), n) for name in Quota.model_fields}
    onto = []
    for i, target in enumerate(targets):
        quota = {k: v[i] for k, v in shares.items() if v[i] is not None}
        if not conserving and quota and draw(st.booleans()):
            quota = {k: (v or 0) // 2 for k, v in quota.items()}
        onto.append(
            Share(
                unit=target,
                functions=frozenset(dealt["functions"][i]),
                children=dealt["children"][i],
                posts=dealt["posts"][i],
                links=dealt["links"][i],
                quota=Quota(**quota) if quota else None,
            )
        )
    change = draw(st.sampled_from(("split", "dissolve")))
    return SplitOnto(source=source, onto=onto, change=change, effective=when)


def _replace(draw: _Draw, view: Any, when: date, conserving: bool) -> OperationBase | None:
    if not view.local:
        return None
    unit = draw(st.sampled_from(view.local))
    targets = view.outside([unit])
    reason = draw(st.sampled_from(("replaced", "renamed")))
    if targets and draw(st.booleans()):
        return Replace(unit=unit, by=draw(st.sampled_from(targets)), reason=reason, effective=when)
    founded = draw(st.sampled_from((None, when)))
    spec = UnitSpec(id=view.ids.fresh(draw, "r"), name=draw(_names()), founded=founded)
    return Replace(unit=unit, by=spec, reason=reason, effective=when)


def _leave_scope(draw: _Draw, view: Any, when: date, conserving: bool) -> OperationBase | None:
    if not view.local:
        return None
    unit = draw(st.sampled_from(view.local))
    reason = draw(st.sampled_from(("devolved", "left")))
    targets = view.outside([unit])
    if view.children[unit] or (targets and draw(st.booleans())):
        if not targets:
            return None
        return LeaveScope(
            unit=unit, reason=reason, to=draw(st.sampled_from(targets)), effective=when
        )
    return LeaveScope(unit=unit, reason=reason, destination="Elsewhere", effective=when)


def _reestablish(draw: _Draw, view: Any, when: date, conserving: bool) -> OperationBase | None:
    if view.region is not None:
        return None
    # A comeback comes after the day the unit ended.
    ended = [
        u for u in view.org.units(include_ended=True) if u.ended is not None and u.ended < when
    ]
    if not ended:
        return None
    unit = draw(st.sampled_from(ended))
    fields: dict[str, Any] = {"unit": unit.id, "effective": when}
    parent_ok = unit.parent is None or unit.parent in view.units
    if not parent_ok or draw(st.booleans()):
        fields["parent"] = draw(st.none() | st.sampled_from(view.local)) if view.local else None
    if draw(st.booleans()):
        fields["name"] = draw(_names())
    if draw(st.booleans()):
        fields["functions"] = frozenset(draw(st.lists(st.sampled_from(_FUNCTIONS), max_size=2)))
    others = [u.id for u in view.org.units(include_ended=True) if u.id != unit.id]
    if others and draw(st.booleans()):
        fields["from_units"] = draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
    return Reestablish(**fields)


def _add_function(draw: _Draw, view: Any, when: date, conserving: bool) -> OperationBase | None:
    pairs = [(u, f) for u in view.local for f in _FUNCTIONS if f not in view.units[u].functions]
    if not pairs:
        return None
    unit, function = draw(st.sampled_from(pairs))
    return AddFunction(unit=unit, function=function, effective=when)


def _remove_function(draw: _Draw, view: Any, when: date, conserving: bool) -> OperationBase | None:
    pairs = [(u, f) for u in view.local for f in sorted(view.units[u].functions)]
    if not pairs:
        return None
    unit, function = draw(st.sampled_from(pairs))
    return RemoveFunction(unit=unit, function=function, effective=when)


def _move_post(draw: _Draw, view: Any, when: date, conserving: bool) -> OperationBase | None:
    moves = [(p.id, u) for p in view.posts for u in view.local if u != p.unit]
    if not moves:
        return None
    post, unit = draw(st.sampled_from(moves))
    return MovePost(post=post, unit=unit, effective=when)


def _continue_post(draw: _Draw, view: Any, when: date, conserving: bool) -> OperationBase | None:
    if not view.posts or not view.local:
        return None
    post = draw(st.sampled_from(view.posts))
    into = Post(
        id=view.ids.fresh(draw, "q"),
        unit=draw(st.sampled_from(view.local)),
        title=draw(_names()),
        role=draw(st.sampled_from(_ROLES)),
        attrs=draw(_attrs()),
    )
    return ContinuePost(post=post.id, into=into, effective=when)


def _rename_person(draw: _Draw, view: Any, when: date, conserving: bool) -> OperationBase | None:
    people = sorted({a.person for a in view.current})
    if not people:
        return None
    person = draw(st.sampled_from(people))
    name = draw(_person_names().filter(lambda n: n != view.org.person(person).name))
    return RenamePerson(person=person, name=name, effective=when)


HISTORY_BUILDERS: dict[str, Callable[[_Draw, Any, date, bool], OperationBase | None]] = {
    "spin_off": _spin_off,
    "split_onto": _split_onto,
    "replace": _replace,
    "leave_scope": _leave_scope,
    "reestablish": _reestablish,
    "add_function": _add_function,
    "remove_function": _remove_function,
    "move_post": _move_post,
    "continue_post": _continue_post,
    "rename_person": _rename_person,
}
"""The builder of each history operation, by its ``op`` tag."""
