"""Scenarios side by side: each applied to the same baseline, measured and explained.

:func:`compare` applies every scenario to the baseline with :func:`orgraph.apply`, takes
:func:`~orgraph.metrics.metrics` before and after, and lists what each one changed:
units removed and established, quota cut, posts made concurrent and people moved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from orgraph._frames import number_frame
from orgraph.changes import Changes, between
from orgraph.engine import apply
from orgraph.lineage import LineageIndex, final_successors
from orgraph.metrics import ConcurrentHolder, Metrics, QuotaTotals, concurrent_holders, flatten
from orgraph.metrics import metrics as measure

if TYPE_CHECKING:
    import pandas as pd

    from orgraph.history import Event
    from orgraph.org import Org
    from orgraph.scenario import Scenario

__all__ = [
    "Comparison",
    "LineageIndex",
    "PersonMove",
    "ScenarioChanges",
    "ScenarioResult",
    "UnitChange",
    "changes",
    "compare",
    "evaluate",
    "final_successors",
]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class UnitChange(_Record):
    """A unit a scenario removed or established.

    For a removed unit, ``parent`` is its parent before, ``change`` how it ended
    (``merge``, ``absorb``, ``dissolve``, ``split``) and ``successors`` the active units
    it lives on in. For an established unit, ``parent`` is its parent after and
    ``predecessors`` the units it came from.
    """

    id: str
    name: str
    level: str
    kind: str
    parent: str | None = None
    change: str | None = None
    successors: list[str] = []
    predecessors: list[str] = []


class PersonMove(_Record):
    """Posts a person left (``released``) and took (``appointed``) in a scenario."""

    person: str
    name: str
    released: list[str] = []
    appointed: list[str] = []


class ScenarioChanges(_Record):
    """What one scenario did to the baseline."""

    operations: int = 0
    units_removed: list[UnitChange] = []
    units_established: list[UnitChange] = []
    removed_by_level: dict[str, int] = {}
    removed_by_parent: dict[str, int] = {}
    established_by_level: dict[str, int] = {}
    established_by_parent: dict[str, int] = {}
    posts_created: list[str] = []
    posts_abolished: list[str] = []
    quota_cut: QuotaTotals = QuotaTotals()
    """Sum of the quota the operations recorded as cut."""
    quota_change: QuotaTotals = QuotaTotals()
    """Quota totals after minus before (negative when quota went down)."""
    made_concurrent: list[ConcurrentHolder] = []
    people_moved: list[PersonMove] = []


class ScenarioResult(_Record):
    """One scenario: its metrics, their deltas against the baseline and its changes."""

    name: str
    description: str | None = None
    metrics: Metrics
    deltas: dict[str, int | float]
    changes: ScenarioChanges


class Comparison(_Record):
    """The baseline's metrics and one :class:`ScenarioResult` per scenario, in order."""

    baseline: Metrics
    scenarios: list[ScenarioResult]

    def to_frame(self, *, changes: bool = False) -> pd.DataFrame:
        """The metrics of the baseline and every scenario, one row each, as a DataFrame.

        Rows are named ``baseline``, then each scenario by its name (a repeated name gets
        `` (2)``, `` (3)``, ...); columns are the dotted metric keys of
        :func:`~orgraph.metrics.flatten`, typed (``Int64`` counts, ``Float64`` means).
        With ``changes`` each scenario's row holds its change against the baseline
        (:attr:`ScenarioResult.deltas`) and there is no baseline row. A count a
        structure does not have (a level with no units left) is 0. ``frame.T`` shows the
        scenarios side by side. Needs ``orgraph[pandas]``.

        Examples
        --------
        >>> import orgraph
        >>> base = orgraph.load("examples/dam_ha/org.yaml")
        >>> plan = orgraph.load_scenario("examples/dam_ha/streamlining.yaml")
        >>> result = orgraph.compare(base, [plan])
        >>> frame = result.to_frame(changes=True)
        >>> change = frame.loc[plan.name, "focal_points.total"]
        >>> bool(change == result.scenarios[0].deltas["focal_points.total"])
        True
        """
        rows: dict[str, Mapping[str, int | float]] = {}
        if not changes:
            rows["baseline"] = flatten(self.baseline)
        for result in self.scenarios:
            title, n = result.name, 1
            while title in rows:
                n += 1
                title = f"{result.name} ({n})"
            rows[title] = result.deltas if changes else flatten(result.metrics)
        return number_frame(rows, missing=0)


def _count(values: Iterable[str | None]) -> dict[str, int]:
    counts = Counter(v if v is not None else "none" for v in values)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def changes(before: Org, after: Org, events: Sequence[Event] | None = None) -> ScenarioChanges:
    """What turned ``before`` into ``after``: the change model
    (:func:`orgraph.changes.between`) with the quota the events cut.

    Units, posts and people are compared as they are in the two structures, so a unit or
    post that came and went inside the scenario is in neither list. ``events`` (counted
    as ``operations`` and summed for ``quota_cut``) defaults to the events of ``after``
    beyond those of ``before``.
    """
    if events is None:
        events = after.history[len(before.history) :]
    done = between(before, after)
    removed = [
        UnitChange(
            id=e.id,
            name=e.unit.name,
            level=e.unit.level,
            kind=e.unit.kind,
            parent=e.unit.parent,
            change=e.change,
            successors=list(e.final_successors),
        )
        for e in done.ended
    ]
    new = [
        UnitChange(
            id=e.id,
            name=e.unit.name,
            level=e.unit.level,
            kind=e.unit.kind,
            parent=e.unit.parent,
            predecessors=list(e.predecessors),
        )
        for e in done.established
    ]
    cut = QuotaTotals.of(e.effects.quota_cut for e in events)
    quota_change = QuotaTotals.of(u.quota for u in after.units()).minus(
        QuotaTotals.of(u.quota for u in before.units())
    )
    was_concurrent = {h.person for h in concurrent_holders(before)}
    made_concurrent = [h for h in concurrent_holders(after) if h.person not in was_concurrent]
    return ScenarioChanges(
        operations=len(events),
        units_removed=removed,
        units_established=new,
        removed_by_level=_count(u.level for u in removed),
        removed_by_parent=_count(u.parent for u in removed),
        established_by_level=_count(u.level for u in new),
        established_by_parent=_count(u.parent for u in new),
        posts_created=list(done.posts_created),
        posts_abolished=list(done.posts_abolished),
        quota_cut=cut,
        quota_change=quota_change,
        made_concurrent=made_concurrent,
        people_moved=_people_moved(after, done),
    )


def _people_moved(after: Org, done: Changes) -> list[PersonMove]:
    released: dict[str, list[str]] = {}
    appointed: dict[str, list[str]] = {}
    for a in done.appointments_ended:
        released.setdefault(a.person, []).append(a.post)
    for a in done.appointments_started:
        appointed.setdefault(a.person, []).append(a.post)
    moves = []
    for person in _unique([*released, *appointed]):
        left = _unique(released.get(person, []))
        took = _unique(appointed.get(person, []))
        # Released and appointed again to the same post: no move.
        same = set(left) & set(took)
        left = [p for p in left if p not in same]
        took = [p for p in took if p not in same]
        if not left and not took:
            continue
        name = after.person(person).name if after.has_person(person) else person
        moves.append(PersonMove(person=person, name=name, released=left, appointed=took))
    return moves


def _deltas(base: Metrics, other: Metrics) -> dict[str, int | float]:
    before, after = flatten(base), flatten(other)
    deltas: dict[str, int | float] = {}
    for key in _unique([*before, *after]):
        delta = after.get(key, 0) - before.get(key, 0)
        deltas[key] = round(delta, 3) if isinstance(delta, float) else delta
    return deltas


def compare(
    base: Org,
    scenarios: Sequence[Scenario],
    *,
    root: str | None = None,
    effective: date | None = None,
) -> Comparison:
    """Apply each scenario to ``base`` on its own and line up the results.

    Raises :class:`~orgraph.ScenarioError` for the first scenario that cannot be applied.
    With ``root``, metrics cover that subtree only (it must be active in every result).

    Examples
    --------
    >>> from orgraph import Org, Scenario, Unit
    >>> org = Org.create(name="Demo", units=[
    ...     Unit(id="d", name="District", kind="district", level="district"),
    ...     Unit(id="a", name="A", kind="office", level="district", parent="d"),
    ...     Unit(id="b", name="B", kind="office", level="district", parent="d"),
    ... ])
    >>> merge = Scenario(name="merge", effective="2020-01-01", operations=[
    ...     {"op": "merge", "sources": ["a", "b"], "into": {"id": "ab", "name": "AB"}}])
    >>> result = compare(org, [merge]).scenarios[0]
    >>> result.deltas["focal_points.total"], [u.successors for u in result.changes.units_removed]
    (-1, [['ab'], ['ab']])
    """
    baseline = measure(base, root=root)
    return Comparison(
        baseline=baseline,
        scenarios=[
            evaluate(base, scenario, baseline=baseline, root=root, effective=effective)
            for scenario in scenarios
        ],
    )


def evaluate(
    base: Org,
    scenario: Scenario,
    *,
    baseline: Metrics | None = None,
    root: str | None = None,
    effective: date | None = None,
) -> ScenarioResult:
    """Apply one scenario to ``base`` and measure it against ``baseline`` (one column of
    :func:`compare`); ``baseline`` defaults to the metrics of ``base``.
    """
    if baseline is None:
        baseline = measure(base, root=root)
    after = apply(base, scenario, effective=effective)
    m = measure(after, root=root)
    return ScenarioResult(
        name=scenario.name,
        description=scenario.description,
        metrics=m,
        deltas=_deltas(baseline, m),
        changes=changes(base, after),
    )
