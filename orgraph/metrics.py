"""Headline numbers of a structure: focal points, posts, people, concurrency, quota.

:func:`metrics` measures a whole structure or one subtree and returns a frozen
:class:`Metrics` record; ``metrics(org).model_dump(mode="json")`` is plain JSON.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from orgraph._frames import number_frame
from orgraph.model import QUOTA_FIELDS, Post, Quota, Unit, nfc

if TYPE_CHECKING:
    import pandas as pd

    from orgraph.org import Org

__all__ = [
    "ROLE_ORDER",
    "Concurrency",
    "ConcurrentHolder",
    "FocalPoints",
    "Metrics",
    "PeopleCounts",
    "PostCounts",
    "QuotaTotals",
    "SpanOfControl",
    "concurrent_holders",
    "flatten",
    "metrics",
    "role_combination",
]

NO_BLOC = "none"
"""Key under which units without a bloc are counted."""

UNKNOWN_FUNDING = "unknown"
"""Key under which units without a funding regime are counted."""

ROLE_ORDER: tuple[str, ...] = (
    "party_secretary",
    "deputy_party_secretary",
    "cell_secretary",
    "head",
    "director",
    "chief",
    "principal",
    "council_chair",
    "committee_chair",
    "front_chair",
    "village_head",
    "deputy",
    "deputy_director",
    "deputy_chief",
    "vice_principal",
    "deputy_council_chair",
    "deputy_committee_chair",
    "deputy_front_chair",
)
"""Order of roles in a role combination such as ``party_secretary+committee_chair``.

Party roles come first, as they are named in Vietnamese practice; roles not listed
follow in alphabetical order.
"""

_RANK = {role: i for i, role in enumerate(ROLE_ORDER)}


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FocalPoints(_Record):
    """Active units (đầu mối), in total and by level, kind, bloc and depth."""

    total: int = 0
    by_level: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    by_bloc: dict[str, int] = {}
    by_depth: dict[int, int] = {}


class PostCounts(_Record):
    """Active posts of the active units: all, leadership ones and vacant ones."""

    total: int = 0
    leadership: int = 0
    vacant: int = 0


class PeopleCounts(_Record):
    """People known to the structure and those holding at least one current post."""

    total: int = 0
    holding: int = 0


class ConcurrentHolder(_Record):
    """A person holding two or more current posts (``posts`` and their ``roles``)."""

    person: str
    name: str
    posts: list[str]
    roles: list[str]

    @property
    def combination(self) -> str:
        """The roles joined by ``+``, e.g. ``party_secretary+committee_chair``."""
        return "+".join(self.roles)


class Concurrency(_Record):
    """People holding two or more current posts, by role combination."""

    total: int = 0
    by_roles: dict[str, int] = {}
    holders: list[ConcurrentHolder] = []


class QuotaTotals(_Record):
    """Sums of staff quota parts; unknown parts count as zero."""

    civil_servants: int = 0
    public_employees: int = 0
    contracts: int = 0
    total: int = 0

    @classmethod
    def of(cls, quotas: Iterable[Quota]) -> QuotaTotals:
        """The sum of ``quotas``."""
        sums = dict.fromkeys(QUOTA_FIELDS, 0)
        for quota in quotas:
            for name in QUOTA_FIELDS:
                sums[name] += getattr(quota, name) or 0
        return cls(**sums, total=sum(sums.values()))

    def minus(self, other: QuotaTotals) -> QuotaTotals:
        """Field-by-field difference ``self - other``."""
        return QuotaTotals(
            **{
                name: getattr(self, name) - getattr(other, name)
                for name in (*QUOTA_FIELDS, "total")
            }
        )


class SpanOfControl(_Record):
    """Direct active sub-units per unit, over the units that have any."""

    max: int = 0
    mean: float = 0.0


class Metrics(_Record):
    """The headline numbers of a structure (or of the subtree under ``root``).

    ``depth`` counts levels below the top of the measured part (0: only roots).
    """

    root: str | None = None
    focal_points: FocalPoints = FocalPoints()
    posts: PostCounts = PostCounts()
    people: PeopleCounts = PeopleCounts()
    concurrency: Concurrency = Concurrency()
    quota: QuotaTotals = QuotaTotals()
    quota_by_level: dict[str, QuotaTotals] = {}
    funding: dict[str, int] = {}
    depth: int = 0
    span_of_control: SpanOfControl = SpanOfControl()

    def to_frame(self, *, label: str = "metrics") -> pd.DataFrame:
        """Every number as a one-row DataFrame: one typed column per dotted metric key.

        The keys are those of :func:`flatten`; the row is named ``label``. Counts are
        ``Int64`` columns, means ``Float64``. Needs ``orgraph[pandas]``.

        Examples
        --------
        >>> import orgraph
        >>> m = orgraph.metrics(orgraph.load("examples/dam_ha/org.yaml"))
        >>> frame = m.to_frame(label="2018")
        >>> district = frame.loc["2018", "focal_points.by_level.district"]
        >>> bool(district == m.focal_points.by_level["district"])
        True
        """
        return number_frame({label: flatten(self)})


def _role_key(post: Post) -> tuple[int, int, str, str]:
    return (0 if post.leadership else 1, _RANK.get(post.role, len(_RANK)), post.role, post.id)


def role_combination(posts: Iterable[Post]) -> list[Post]:
    """``posts`` in the canonical order of their roles (see :data:`ROLE_ORDER`)."""
    return sorted(posts, key=_role_key)


def concurrent_holders(org: Org, *, posts: Iterable[str] | None = None) -> list[ConcurrentHolder]:
    """People holding two or more current active posts (among ``posts`` when given)."""
    wanted = None if posts is None else set(posts)
    held: dict[str, list[Post]] = {}
    for appointment in org.appointments():
        if wanted is not None and appointment.post not in wanted:
            continue
        post = org.post(appointment.post)
        if post.ended is not None:
            continue
        mine = held.setdefault(appointment.person, [])
        if post not in mine:
            mine.append(post)
    found = []
    for person, mine in held.items():
        if len(mine) < 2:
            continue
        ordered = role_combination(mine)
        found.append(
            ConcurrentHolder(
                person=person,
                name=org.person(person).name,
                posts=[p.id for p in ordered],
                roles=[p.role for p in ordered],
            )
        )
    return sorted(found, key=lambda h: h.person)


def _scope(org: Org, root: str | None) -> tuple[list[Unit], dict[str, int]]:
    """Active units measured and their depth below the top of the measured part."""
    if root is None:
        units = org.units()
        # Walked down from the roots, parents before children: linear in the units, where
        # asking each unit's depth would walk to the root from every unit (a deep chain).
        found: dict[str, int] = {}
        for top in org.roots():
            for unit in org.subtree(top.id):
                found[unit.id] = (
                    found[unit.parent] + 1 if unit.id != top.id and unit.parent in found else 0
                )
        return units, {u.id: found[u.id] if u.id in found else org.depth(u.id) for u in units}
    org.unit(root)  # unknown id: UnknownIdError
    units = org.subtree(root)
    if org.unit(root).ended is not None:
        units = [u for u in units if u.ended is None]
    depths: dict[str, int] = {root: 0}
    for unit in units:
        if unit.id != root and unit.parent in depths:
            depths[unit.id] = depths[unit.parent] + 1
    return units, depths


def _count(values: Iterable[str]) -> dict[str, int]:
    """Counts, largest first, ties in alphabetical order."""
    return dict(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))


def metrics(org: Org, *, root: str | None = None) -> Metrics:
    """Measure ``org``, or the active subtree under ``root``.

    Focal points are active units. Posts are the active posts of those units; a post is
    vacant when nobody currently holds it. People are everyone in the structure (with
    ``root``: everyone who holds or held a post in the subtree). Unknown quota parts
    count as zero. Span of control is taken over the units with active sub-units.

    Examples
    --------
    >>> from orgraph import Org, Unit
    >>> org = Org.create(name="Demo", units=[
    ...     Unit(id="d", name="District", kind="district", level="district"),
    ...     Unit(id="o1", name="Office 1", kind="office", level="district", parent="d"),
    ...     Unit(id="o2", name="Office 2", kind="office", level="district", parent="d"),
    ... ])
    >>> m = metrics(org)
    >>> m.focal_points.total, m.depth, m.span_of_control.max
    (3, 1, 2)
    """
    root = None if root is None else nfc(root)
    units, depths = _scope(org, root)
    posts = [p for u in units for p in org.posts(u.id)]
    post_ids = {p.id for p in posts}
    holding = {a.person for a in org.appointments() if a.post in post_ids}
    if root is None:
        people_total = len(org.people())
    else:
        people_total = len(
            {
                a.person
                for u in units
                for p in org.posts(u.id, include_ended=True)
                for a in org.appointments(post=p.id, include_ended=True)
            }
        )
    vacant = sum(1 for p in posts if not org.appointments(post=p.id))
    holders = concurrent_holders(org, posts=post_ids)
    spans = [n for n in (len(org.children(u.id)) for u in units) if n]
    by_level: dict[str, list[Quota]] = {}
    for unit in units:
        by_level.setdefault(unit.level, []).append(unit.quota)
    return Metrics(
        root=root,
        focal_points=FocalPoints(
            total=len(units),
            by_level=_count(u.level for u in units),
            by_kind=_count(u.kind for u in units),
            by_bloc=_count(u.bloc or NO_BLOC for u in units),
            by_depth=dict(sorted(Counter(depths[u.id] for u in units).items())),
        ),
        posts=PostCounts(
            total=len(posts),
            leadership=sum(1 for p in posts if p.leadership),
            vacant=vacant,
        ),
        people=PeopleCounts(total=people_total, holding=len(holding)),
        concurrency=Concurrency(
            total=len(holders),
            by_roles=_count(h.combination for h in holders),
            holders=holders,
        ),
        quota=QuotaTotals.of(u.quota for u in units),
        quota_by_level={level: QuotaTotals.of(q) for level, q in by_level.items()},
        funding=_count(u.funding or UNKNOWN_FUNDING for u in units),
        depth=max((depths[u.id] for u in units), default=0),
        span_of_control=SpanOfControl(
            max=max(spans, default=0),
            mean=round(sum(spans) / len(spans), 3) if spans else 0.0,
        ),
    )


def flatten(m: Metrics) -> dict[str, int | float]:
    """Every number of ``m`` under a dotted key (``focal_points.by_level.commune``).

    Lists (the concurrent holders) are left out; used to line metrics up side by side.
    """
    found: dict[str, int | float] = {}

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, int | float):
            found[prefix] = value
        elif isinstance(value, Mapping):
            for key, item in value.items():
                walk(f"{prefix}.{key}", item)

    data = m.model_dump(mode="python", exclude={"root"})
    for key, value in data.items():
        walk(key, value)
    return found
