"""Moves shared by the structural operations: children, posts, links, functions, quota."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from orgraph._store import link_key
from orgraph.model import Appointment, Link, Post, Unit

if TYPE_CHECKING:
    from orgraph.ops.base import Context
    from orgraph.org import Org

__all__ = [
    "cut_unit",
    "end_unit",
    "fold_into",
    "in_subtree",
    "release",
]


def in_subtree(org: Org, ident: str, roots: Iterable[str]) -> str | None:
    """The first of ``roots`` that ``ident`` is (or is below), else None."""
    wanted = set(roots)
    if ident in wanted:
        return ident
    for ancestor in org.ancestors(ident):
        if ancestor.id in wanted:
            return ancestor.id
    return None


def end_unit(org: Org, ctx: Context, unit: Unit) -> None:
    """Mark a unit ended on the operation's date."""
    ctx.store.put_unit(unit.model_copy(update={"ended": ctx.when}))
    ctx.ended.append(unit.id)


def fold_into(
    org: Org,
    ctx: Context,
    source: Unit,
    target: str,
    *,
    change: str,
    merge_attributes: bool = True,
) -> None:
    """Fold one active unit into another and end it: children, posts, links, functions, quota.

    Current posts move with their holders; links are re-pointed at the target, and those
    that would join it to itself drop. With ``merge_attributes`` false the caller has
    already given the target its functions and quota (a merge computes them once for all
    sources).
    """
    ident = source.id
    children, posts, links = ctx.store.attached(ident)
    if children or posts or links:
        for child in children:
            ctx.store.put_unit(child.model_copy(update={"parent": target}))
            ctx.move("unit", child.id, ident, target)
        for post in posts:
            ctx.store.put_post(post.model_copy(update={"unit": target}))
            ctx.move("post", post.id, ident, target)
        for link in links:
            _repoint(org, ctx, link, ident, target)
    if not source.quota.is_empty():
        ctx.move("quota", str(source.quota.total), ident, target)
    if source.functions:
        for function in sorted(source.functions):
            ctx.move("function", function, ident, target)
    if merge_attributes:
        tgt = org.unit(target)
        update = {"functions": tgt.functions | source.functions, "quota": tgt.quota + source.quota}
        ctx.store.put_unit(tgt.model_copy(update=update))
    end_unit(org, ctx, source)
    ctx.lineage.append((ident, target, change))


def _repoint(org: Org, ctx: Context, link: Link, source: str, target: str) -> None:
    ctx.store.remove_link(link)
    new_source = target if link.source == source else link.source
    new_target = target if link.target == source else link.target
    if new_source == new_target or ctx.store.has_edge(new_source, new_target, link_key(link.kind)):
        ctx.links_dropped.append(link)
    else:
        ctx.store.add_link(link.model_copy(update={"source": new_source, "target": new_target}))
        ctx.move("link", f"{link.kind}:{link.source}->{link.target}", source, target)


def release(org: Org, ctx: Context, appointment: Appointment) -> None:
    """End an appointment on the operation's date, keeping it as a record."""
    ctx.store.remove_appointment(appointment)
    ended = appointment.model_copy(update={"end": ctx.when})
    ctx.store.add_appointment(ended)
    ctx.released.append(ended)


def cut_unit(
    org: Org,
    ctx: Context,
    unit: Unit,
    attached: tuple[Sequence[Unit], Sequence[Post], Sequence[Link]] | None = None,
) -> None:
    """Abolish a unit's posts (releasing holders), drop its links, cut its quota, end it.

    ``attached`` is what ``ctx.store.attached(unit.id)`` gives, when the caller has it already.
    """
    _, posts, links = attached or ctx.store.attached(unit.id)
    for post in posts:
        for appointment in org.appointments(post=post.id):
            release(org, ctx, appointment)
        ctx.store.put_post(post.model_copy(update={"ended": ctx.when}))
        ctx.abolished_posts.append(post.id)
    for link in links:
        ctx.store.remove_link(link)
        ctx.links_dropped.append(link)
    for function in sorted(unit.functions):
        ctx.move("function", function, unit.id, None)
    ctx.quota_cut = ctx.quota_cut + unit.quota
    end_unit(org, ctx, unit)
