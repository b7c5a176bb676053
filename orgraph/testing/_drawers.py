"""One generator per operation kind: each draws an operation valid for a view, or None."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from hypothesis import strategies as st

from orgraph.model import Person, Post, Quota, Unit
from orgraph.ops import (
    AbolishPost,
    Absorb,
    AddLink,
    Appoint,
    ChangeFunding,
    ConcurrentRole,
    CreatePost,
    Dissolve,
    Establish,
    Merge,
    OperationBase,
    Release,
    RemoveLink,
    Rename,
    Reparent,
    Restore,
    Rotate,
    SetQuota,
    Split,
    SplitPart,
    TransferFunction,
    UnitSpec,
)
from orgraph.testing._view import _Builder, _unit_fields, _View
from orgraph.testing._vocabulary import (
    _FUNCTIONS,
    _FUNDING,
    _KINDS,
    _LINK_KINDS,
    _ROLES,
    DEFAULT_LEVELS,
    _attrs,
    _names,
    _nfc,
    _person_names,
    _quotas,
)

__all__ = ["_BUILDERS"]


def _establish(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    parent = draw(st.none() | st.sampled_from(view.local)) if view.local else None
    founded = draw(st.sampled_from((None, when)))
    unit = Unit(
        id=view.ids.fresh(draw, "u"), parent=parent, founded=founded, **_unit_fields(draw, view)
    )
    return Establish(unit=unit, effective=when)


def _merge(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if len(view.local) < 2:
        return None
    sources = draw(st.lists(st.sampled_from(view.local), min_size=2, max_size=3, unique=True))
    units = [view.units[s] for s in sources]
    spec: dict[str, Any] = {"id": view.ids.fresh(draw, "m"), "name": draw(_names())}
    parents = {u.parent for u in units}
    candidates = view.outside(sources)
    if len(parents) > 1 or (candidates and draw(st.booleans())):
        if not candidates:
            return None
        spec["parent"] = draw(st.sampled_from(candidates))
    for name in ("kind", "level", "bloc"):
        values = {getattr(u, name) for u in units}
        if (len(values) > 1 and name != "bloc") or draw(st.integers(0, 3)) == 0:
            spec[name] = _unit_fields(draw, view)[name]
    if not conserving:
        if draw(st.integers(0, 3)) == 0:
            spec["quota"] = draw(_quotas())
        if draw(st.integers(0, 3)) == 0:
            spec["functions"] = draw(st.frozensets(st.sampled_from(_FUNCTIONS), max_size=2))
    return Merge(sources=sources, into=UnitSpec(**spec), effective=when)


def _absorb(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if len(view.local) < 2:
        return None
    sources = draw(st.lists(st.sampled_from(view.local), min_size=1, max_size=2, unique=True))
    targets = view.outside(sources)
    if not targets:
        return None
    return Absorb(sources=sources, into=draw(st.sampled_from(targets)), effective=when)


def _dissolve(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if not view.local:
        return None
    unit = draw(st.sampled_from(view.local))
    successors = view.outside([unit])
    if view.children[unit] or (successors and draw(st.booleans())):
        if not successors:
            return None
        return Dissolve(unit=unit, successor=draw(st.sampled_from(successors)), effective=when)
    return Dissolve(unit=unit, effective=when)


def _shares(draw: Any, total: int | None, n: int) -> list[int | None]:
    if total is None:
        return [None] * n
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(n)]


def _split(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if not view.local:
        return None
    source = draw(st.sampled_from(view.local))
    unit = view.units[source]
    n = draw(st.integers(2, 3))
    org = view.org

    def deal(items: Collection[str]) -> list[list[str]]:
        hands: list[list[str]] = [[] for _ in range(n)]
        for item in sorted(items):
            hands[draw(st.integers(0, n - 1))].append(item)
        return hands

    others = {
        link.target if link.source == source else link.source for link in org.links(unit=source)
    }
    functions = deal(unit.functions)
    children = deal(view.children[source])
    posts = deal([p.id for p in org.posts(source)])
    links = deal(others)
    shares = {name: _shares(draw, getattr(unit.quota, name), n) for name in Quota.model_fields}
    candidates = view.outside([source])
    parts = []
    for i in range(n):
        fields: dict[str, Any] = {"id": view.ids.fresh(draw, "s"), "name": draw(_names())}
        if functions[i]:
            fields["functions"] = frozenset(functions[i])
        quota = {k: v[i] for k, v in shares.items() if v[i] is not None}
        if quota:
            fields["quota"] = Quota(**quota)
        if candidates and draw(st.integers(0, 3)) == 0:
            fields["parent"] = draw(st.sampled_from(candidates))
        if draw(st.integers(0, 3)) == 0:
            fields["kind"] = draw(st.sampled_from(_KINDS))
        for name, values in (("children", children), ("posts", posts), ("links", links)):
            if values[i]:
                fields[name] = values[i]
        parts.append(SplitPart(**fields))
    return Split(source=source, into=parts, effective=when)


def _reparent(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if not view.local:
        return None
    unit = draw(st.sampled_from(view.local))
    candidates = view.outside([unit])
    parent = draw(st.none() | st.sampled_from(candidates)) if candidates else None
    return Reparent(unit=unit, parent=parent, effective=when)


def _rename(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if not view.local:
        return None
    fields: dict[str, Any] = {
        "unit": draw(st.sampled_from(view.local)),
        "name": draw(_names()),
        "effective": when,
    }
    if draw(st.booleans()):
        fields["code"] = draw(st.none() | st.from_regex(r"[0-9A-Z]{2,5}", fullmatch=True))
    if draw(st.integers(0, 3)) == 3:
        fields["kind"] = draw(st.sampled_from(_KINDS))
    if draw(st.integers(0, 3)) == 3:
        fields["level"] = draw(st.sampled_from(DEFAULT_LEVELS))
    return Rename(**fields)


def _transfer_function(
    draw: Any, view: _View, when: date, conserving: bool
) -> OperationBase | None:
    moves = [
        (source, function, target)
        for source in view.local
        for function in sorted(view.units[source].functions)
        for target in view.local
        if target != source and function not in view.units[target].functions
    ]
    if not moves:
        return None
    source, function, target = draw(st.sampled_from(moves))
    return TransferFunction(function=function, source=source, target=target, effective=when)


def _change_funding(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if not view.local:
        return None
    unit = draw(st.sampled_from(view.local))
    return ChangeFunding(unit=unit, funding=draw(st.sampled_from(_FUNDING)), effective=when)


def _set_quota(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if not view.local:
        return None
    unit = draw(st.sampled_from(view.local))
    names = draw(st.lists(st.sampled_from(tuple(Quota.model_fields)), min_size=1, unique=True))
    values = {name: draw(st.none() | st.integers(0, 80)) for name in names}
    return SetQuota(unit=unit, effective=when, **values)


def _create_post(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if not view.local:
        return None
    fields: dict[str, Any] = {
        "id": view.ids.fresh(draw, "p"),
        "unit": draw(st.sampled_from(view.local)),
        "title": draw(_names()),
        "role": draw(st.sampled_from(_ROLES)),
    }
    if draw(st.booleans()):
        fields["leadership"] = draw(st.booleans())
    if draw(st.booleans()):
        fields["attrs"] = draw(_attrs())
    return CreatePost(post=Post.model_validate(fields), effective=when)


def _abolish_post(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if not view.posts:
        return None
    return AbolishPost(post=draw(st.sampled_from(view.posts)).id, effective=when)


def _appoint(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if not view.posts:
        return None
    post = draw(st.sampled_from(view.posts)).id
    free = [p for p in view.people if not view.holds(p, post) and not view.started(p, post, when)]
    person: str | Person
    if free and draw(st.booleans()):
        person = draw(st.sampled_from(free))
    else:
        person = Person(id=view.ids.fresh(draw, "n"), name=draw(_person_names()))
    return Appoint(
        person=person,
        post=post,
        acting=draw(st.booleans()),
        replace=draw(st.booleans()),
        effective=when,
    )


def _release(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if not view.current:
        return None
    appointment = draw(st.sampled_from(view.current))
    return Release(person=appointment.person, post=appointment.post, effective=when)


def _concurrent_role(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    holders: dict[str, set[str]] = {p.id: set() for p in view.posts}
    for a in view.current:
        holders[a.post].add(a.person)
    pairs = [
        (primary, secondary)
        for primary in holders
        if holders[primary]
        for secondary in holders
        if secondary != primary
        and not holders[primary] <= holders[secondary]
        and not any(
            view.started(person, secondary, when)
            for person in holders[primary] - holders[secondary]
        )
    ]
    if not pairs:
        return None
    primary, secondary = draw(st.sampled_from(pairs))
    return ConcurrentRole(primary=primary, secondary=secondary, effective=when)


def _rotate(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    moves = [
        (a.person, a.post, post.id)
        for a in view.current
        for post in view.posts
        if post.id != a.post
        and not view.holds(a.person, post.id)
        and not view.started(a.person, post.id, when)
    ]
    if not moves:
        return None
    person, from_post, to_post = draw(st.sampled_from(moves))
    return Rotate(
        person=person,
        from_post=from_post,
        to_post=to_post,
        replace=draw(st.booleans()),
        effective=when,
    )


def _add_link(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    if len(view.local) < 2:
        return None
    source, target = draw(
        st.lists(st.sampled_from(view.local), min_size=2, max_size=2, unique=True)
    )
    kind = draw(st.sampled_from(_LINK_KINDS))
    if any(link.kind == kind and link.target == target for link in view.org.links(unit=source)):
        return None
    note = draw(st.none() | _names())
    return AddLink(source=source, target=target, kind=kind, note=note, effective=when)


def _remove_link(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    links = [
        link
        for link in view.org.links()
        if view.region is None or {link.source, link.target} <= view.region
    ]
    if not links:
        return None
    link = draw(st.sampled_from(links))
    return RemoveLink(source=link.source, target=link.target, kind=link.kind, effective=when)


def _restore(draw: Any, view: _View, when: date, conserving: bool) -> OperationBase | None:
    # Arbitrary restores can break a structure on purpose (they are raw undo records);
    # these only rewrite records in ways that keep every invariant.
    fields: dict[str, Any] = {}
    if view.local and draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(view.local), max_size=2, unique=True))
        fields["units"] = [
            view.units[i].model_copy(update={"name": _nfc(draw(_names()))}) for i in chosen
        ]
    if view.current and draw(st.booleans()):
        appointment = draw(st.sampled_from(view.current))
        fields["remove_appointments"] = [appointment]
        fields["appointments"] = [appointment.model_copy(update={"acting": draw(st.booleans())})]
    if not fields or draw(st.booleans()):
        fields["people"] = [Person(id=view.ids.fresh(draw, "n"), name=draw(_person_names()))]
    return Restore(effective=when, **fields)


_BUILDERS: dict[str, _Builder] = {
    "establish": _establish,
    "merge": _merge,
    "absorb": _absorb,
    "dissolve": _dissolve,
    "split": _split,
    "reparent": _reparent,
    "rename": _rename,
    "transfer_function": _transfer_function,
    "change_funding": _change_funding,
    "set_quota": _set_quota,
    "create_post": _create_post,
    "abolish_post": _abolish_post,
    "appoint": _appoint,
    "release": _release,
    "concurrent_role": _concurrent_role,
    "rotate": _rotate,
    "add_link": _add_link,
    "remove_link": _remove_link,
    "restore": _restore,
}

from orgraph.testing._history_drawers import HISTORY_BUILDERS  # noqa: E402 (registered last)

_BUILDERS.update(HISTORY_BUILDERS)
