"""Operations that create or end units: establish, merge, absorb, dissolve, split."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from orgraph.errors import Violation
from orgraph.model import QUOTA_FIELDS, Id, Quota, Unit
from orgraph.ops._transfer import cut_unit, fold_into, in_subtree
from orgraph.ops.base import Context, OperationBase, UnitSpec, unit_or_none, unknown_or_ended

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["Absorb", "Dissolve", "Establish", "Merge", "Split", "SplitPart"]


def _new_id(org: Org, op: OperationBase, ident: str) -> list[Violation]:
    if ident in org:
        return [op._violation("id_taken", f"id {ident!r} is already used", ident)]
    return []


def _parent_ok(
    org: Org, op: OperationBase, parent: str | None, sources: Sequence[str]
) -> list[Violation]:
    if parent is None:
        return []
    unit = unit_or_none(org, parent)
    problems = (
        [] if unit and unit.ended is None else unknown_or_ended(org, op, [parent], role="parent")
    )
    # An active unit's ancestors are all active (an invariant of every structure), so
    # ``parent`` can only lie inside a source that is it or has active sub-units: the
    # walk up from it is skipped in the usual case, merging units with nothing below.
    if not problems and (parent in sources or any(org.has_children(s) for s in sources)):
        inside = in_subtree(org, parent, sources)
        if inside is not None:
            problems.append(
                op._violation(
                    "cycle",
                    f"parent {parent!r} lies inside {inside!r}, which is being ended",
                    parent,
                    inside,
                )
            )
    return problems


_INHERITED = ("parent", "kind", "level", "bloc", "funding")


_inherited = itemgetter(*_INHERITED)


def _shared(units: list[Unit]) -> dict[str, str | None]:
    """For each inherited field, the value all ``units`` share (None where they differ)."""
    first = _inherited(units[0].__dict__)
    for unit in units:
        if _inherited(unit.__dict__) != first:
            break
    else:
        return dict(zip(_INHERITED, first, strict=True))  # the usual case
    shared = dict(zip(_INHERITED, first, strict=True))
    for unit in units[1:]:
        values = unit.__dict__
        for name in _INHERITED:
            if shared[name] is not None and values[name] != shared[name]:
                shared[name] = None
    return shared


class Establish(OperationBase):
    """Create a new unit (thành lập). ``founded`` defaults to the effective date."""

    op: Literal["establish"] = "establish"
    unit: Unit

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = _new_id(org, self, self.unit.id)
        problems += _parent_ok(org, self, self.unit.parent, [])
        if self.unit.ended is not None:
            problems.append(
                self._violation("ended_unit", "a new unit cannot be ended", self.unit.id)
            )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        unit = self.unit
        if unit.founded is None and ctx.when is not None:
            unit = unit.model_copy(update={"founded": ctx.when})
        ctx.store.put_unit(unit)
        ctx.established.append(unit.id)


class _FromSources(OperationBase):
    """Shared checks of merge and absorb."""

    sources: tuple[Id, ...]

    def _source_problems(self, org: Org) -> list[Violation]:
        problems = unknown_or_ended(org, self, self.sources, role="source")
        if len(set(self.sources)) < len(self.sources):
            for ident, count in Counter(self.sources).items():
                if count > 1:
                    problems.append(
                        self._violation("duplicate", f"source {ident!r} is listed twice", ident)
                    )
        return problems


class Merge(_FromSources):
    """Two or more units become one new unit (hợp nhất); the sources end.

    The new unit takes the sources' children, current posts with their holders, links
    and functions (union with any ``into.functions``). Its quota is the sum of theirs
    unless ``into.quota`` is given; a smaller quota is recorded as a cut. Parent, kind,
    level and bloc default to the sources' when they all share one.
    """

    op: Literal["merge"] = "merge"
    sources: Annotated[tuple[Id, ...], Field(min_length=2)]
    into: UnitSpec

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        return self._check(org)[0]

    def _check(self, org: Org) -> tuple[list[Violation], list[Unit], dict[str, str | None]]:
        """The problems, the source units and the values they share."""
        units: list[Unit] = []
        for ident in self.sources:
            unit = unit_or_none(org, ident)
            if unit is None or unit.ended is not None:
                break
            units.append(unit)
        problems = _new_id(org, self, self.into.id)
        if len(units) < len(self.sources) or len(set(self.sources)) < len(units):
            problems = self._source_problems(org) + problems
        if problems:
            return problems, units, {}
        defaults = _shared(units)
        if self.into.parent is None and defaults["parent"] is None and any(u.parent for u in units):
            problems.append(
                self._violation(
                    "no_parent",
                    "the sources have different parents: give into.parent",
                    *self.sources,
                )
            )
        for name in ("kind", "level"):
            if getattr(self.into, name) is None and defaults[name] is None:
                problems.append(
                    self._violation(
                        "ambiguous",
                        f"the sources differ in {name}: give into.{name}",
                        *self.sources,
                    )
                )
        parent = self.into.parent or defaults["parent"]
        return problems + _parent_ok(org, self, parent, self.sources), units, defaults

    def _validate_and_apply(self, org: Org, ctx: Context) -> list[Violation]:
        problems, units, defaults = self._check(org)
        if not problems:
            self._merge(org, ctx, units, defaults)
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        units = [org.unit(s) for s in self.sources]
        self._merge(org, ctx, units, _shared(units))

    def _merge(
        self, org: Org, ctx: Context, units: list[Unit], defaults: dict[str, str | None]
    ) -> None:
        total = Quota()
        functions: frozenset[str] = self.into.functions or frozenset()
        for unit in units:
            total = total + unit.quota  # adding an empty quota costs nothing
            if unit.functions:
                functions = functions | unit.functions
        fixed = {"functions": functions, "quota": self.into.quota or total}
        new = self.into._to_unit(ctx.when, defaults, fixed)
        ctx.store.put_unit(new)
        ctx.established.append(new.id)
        for source in units:
            if ctx.moved:
                # Folding a source moved something: it may have been another source, so
                # read that one again.
                source = org.unit(source.id)
            fold_into(org, ctx, source, new.id, change="merge", merge_attributes=False)
        if self.into.quota is not None:
            ctx.quota_cut = ctx.quota_cut + _shortfall(total, self.into.quota)


def _shortfall(before: Quota, after: Quota) -> Quota:
    """How much of ``before`` is missing from ``after``, field by field."""
    cut = {
        name: max(0, (getattr(before, name) or 0) - (getattr(after, name) or 0))
        for name in QUOTA_FIELDS
    }
    return Quota(**{k: v for k, v in cut.items() if v})


class Absorb(_FromSources):
    """Fold one or more units into an existing unit that continues (sáp nhập).

    Children, current posts with holders, links, functions and quota move to ``into``;
    the sources end.
    """

    op: Literal["absorb"] = "absorb"
    sources: Annotated[tuple[Id, ...], Field(min_length=1)]
    into: Id

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = self._source_problems(org)
        problems += unknown_or_ended(org, self, [self.into], role="target")
        if problems:
            return problems
        inside = in_subtree(org, self.into, self.sources)
        if inside is not None:
            problems.append(
                self._violation(
                    "cycle",
                    f"target {self.into!r} lies inside source {inside!r}",
                    self.into,
                    inside,
                )
            )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        for source in self.sources:
            fold_into(org, ctx, org.unit(source), self.into, change="absorb")


class Dissolve(OperationBase):
    """End a unit (giải thể).

    With a ``successor``, its children, current posts with holders, links, functions and
    quota go there. Without one, it must have no current sub-units; its posts are
    abolished, holders released, links dropped and quota cut.
    """

    op: Literal["dissolve"] = "dissolve"
    unit: Id
    successor: Id | None = None

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_or_ended(org, self, [self.unit])
        if self.successor is not None:
            problems += unknown_or_ended(org, self, [self.successor], role="successor")
        if problems:
            return problems
        if self.successor is not None:
            if in_subtree(org, self.successor, [self.unit]) is not None:
                problems.append(
                    self._violation(
                        "cycle",
                        f"successor {self.successor!r} lies inside {self.unit!r}",
                        self.successor,
                        self.unit,
                    )
                )
        elif org.has_children(self.unit):
            problems += self._still_has(org.children(self.unit))
        return problems

    def _still_has(self, children: Sequence[Unit]) -> list[Violation]:
        if not children:
            return []
        ids = [c.id for c in children]
        return [
            self._violation(
                "has_children",
                f"{self.unit!r} still has {len(ids)} sub-unit(s) "
                f"({', '.join(ids[:5])}{', ...' if len(ids) > 5 else ''}): "
                "move them first or name a successor",
                self.unit,
                *ids,
            )
        ]

    def _validate_and_apply(self, org: Org, ctx: Context) -> list[Violation]:
        if self.successor is not None:
            return super()._validate_and_apply(org, ctx)
        problems = self.validate(org)
        if not problems:
            # Known to have no active sub-units: only its posts and links are needed.
            attached = ctx.store.attached(self.unit, children=False)
            cut_unit(org, ctx, org.unit(self.unit), attached)
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        if self.successor is not None:
            fold_into(org, ctx, org.unit(self.unit), self.successor, change="dissolve")
        else:
            cut_unit(org, ctx, org.unit(self.unit))


class SplitPart(UnitSpec):
    """One unit a split creates, with what it takes from the source.

    ``functions`` and ``quota`` are the shares it takes; ``children`` and ``posts`` the
    ids it takes; ``links`` the ids of the units at the other end of the links it takes.
    """

    children: tuple[Id, ...] = ()
    posts: tuple[Id, ...] = ()
    links: tuple[Id, ...] = ()


class Split(OperationBase):
    """One unit becomes several new ones (chia, tách); the source ends.

    Every function, current sub-unit, held post, link and quota of the source must be
    given to exactly one part; the error lists anything left over or given twice. A
    vacant post given to no part is abolished (recorded in the effects).
    """

    op: Literal["split"] = "split"
    source: Id
    into: Annotated[tuple[SplitPart, ...], Field(min_length=2)]

    @model_validator(mode="after")
    def _distinct_parts(self) -> Split:
        ids = [p.id for p in self.into]
        if len(set(ids)) != len(ids):
            raise ValueError("the parts of a split need distinct ids")
        return self

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_or_ended(org, self, [self.source], role="source")
        for part in self.into:
            problems += _new_id(org, self, part.id)
        if problems:
            return problems
        source = org.unit(self.source)
        for part in self.into:
            if part.parent is not None:
                problems += _parent_ok(org, self, part.parent, [self.source])
        children = org.children(self.source)
        posts = org.posts(self.source)
        links = org.links(unit=self.source)
        others = {(link.target if link.source == self.source else link.source) for link in links}
        problems += self._partition(
            "function", source.functions, [p.functions or () for p in self.into]
        )
        problems += self._partition(
            "sub-unit", {c.id for c in children}, [p.children for p in self.into]
        )
        # A vacant post need not be given to a part: it is abolished (held ones must go on).
        handed = {post for part in self.into for post in part.posts}
        must = {p.id for p in posts if p.id in handed or org.appointments(post=p.id)}
        problems += self._partition("post", must, [p.posts for p in self.into])
        problems += self._partition("link to", others, [p.links for p in self.into])
        if source.quota.is_empty() and all(p.quota is None for p in self.into):
            return problems  # no quota to share out
        for name in QUOTA_FIELDS:
            have = getattr(source.quota, name) or 0
            given = sum(getattr(p.quota, name) or 0 for p in self.into if p.quota is not None)
            if have != given:
                problems.append(
                    self._violation(
                        "quota_not_conserved",
                        f"quota {name}: the source has {have}, the parts take {given}",
                        self.source,
                    )
                )
        return problems

    def _partition(
        self,
        what: str,
        have: set[str] | frozenset[str],
        given: Sequence[Iterable[str]],
    ) -> list[Violation]:
        shared = [x for share in given for x in share]
        if len(shared) == len(have) and set(shared) == set(have):
            return []  # each given once, all of them: the usual case, checked quickly
        counts: Counter[str] = Counter(shared)
        problems = []
        left = sorted(set(have) - set(counts))
        if left:
            problems.append(
                self._violation(
                    "left_over",
                    f"{what} {', '.join(left)} not given to any part",
                    self.source,
                    *left,
                )
            )
        twice = sorted(k for k, n in counts.items() if n > 1)
        if twice:
            problems.append(
                self._violation(
                    "given_twice", f"{what} {', '.join(twice)} given to more than one part", *twice
                )
            )
        unknown = sorted(set(counts) - set(have))
        if unknown:
            problems.append(
                self._violation(
                    "not_in_source",
                    f"{what} {', '.join(unknown)} is not one of {self.source!r}'s",
                    self.source,
                    *unknown,
                )
            )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        source = org.unit(self.source)
        defaults = {name: getattr(source, name) for name in _INHERITED}
        links = ctx.store.attached(self.source)[2]
        for part in self.into:
            unit = part._to_unit(ctx.when, defaults)
            ctx.store.put_unit(unit)
            ctx.established.append(unit.id)
            for child in part.children:
                ctx.store.put_unit(org.unit(child).model_copy(update={"parent": unit.id}))
                ctx.move("unit", child, self.source, unit.id)
            for post in part.posts:
                ctx.store.put_post(org.post(post).model_copy(update={"unit": unit.id}))
                ctx.move("post", post, self.source, unit.id)
            for function in sorted(part.functions or ()):
                ctx.move("function", function, self.source, unit.id)
            for link in links:
                other = link.target if link.source == self.source else link.source
                if other in part.links:
                    ctx.store.remove_link(link)
                    ctx.store.add_link(
                        link.model_copy(
                            update={
                                "source": unit.id if link.source == self.source else link.source,
                                "target": unit.id if link.target == self.source else link.target,
                            }
                        )
                    )
                    ctx.move(
                        "link", f"{link.kind}:{link.source}->{link.target}", self.source, unit.id
                    )
            ctx.lineage.append((self.source, unit.id, "split"))
        handed = {post for part in self.into for post in part.posts}
        for vacant in org.posts(self.source):
            if vacant.id not in handed:  # vacant: abolished, and said so in the effects
                ctx.store.put_post(vacant.model_copy(update={"ended": ctx.when}))
                ctx.abolished_posts.append(vacant.id)
        ctx.store.put_unit(org.unit(self.source).model_copy(update={"ended": ctx.when}))
        ctx.ended.append(self.source)
