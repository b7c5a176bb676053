"""Operations that move parts of a body: spin_off (the source continues) and split_onto
(the source ends and its parts go to bodies that already exist).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from orgraph.errors import Violation
from orgraph.model import _NO_QUOTA, QUOTA_FIELDS, CodeSet, Id, Link, Quota
from orgraph.ops._transfer import end_unit, in_subtree, release
from orgraph.ops.base import Context, OperationBase, UnitSpec, unknown_or_ended
from orgraph.ops.identity import new_unit_problems, spec_to_unit

if TYPE_CHECKING:
    from orgraph.model import Unit
    from orgraph.org import Org

__all__ = ["Share", "SpinOff", "SplitOnto"]


def _minus(have: Quota, taken: Quota) -> Quota:
    """``have`` less ``taken``, part by part (a part neither knows stays unknown)."""
    if taken.is_empty():
        return have
    values = {}
    for name in QUOTA_FIELDS:
        a, b = getattr(have, name), getattr(taken, name)
        values[name] = None if a is None and b is None else (a or 0) - (b or 0)
    return Quota(**values)


def _quota_problems(op: OperationBase, source: Unit, taken: Quota) -> list[Violation]:
    problems = []
    for name in QUOTA_FIELDS:
        want = getattr(taken, name) or 0
        have = getattr(source.quota, name) or 0
        if want > have:
            problems.append(
                op._violation(
                    "quota_exceeded",
                    f"quota {name}: {source.id!r} has {have}, {want} asked for",
                    source.id,
                )
            )
    return problems


def _not_in(
    op: OperationBase, what: str, source: str, asked: Iterable[str], have: set[str]
) -> list[Violation]:
    counts = Counter(asked)
    problems = []
    unknown = sorted(set(counts) - have)
    if unknown:
        problems.append(
            op._violation(
                "not_in_source",
                f"{what} {', '.join(unknown)} is not one of {source!r}'s",
                source,
                *unknown,
            )
        )
    twice = sorted(k for k, n in counts.items() if n > 1)
    if twice:
        problems.append(
            op._violation("given_twice", f"{what} {', '.join(twice)} given more than once", *twice)
        )
    return problems


def _move_contents(
    org: Org,
    ctx: Context,
    source: str,
    target: str,
    *,
    children: Iterable[str],
    posts: Iterable[str],
    functions: Iterable[str],
) -> None:
    for child in children:
        ctx.store.put_unit(org.unit(child).model_copy(update={"parent": target}))
        ctx.move("unit", child, source, target)
    for post in posts:
        ctx.store.put_post(org.post(post).model_copy(update={"unit": target}))
        ctx.move("post", post, source, target)
    for function in sorted(functions):
        ctx.move("function", function, source, target)


def _repoint(org: Org, ctx: Context, link: Link, source: str, target: str) -> None:
    ctx.store.remove_link(link)
    new_source = target if link.source == source else link.source
    new_target = target if link.target == source else link.target
    if new_source == new_target or any(
        other.kind == link.kind and other.target == new_target
        for other in org.links(unit=new_source)
        if other.source == new_source
    ):
        ctx.links_dropped.append(link)
    else:
        ctx.store.add_link(link.model_copy(update={"source": new_source, "target": new_target}))
        ctx.move("link", f"{link.kind}:{link.source}->{link.target}", source, target)


class SpinOff(OperationBase):
    """A part of a body moves out to a new or an existing unit; the body continues.

    A demerger where the predecessor carries on, or a transfer of functions to another
    body. ``functions``, current ``posts`` (with their holders), current sub-units
    (``children``) and a part of the staff ``quota`` move from ``source`` to ``into``:
    an active unit's id, or a new unit (fields left out come from the source; it is
    founded on its ``founded``, default the effective date). Lineage of kind ``transfer``
    is recorded from the source to ``into``.
    """

    op: Literal["spin_off"] = "spin_off"
    source: Id
    into: Id | UnitSpec
    functions: CodeSet = frozenset()
    posts: list[Id] = []
    children: list[Id] = []
    quota: Quota | None = None

    @property
    def into_id(self) -> str:
        return self.into if isinstance(self.into, str) else self.into.id

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_or_ended(org, self, [self.source], role="source")
        if problems:
            return problems
        source = org.unit(self.source)
        if isinstance(self.into, str):
            problems += unknown_or_ended(org, self, [self.into], role="into")
            if self.into == self.source:
                problems.append(
                    self._violation("same_unit", "source and into are the same unit", self.source)
                )
            elif not problems:
                within = in_subtree(org, self.into, self.children)
                if within is not None:
                    problems.append(
                        self._violation(
                            "cycle",
                            f"{self.into!r} lies inside {within!r}, which moves to it",
                            self.into,
                            within,
                        )
                    )
        else:
            parent = self.into.parent or source.parent
            problems += new_unit_problems(org, self, self.into, parent, self.children)
        problems += _not_in(self, "function", self.source, self.functions, set(source.functions))
        children, posts = org.children(self.source), org.posts(self.source)
        problems += _not_in(self, "sub-unit", self.source, self.children, {c.id for c in children})
        problems += _not_in(self, "post", self.source, self.posts, {p.id for p in posts})
        if self.quota is not None:
            problems += _quota_problems(self, source, self.quota)
        if isinstance(self.into, str) and not problems:
            target = org.unit(self.into)
            for function in sorted(self.functions & target.functions):
                problems.append(
                    self._violation(
                        "has_function",
                        f"{self.into!r} already has function {function!r}",
                        self.into,
                    )
                )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        source = org.unit(self.source)
        taken = self.quota or _NO_QUOTA
        ctx.store.put_unit(
            source.model_copy(
                update={
                    "functions": source.functions - self.functions,
                    "quota": _minus(source.quota, taken),
                },
            )
        )
        if isinstance(self.into, UnitSpec):
            functions = self.functions | (self.into.functions or frozenset())
            quota = self.into.quota if self.into.quota is not None else taken
            new = spec_to_unit(self.into, source, ctx.when, functions=functions, quota=quota)
            ctx.store.put_unit(new)
            ctx.established.append(new.id)
        else:
            target = org.unit(self.into)
            update = {"functions": target.functions | self.functions, "quota": target.quota + taken}
            ctx.store.put_unit(target.model_copy(update=update))
        if not taken.is_empty():
            ctx.move("quota", str(taken.total), self.source, self.into_id)
        _move_contents(
            org,
            ctx,
            self.source,
            self.into_id,
            children=self.children,
            posts=self.posts,
            functions=self.functions,
        )
        ctx.lineage.append((self.source, self.into_id, "transfer"))


class Share(BaseModel):
    """What one existing unit takes from a body that ends in a ``split_onto``."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    unit: Id
    functions: CodeSet = frozenset()
    children: list[Id] = []
    posts: list[Id] = []
    links: list[Id] = []
    quota: Quota | None = None


class SplitOnto(OperationBase):
    """A body ends and its parts go to units that already exist.

    Covers a split into existing bodies and a dissolution into several successors.
    Every function, current sub-unit, held post and link of ``source`` must go to
    exactly one share (``links`` name the unit at the other end); a vacant post given
    to no share is abolished, and quota given to no share is cut (both recorded in the
    effects). Lineage of kind ``change`` (``split`` or ``dissolve``) is recorded to
    each share's unit.
    """

    op: Literal["split_onto"] = "split_onto"
    source: Id
    onto: Annotated[list[Share], Field(min_length=1)]
    change: Literal["split", "dissolve"] = "split"

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        targets = [s.unit for s in self.onto]
        problems = unknown_or_ended(org, self, [self.source], role="source")
        problems += unknown_or_ended(org, self, targets, role="successor")
        problems += _not_in(self, "successor", self.source, targets, set(targets))
        if problems:
            return problems
        for target in targets:
            if in_subtree(org, target, [self.source]) is not None:
                problems.append(
                    self._violation(
                        "cycle", f"{target!r} lies inside {self.source!r}", target, self.source
                    )
                )
        source = org.unit(self.source)
        children, posts = org.children(self.source), org.posts(self.source)
        links = org.links(unit=self.source)
        others = {(k.target if k.source == self.source else k.source) for k in links}
        held = {p.id for p in posts if org.appointments(post=p.id)}
        given = {
            "function": [f for s in self.onto for f in s.functions],
            "sub-unit": [c for s in self.onto for c in s.children],
            "post": [p for s in self.onto for p in s.posts],
            "link to": [x for s in self.onto for x in s.links],
        }
        have = {
            "function": set(source.functions),
            "sub-unit": {c.id for c in children},
            "post": {p.id for p in posts},
            "link to": others,
        }
        must = {**have, "post": held}
        for what, asked in given.items():
            problems += _not_in(self, what, self.source, asked, have[what])
            left = sorted(must[what] - set(asked))
            if left:
                problems.append(
                    self._violation(
                        "left_over",
                        f"{what} {', '.join(left)} not given to any successor",
                        self.source,
                        *left,
                    )
                )
        total = _NO_QUOTA
        for share in self.onto:
            if share.quota is not None:
                total = total + share.quota
        problems += _quota_problems(self, source, total)
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        source = org.unit(self.source)
        _, posts, links = ctx.store.attached(self.source, children=False)
        given_posts = {p for s in self.onto for p in s.posts}
        moved = _NO_QUOTA
        for share in self.onto:
            target = org.unit(share.unit)
            taken = share.quota or _NO_QUOTA
            moved = moved + taken
            update = {
                "functions": target.functions | share.functions,
                "quota": target.quota + taken,
            }
            ctx.store.put_unit(target.model_copy(update=update))
            if not taken.is_empty():
                ctx.move("quota", str(taken.total), self.source, share.unit)
            _move_contents(
                org,
                ctx,
                self.source,
                share.unit,
                children=share.children,
                posts=share.posts,
                functions=share.functions,
            )
            for link in links:
                other = link.target if link.source == self.source else link.source
                if other in share.links:
                    _repoint(org, ctx, link, self.source, share.unit)
            ctx.lineage.append((self.source, share.unit, self.change))
        for post in posts:
            if post.id not in given_posts:  # vacant (held ones were checked to be given)
                for appointment in org.appointments(post=post.id):
                    release(org, ctx, appointment)
                ctx.store.put_post(post.model_copy(update={"ended": ctx.when}))
                ctx.abolished_posts.append(post.id)
        left = _minus(source.quota, moved)
        cut = {name: getattr(left, name) for name in QUOTA_FIELDS if getattr(left, name)}
        if cut:
            ctx.quota_cut = ctx.quota_cut + Quota(**cut)
        end_unit(org, ctx, org.unit(self.source))
