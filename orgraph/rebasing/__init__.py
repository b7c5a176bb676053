"""Rebase a scenario onto a newer baseline, and combine two scenarios drafted on one.

:func:`rebase` replays each operation of a scenario drafted against ``old`` on ``new``.
Where the new baseline's changes say without ambiguity what the operation now means, the
operation is adapted: a unit merged or absorbed in the meantime is replaced by its
successor; a moved unit keeps its new parent and a renamed unit its new name (unless the
operation renames it). Where they do not, the operation is a :class:`Conflict`: a unit it
names was dissolved or split, a post abolished, a holder released, the quota under a
``set_quota`` changed, an id it creates is now taken, or it no longer applies.

Examples
--------
>>> from datetime import date
>>> from orgraph import Org, Scenario, Unit, apply
>>> old = Org.create(name="Demo", date=date(2020, 1, 1), units=[
...     Unit(id="a", name="A", kind="office", level="district"),
...     Unit(id="b", name="B", kind="office", level="district"),
... ])
>>> new = apply(old, [{"op": "absorb", "sources": ["b"], "into": "a"}])
>>> plan = Scenario(name="plan", operations=[{"op": "rename", "unit": "b", "name": "B2"}])
>>> result = rebase(plan, old, new)
>>> result.scenario.operations[0].unit, [a.kind for a in result.adaptations]
('a', ['successor'])
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from orgraph.engine import apply
from orgraph.errors import ScenarioError
from orgraph.model import QUOTA_FIELDS
from orgraph.ops import OperationBase, Rename, Reparent, SetQuota
from orgraph.org import Org
from orgraph.rebasing._baseline import Baseline, BaselineChange
from orgraph.rebasing._records import (
    Adaptation,
    AdaptationKind,
    Conflict,
    ConflictKind,
    OnConflict,
    RebaseConflictError,
    RebaseResult,
    fate_conflict,
    past,
)
from orgraph.rebasing._refs import (
    created_ids,
    person_refs,
    post_refs,
    substitute_units,
    unit_refs,
)
from orgraph.scenario import Scenario

__all__ = [
    "Adaptation",
    "BaselineChange",
    "Conflict",
    "RebaseConflictError",
    "RebaseResult",
    "References",
    "combine",
    "rebase",
    "references",
]


class References(NamedTuple):
    """The ids an operation acts on (units, posts, people) and those it creates."""

    units: list[str]
    posts: list[str]
    people: list[str]
    created: list[str]


def references(op: OperationBase) -> References:
    """What ``op`` refers to and creates, read from its fields.

    Examples
    --------
    >>> from orgraph import parse_operation
    >>> references(parse_operation({"op": "absorb", "sources": ["b"], "into": "a"}))
    References(units=['b', 'a'], posts=[], people=[], created=[])
    """
    return References(unit_refs(op), post_refs(op), person_refs(op), created_ids(op))


class _Rebase:
    """One run of a rebase: the running structure and what has been found so far."""

    def __init__(self, scenario: Scenario, old: Org, new: Org, on_conflict: OnConflict) -> None:
        if on_conflict not in ("stop", "skip"):
            raise ValueError(f"on_conflict must be 'stop' or 'skip', not {on_conflict!r}")
        self.scenario = scenario
        self.baseline = Baseline(old, new)
        self.on_conflict = on_conflict
        self.current = new
        self.kept: list[OperationBase] = []
        self.adaptations: list[Adaptation] = []
        self.conflicts: list[Conflict] = []
        self.created: set[str] = set()  # ids the kept operations created

    def result(self) -> RebaseResult:
        return RebaseResult(
            scenario=self.scenario.model_copy(update={"operations": list(self.kept)}),
            adaptations=tuple(self.adaptations),
            conflicts=tuple(self.conflicts),
        )

    def run(self) -> RebaseResult:
        done = {_same(e.operation): e for e in self.baseline.events}
        for index, op in enumerate(self.scenario.operations, start=1):
            event = done.pop(_same(op), None)
            if event is not None:
                self.adaptations.append(
                    Adaptation(
                        index=index,
                        op=op.op,
                        kind="already_done",
                        id=event.id,
                        to=None,
                        cause=BaselineChange(
                            event=event.id,
                            op=event.operation.op,
                            effective=event.effective,
                            basis=event.basis,
                        ),
                        message=f"the baseline already did this ({event.id}): left out",
                    )
                )
                continue
            conflicts, adaptations, adapted = self._carry(index, op)
            if not conflicts:
                conflicts = self._replay(index, op, adapted)
            if conflicts:
                self.conflicts += conflicts
                if self.on_conflict == "stop":
                    raise RebaseConflictError(conflicts[0], result=self.result())
                continue
            self.adaptations += adaptations
            self.kept.append(adapted)
            self.created.update(created_ids(op))
        return self.result()

    def _baseline_unit(self, unit: str) -> bool:
        """True for a unit the operation knows from the old baseline (not one it made)."""
        return unit not in self.created and self.baseline.active_in_old(unit)

    def _carry(
        self, index: int, op: OperationBase
    ) -> tuple[list[Conflict], list[Adaptation], OperationBase]:
        base = self.baseline
        conflicts: list[Conflict] = []
        adaptations: list[Adaptation] = []

        def conflict(
            kind: ConflictKind,
            ids: tuple[str, ...],
            cause: BaselineChange,
            message: str,
            *options: str,
        ) -> None:
            conflicts.append(
                Conflict(
                    index=index,
                    op=op.op,
                    kind=kind,
                    ids=ids,
                    cause=cause,
                    message=message,
                    options=options,
                )
            )

        def adapt(
            kind: AdaptationKind,
            unit: str,
            to: str | None,
            was: str | None,
            cause: BaselineChange,
            message: str,
        ) -> None:
            adaptations.append(
                Adaptation(
                    index=index,
                    op=op.op,
                    kind=kind,
                    id=unit,
                    to=to,
                    was=was,
                    cause=cause,
                    message=message,
                )
            )

        for ident in created_ids(op):
            taken = base.taken(ident)
            if taken is not None and ident not in self.created:
                conflict(
                    "id_taken",
                    (ident,),
                    taken,
                    f"id {ident!r} is now used in the baseline",
                    "give the new record another id",
                )
        mapping: dict[str, str] = {}
        for unit in unit_refs(op):
            if not self._baseline_unit(unit):
                continue
            fate = base.fate(unit)
            if fate is None:
                self._state_adaptations(op, unit, adapt)
            elif fate.change in ("merge", "absorb") and len(fate.successors) == 1:
                successor = fate.successors[0]
                mapping[unit] = successor
                adapt(
                    "successor",
                    unit,
                    successor,
                    None,
                    fate.cause,
                    f"unit {unit!r} was {past[fate.change]} into {successor!r}: "
                    f"the operation now acts on {successor!r}",
                )
            else:
                conflicts.append(fate_conflict(index, op, unit, fate))
        for post in post_refs(op):
            abolished = base.abolished(post) if post not in self.created else None
            if abolished is not None:
                conflict(
                    "post_abolished",
                    (post,),
                    abolished,
                    f"post {post!r} was abolished",
                    "drop the operation",
                    "create the post again first",
                )
        self._holder_conflicts(op, conflict)
        if isinstance(op, SetQuota) and self._baseline_unit(op.unit):
            target = mapping.get(op.unit, op.unit)
            fields = set(op.model_fields_set)
            changed = base.quota_change(op.unit, target, fields)
            if changed is not None:
                before, after = changed
                given = ", ".join(
                    f"{f} {getattr(after, f)}" for f in sorted(fields) if f in QUOTA_FIELDS
                )
                conflict(
                    "quota_changed",
                    (target,),
                    base.quota_cause(target),
                    f"the quota of {target!r} changed under the operation "
                    f"(civil servants {before.civil_servants} -> {after.civil_servants}, "
                    f"public employees {before.public_employees} -> {after.public_employees}, "
                    f"contracts {before.contracts} -> {after.contracts})",
                    f"work the figures out again from the new quota ({given})",
                    "drop the operation",
                )
        refs = unit_refs(op)
        together = [
            u for u in refs if mapping.get(u, u) in {mapping.get(r, r) for r in refs if r != u}
        ]
        if together and not conflicts:
            conflict(
                "sources_merged",
                tuple(together),
                next((a.cause for a in adaptations if a.kind == "successor"), BaselineChange()),
                f"the baseline already combined {', '.join(together)} into "
                f"{mapping.get(together[0], together[0])!r}",
                "drop the operation",
                "keep only the parts the baseline has not done",
            )
        adapted = op if conflicts else substitute_units(op, mapping)
        return conflicts, adaptations, adapted

    def _state_adaptations(self, op: OperationBase, unit: str, adapt: _Adapt) -> None:
        base = self.baseline
        moved = base.moved(unit)
        if moved is not None and not (isinstance(op, Reparent) and op.unit == unit):
            before, after, cause = moved
            adapt(
                "moved",
                unit,
                after,
                before,
                cause,
                f"unit {unit!r} now sits under {after!r} (was {before!r}): it stays there",
            )
        renamed = base.renamed(unit)
        if renamed is not None and not (isinstance(op, Rename) and op.unit == unit):
            before, after, cause = renamed
            adapt(
                "renamed",
                unit,
                after,
                before,
                cause,
                f"unit {unit!r} is now named {after!r} (was {before!r}): it keeps that name",
            )

    def _holder_conflicts(self, op: OperationBase, conflict: _Conflict) -> None:
        base = self.baseline
        people = person_refs(op)
        pairs: list[tuple[str, str]] = []
        if op.op in ("release", "rotate"):
            pairs = [(people[0], post_refs(op)[0])]
        for person, post in pairs:
            if post in self.created or base.abolished(post) is not None:
                continue
            released = base.released(person, post)
            if released is not None:
                now = base.holders(base.new, post)
                conflict(
                    "holder_released",
                    (person, post),
                    released,
                    f"{person!r} no longer holds {post!r}",
                    f"act on the post's holder now ({', '.join(now)})"
                    if now
                    else "the post is vacant: appoint someone first",
                    "drop the operation",
                )
        if op.op == "concurrent_role":
            primary = post_refs(op)[0]
            if primary in self.created or base.abolished(primary) is not None:
                return
            had = base.holders(base.old, primary)
            if had and not base.holders(base.new, primary):
                released = base.released(had[0], primary)
                conflict(
                    "holder_released",
                    (had[0], primary),
                    released or BaselineChange(),
                    f"{primary!r} is vacant now ({had[0]!r} was released)",
                    "appoint someone to the post first",
                    "drop the operation",
                )

    def _replay(self, index: int, op: OperationBase, adapted: OperationBase) -> list[Conflict]:
        try:
            self.current = apply(self.current, [adapted], effective=self.scenario.effective)
        except ScenarioError as exc:
            problems = exc.violations
            ids = tuple(i for v in problems for i in v.ids)
            message = "; ".join(v.message for v in problems)
            return [
                Conflict(
                    index=index,
                    op=op.op,
                    kind="invalid",
                    ids=tuple(dict.fromkeys(ids)),
                    cause=BaselineChange(),
                    message=f"no longer applies: {message}",
                    options=("fix or drop the operation",),
                )
            ]
        return []


def _same(op: OperationBase) -> str:
    """What an operation does, leaving out when, why and the note: equal for the same act."""
    return op.model_dump_json(exclude={"effective", "basis", "note"}, exclude_unset=True)


class _Adapt(Protocol):
    def __call__(
        self,
        kind: AdaptationKind,
        unit: str,
        to: str | None,
        was: str | None,
        cause: BaselineChange,
        message: str,
    ) -> None: ...


class _Conflict(Protocol):
    def __call__(
        self,
        kind: ConflictKind,
        ids: tuple[str, ...],
        cause: BaselineChange,
        message: str,
        *options: str,
    ) -> None: ...


def rebase(
    scenario: Scenario, old: Org, new: Org, *, on_conflict: OnConflict = "stop"
) -> RebaseResult:
    """Carry ``scenario``, drafted against ``old``, over to ``new``.

    Returns the rebased scenario (same name, description and date; operations adapted,
    conflicting ones left out), the adaptations and the conflicts, each naming the
    operation (1-based) and the baseline event behind it. The rebased scenario always
    applies to ``new``. With ``on_conflict="stop"`` the first conflict raises
    :class:`RebaseConflictError` instead; ``"skip"`` drops the operation and goes on.
    """
    return _Rebase(scenario, old, new, on_conflict).run()


def combine(
    a: Scenario, b: Scenario, base: Org, *, on_conflict: OnConflict = "stop"
) -> RebaseResult:
    """One scenario doing ``a`` then ``b``, both drafted against ``base``.

    ``b`` is rebased onto ``base`` with ``a`` applied, so the conflicts are those of
    ``b``'s operations (numbered within ``b``) with what ``a`` did; the causes name
    ``a``'s events. ``a`` must apply to ``base`` (else :class:`~orgraph.ScenarioError`).
    """
    after_a = apply(base, a)
    result = rebase(b, base, after_a, on_conflict=on_conflict)
    description = " ".join(
        d for d in (f"{a.name}, then {b.name}.", a.description, b.description) if d
    )
    combined = Scenario(
        name=f"{a.name} + {b.name}",
        description=description,
        effective=a.effective,
        operations=[
            *[_dated(op, a.effective) for op in a.operations],
            *[_dated(op, b.effective) for op in result.scenario.operations],
        ],
    )
    return result.model_copy(update={"scenario": combined})


def _dated(op: OperationBase, effective: object) -> OperationBase:
    """``op`` with its scenario's date written on it when it has none of its own."""
    if op.effective is not None or effective is None:
        return op
    return op.model_copy(update={"effective": effective})
