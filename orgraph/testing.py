"""Hypothesis strategies for property-based tests of code that uses orgraph.

Three strategies, modelled on ``hypothesis.extra.pandas``: :func:`orgs` draws valid
structures of varied shape, :func:`operations` draws one operation valid for a given
structure and :func:`scenarios` draws a list of operations each valid for the structure
the previous ones produce. Arguments are keyword-only and checked when the strategy is
built, so a mistake raises :class:`hypothesis.errors.InvalidArgument` at once.

This module needs ``hypothesis`` (the ``testing`` extra); the rest of orgraph never
imports it.

Examples
--------
>>> from hypothesis import given, settings
>>> from orgraph.testing import orgs, scenarios
>>> @settings(max_examples=5, database=None)
... @given(orgs(max_units=6))
... def test_valid(org):
...     assert org.check() == []
>>> test_valid()
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from datetime import date, timedelta
from typing import Any, get_args

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from orgraph.engine import apply
from orgraph.model import Appointment, Link, Person, Post, Quota, Unit
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
    Operation,
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
from orgraph.org import Org

__all__ = [
    "DEFAULT_BLOCS",
    "DEFAULT_LEVELS",
    "OPERATION_KINDS",
    "operations",
    "orgs",
    "scenarios",
]

OPERATION_KINDS: tuple[str, ...] = tuple(
    member.model_fields["op"].default for member in get_args(get_args(Operation)[0])
)
"""The ``op`` tag of every operation, in the order of :data:`orgraph.Operation`."""

DEFAULT_LEVELS: tuple[str, ...] = ("province", "district", "commune", "village")
"""Administrative levels from the top, used by :func:`orgs` unless told otherwise."""

DEFAULT_BLOCS: tuple[str, ...] = ("party", "state", "front", "mass_org")
"""Political blocs (khối) a unit may belong to."""

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")

_KINDS = ("department", "office", "board", "committee", "service_unit", "school", "commune")
_FUNCTIONS = (
    "planning",
    "finance",
    "health",
    "education",
    "land",
    "justice",
    "culture",
    "inspection",
    "home_affairs",
    "agriculture",
    "transport",
    "environment",
)
_ROLES = ("head", "deputy", "party_secretary", "chief", "specialist", "officer", "accountant")
_LINK_KINDS = ("dotted_line", "guidance", "coordination")
_FUNDING = (None, "state", "partial", "self")

_WORDS = (
    "Phòng",
    "Ban",
    "Sở",
    "Ủy ban nhân dân",
    "Đảng ủy",
    "Mặt trận Tổ quốc",
    "Trường Tiểu học",
    "Trạm Y tế",
    "Xã",
    "Thị trấn",
    "Huyện",
    "Văn phòng",
    "Tài chính - Kế hoạch",
    "Nội vụ",
    "Tư pháp",
    "Giáo dục và Đào tạo",
    "Tài nguyên và Môi trường",
    "Văn hóa - Thông tin",
    "Lao động - Thương binh và Xã hội",
    "Đầm Hà",
    "Quảng Lợi",
    "Đại Bình",
    "Dực Yên",
    "Hội Nông dân",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Cựu chiến binh",
    "thôn Đồng Tâm",
)
# Text that breaks careless quoting in YAML, JSON, HTML, DOT, Mermaid and terminals;
# "e\u0301" is not NFC, so it checks normalisation too.
_HOSTILE = (
    '"',
    "'",
    "<b>",
    "</td>",
    "&amp;",
    "\\",
    "{x}",
    "[1]",
    "#",
    ": ",
    "- ",
    "|",
    "%s",
    "\n",
    "\t",
    "\r\n",
    "\u200b",
    "🏛",
    "e\u0301",
    "\u202e",
    "null",
    "yes",
    "~",
    "${x}",
    "'; DROP TABLE units;--",
    "\u00a0",
)
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Hằng", "Hương", "Khoa", "Lan", "Phúc", "Thắng", "Yến")
# Id prefixes: Vietnamese letters, punctuation and strings that YAML would read as
# numbers, booleans or null unless quoted. None has white space or control characters.
_ID_PREFIXES = (
    "u",
    "đv-",
    "phòng_",
    "ubnd.",
    "Ủy",
    "q'\"",
    "<id>",
    "&",
    "1",
    "0.",
    "true",
    "null",
    "~",
    "-",
    "#",
    "x:",
)

_MIN_DATE = date(1990, 1, 1)
_MAX_DATE = date(2030, 12, 31)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------- argument checks
def _check_bool(value: object, name: str) -> None:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True or False")


def _check_int(value: object, name: str, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name}={value!r} must be an integer")
    if value < minimum:
        raise InvalidArgument(f"{name}={value!r} must be at least {minimum}")


def _check_interval(low: int, high: int, low_name: str, high_name: str) -> None:
    if low > high:
        raise InvalidArgument(f"{low_name}={low!r} is greater than {high_name}={high!r}")


def _check_codes(value: object, name: str, *, allow_empty: bool) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidArgument(f"{name}={value!r} must be a sequence of codes such as ('district',)")
    codes = tuple(value)
    if not codes and not allow_empty:
        raise InvalidArgument(f"{name} must not be empty")
    for code in codes:
        if not isinstance(code, str) or not _CODE.match(code) or len(code) > 100:
            raise InvalidArgument(
                f"{name} contains {code!r}, which is not a code (ASCII letters, digits, _.-)"
            )
    if len(set(codes)) != len(codes):
        raise InvalidArgument(f"{name}={codes!r} lists a code twice")
    return codes


def _check_org(org: object) -> None:
    if not isinstance(org, Org):
        raise InvalidArgument(f"org={org!r} must be an orgraph.Org, not {type(org).__name__}")


def _check_kinds(kinds: object) -> tuple[str, ...]:
    if kinds is None:
        return OPERATION_KINDS
    if isinstance(kinds, str) or not isinstance(kinds, Collection):
        raise InvalidArgument(f"kinds={kinds!r} must be a collection of operation tags")
    unknown = sorted(set(kinds) - set(OPERATION_KINDS))
    if unknown:
        raise InvalidArgument(f"kinds contains unknown operation(s) {unknown}")
    if not kinds:
        raise InvalidArgument("kinds must not be empty")
    return tuple(k for k in OPERATION_KINDS if k in kinds)


# ---------------------------------------------------------------------------- text and records
def _names() -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join)
    hostile = st.tuples(words, st.sampled_from(_HOSTILE), st.sampled_from(("", *_WORDS))).map(
        "".join
    )
    # Any printable text, line breaks and tabs included; the model refuses other control
    # characters (see orgraph.model.TEXT_PATTERN).
    anything = st.text(
        alphabet=st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff")
        | st.sampled_from("\n\t"),
        min_size=1,
        max_size=12,
    )
    return st.one_of(words, hostile, anything)


def _person_names() -> st.SearchStrategy[str]:
    return st.tuples(
        st.sampled_from(_FAMILY), st.sampled_from(_MIDDLE), st.sampled_from(_GIVEN)
    ).map(" ".join)


def _quotas() -> st.SearchStrategy[Quota]:
    part = st.none() | st.integers(0, 60)
    return st.builds(Quota, civil_servants=part, public_employees=part, contracts=part)


def _attrs() -> st.SearchStrategy[dict[str, Any]]:
    value = st.none() | st.booleans() | st.integers(-5, 5) | st.sampled_from(_HOSTILE)
    return st.just({}) | st.dictionaries(
        st.sampled_from(("nguồn", "note", "x-y")), value, max_size=2
    )


class _Ids:
    """Fresh ids: a drawn prefix, an optional tag and a counter, never one already used."""

    def __init__(self, taken: set[str], tag: str = "") -> None:
        self.taken = taken
        self.tag = tag

    def fresh(self, draw: Callable[..., Any], kind: str) -> str:
        prefix = draw(st.sampled_from(_ID_PREFIXES))
        n = len(self.taken)
        while True:
            ident = _nfc(f"{self.tag}{prefix}{kind}{n}")
            if ident not in self.taken:
                self.taken.add(ident)
                return ident
            n += 1


# ---------------------------------------------------------------------------- orgs
@st.composite
def _orgs(
    draw: Callable[..., Any],
    min_units: int,
    max_units: int,
    max_depth: int,
    levels: tuple[str, ...],
    blocs: tuple[str, ...],
    with_posts: bool,
    with_people: bool,
    with_links: bool,
    with_history: bool,
) -> Org:
    ids = _Ids(set())
    today = draw(st.dates(date(2000, 1, 1), date(2026, 12, 31)))
    n = draw(st.integers(min_units, max_units))
    depths: list[int] = []
    parents: list[int | None] = []
    for i in range(n):
        options = [j for j in range(i) if depths[j] < max_depth - 1]
        parent = draw(st.none() | st.sampled_from(options)) if options and i else None
        parents.append(parent)
        depths.append(0 if parent is None else depths[parent] + 1)
    unit_ids = [ids.fresh(draw, "u") for _ in range(n)]
    # End some subtrees: an ended unit's descendants end too, no later than it.
    ended: dict[int, date] = {}
    for i in range(n):
        if parents[i] is not None and parents[i] in ended:
            ended[i] = ended[parents[i]]  # type: ignore[index]
        elif n > 1 and draw(st.integers(0, 9)) == 0:
            ended[i] = today - timedelta(days=draw(st.integers(0, 3000)))
    units = []
    for i in range(n):
        level = levels[min(depths[i], len(levels) - 1)]
        if draw(st.integers(0, 4)) == 0:
            level = draw(st.sampled_from(levels))
        end = ended.get(i)
        founded = draw(st.none() | st.dates(_MIN_DATE, end or today))
        units.append(
            Unit(
                id=unit_ids[i],
                name=draw(_names()),
                kind=draw(st.sampled_from(_KINDS)),
                level=level,
                bloc=draw(st.none() | st.sampled_from(blocs)) if blocs else None,
                parent=None if parents[i] is None else unit_ids[parents[i]],  # type: ignore[index]
                code=draw(st.none() | st.from_regex(r"[0-9]{2,5}", fullmatch=True)),
                functions=draw(st.frozensets(st.sampled_from(_FUNCTIONS), max_size=3)),
                quota=draw(_quotas()),
                funding=draw(st.sampled_from(_FUNDING)),
                founded=founded,
                ended=end,
                attrs=draw(_attrs()),
            )
        )
    active = [u for u in units if u.ended is None]
    posts: list[Post] = []
    if with_posts:
        for unit in units:
            for _ in range(draw(st.integers(0, 3))):
                abolished = unit.ended or (
                    today - timedelta(days=draw(st.integers(0, 900)))
                    if draw(st.integers(0, 7)) == 0
                    else None
                )
                role = draw(st.sampled_from(_ROLES))
                title = draw(st.sampled_from(("Trưởng phòng", "Phó trưởng phòng", "Chuyên viên")))
                fields: dict[str, Any] = {
                    "id": ids.fresh(draw, "p"),
                    "unit": unit.id,
                    "title": title,
                    "role": role,
                    "ended": abolished,
                }
                if draw(st.booleans()):
                    fields["leadership"] = draw(st.booleans())
                posts.append(Post.model_validate(fields))
    people: list[Person] = []
    appointments: list[Appointment] = []
    if with_people:
        for _ in range(draw(st.integers(0, len(posts) + 2))):
            people.append(
                Person(id=ids.fresh(draw, "n"), name=draw(_person_names()), attrs=draw(_attrs()))
            )
        if people and posts:
            # Current holders (some posts shared, some people holding several posts, which
            # is how concurrent roles look) and ended appointments that stay as records.
            for post in posts:
                holders = draw(
                    st.lists(st.sampled_from(people), unique_by=lambda p: p.id, max_size=2)
                )
                for person in holders:
                    start = draw(st.none() | st.dates(_MIN_DATE, today))
                    if post.ended is None and draw(st.integers(0, 3)):
                        appointments.append(
                            Appointment(
                                person=person.id,
                                post=post.id,
                                start=start,
                                acting=draw(st.booleans()),
                            )
                        )
                    elif start is not None:
                        end = draw(st.dates(start, today))
                        appointments.append(
                            Appointment(person=person.id, post=post.id, start=start, end=end)
                        )
    links: list[Link] = []
    if with_links and len(active) > 1:
        seen: set[tuple[str, str, str]] = set()
        for _ in range(draw(st.integers(0, len(active)))):
            source, target = draw(
                st.lists(st.sampled_from(active), min_size=2, max_size=2, unique_by=lambda u: u.id)
            )
            kind = draw(st.sampled_from(_LINK_KINDS))
            if (source.id, target.id, kind) in seen:
                continue
            seen.add((source.id, target.id, kind))
            note = draw(st.none() | _names())
            links.append(Link(source=source.id, target=target.id, kind=kind, note=note))
    org = Org.create(
        name=_nfc(draw(_names())),
        date=draw(st.none() | st.just(today)),
        units=units,
        posts=posts,
        people=people,
        appointments=appointments,
        links=links,
    )
    if with_history:
        org = apply(org, draw(_scenarios(org, 1, 5, OPERATION_KINDS)))
    return org


def orgs(
    *,
    min_units: int = 1,
    max_units: int = 30,
    max_depth: int = 4,
    levels: Sequence[str] = DEFAULT_LEVELS,
    blocs: Sequence[str] = DEFAULT_BLOCS,
    with_posts: bool = True,
    with_people: bool = True,
    with_links: bool = True,
    with_history: bool = False,
) -> st.SearchStrategy[Org]:
    """A strategy for valid structures (``org.check() == []``) of varied shape.

    Units form a forest at most ``max_depth`` levels deep; some subtrees have ended.
    Names are Vietnamese with diacritics, sometimes mixed with characters that break
    careless quoting (quotes, ``<b>``, new lines, right-to-left marks, text that is not
    NFC). Units carry functions, quotas, funding and attributes; posts have current and
    past holders, some people hold several posts, and units are joined by typed links.

    Parameters
    ----------
    min_units, max_units : int
        Bounds on the number of units (ended ones included).
    max_depth : int
        The most levels of the hierarchy: 1 gives only roots.
    levels : sequence of str
        Level codes from the top; a unit at depth *d* mostly gets ``levels[d]`` (the
        last one below that).
    blocs : sequence of str
        Bloc codes to draw from; units may also have none. Empty: no blocs.
    with_posts, with_people, with_links : bool
        Whether to draw posts, people with appointments and links between units.
    with_history : bool
        Apply a drawn scenario of 1 to 5 dated operations, so that the structure has
        history, lineage and units ended by operations.

    Returns
    -------
    SearchStrategy[Org]

    Examples
    --------
    >>> from hypothesis import find
    >>> org = find(orgs(min_units=3, max_depth=2), lambda o: len(o.roots()) == 1)
    >>> len(org.units(include_ended=True)) >= 3
    True
    """
    _check_int(min_units, "min_units", minimum=0)
    _check_int(max_units, "max_units", minimum=0)
    _check_interval(min_units, max_units, "min_units", "max_units")
    if max_units > 500:
        raise InvalidArgument(f"max_units={max_units!r} is too large (at most 500)")
    _check_int(max_depth, "max_depth", minimum=1)
    level_codes = _check_codes(levels, "levels", allow_empty=False)
    bloc_codes = _check_codes(blocs, "blocs", allow_empty=True)
    for flag, name in (
        (with_posts, "with_posts"),
        (with_people, "with_people"),
        (with_links, "with_links"),
        (with_history, "with_history"),
    ):
        _check_bool(flag, name)
    return _orgs(
        min_units,
        max_units,
        max_depth,
        level_codes,
        bloc_codes,
        with_posts,
        with_people,
        with_links,
        with_history,
    )


# ---------------------------------------------------------------------------- operations
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

from orgraph._testing_history import HISTORY_BUILDERS  # noqa: E402 (needs the helpers above)

_BUILDERS.update(HISTORY_BUILDERS)


@st.composite
def _operations(
    draw: Callable[..., Any],
    org: Org,
    kinds: tuple[str, ...],
    *,
    region: set[str] | None = None,
    tag: str = "",
    conserving: bool = False,
) -> OperationBase:
    view = _View(org, region=region, tag=tag)
    when = view.last + timedelta(days=draw(st.integers(0, 400)))
    # Each kind first with equal chance; when it does not fit, the next ones in turn.
    # (A small st.integers range favours its ends; the remainder of a wide one does not.)
    first = draw(st.integers(0, 2**16)) % len(kinds)
    for kind in kinds[first:] + kinds[:first]:
        op = _BUILDERS[kind](draw, view, when, conserving)
        if op is not None:
            return op
    from hypothesis import reject

    reject()  # none of the kinds asked for fits this structure


def operations(org: Org, *, kinds: Collection[str] | None = None) -> st.SearchStrategy[Any]:
    """A strategy for one operation that is valid for ``org``.

    Over many draws every kind of operation comes up (:data:`OPERATION_KINDS`), as far
    as the structure allows: ``release`` needs a current appointment, ``merge`` two
    active units. Each operation has an ``effective`` date no earlier than anything
    already dated in ``org``, so history stays in date order. ``restore`` operations are
    drawn only in forms that keep the structure valid (renaming units, re-recording
    appointments, adding people).

    Parameters
    ----------
    org : Org
        The structure the operation must be valid for.
    kinds : collection of str, optional
        Only these operation tags (default: all). If none of them fits ``org``, the
        draw is rejected, so keep ``establish`` or ``restore`` in the set when unsure.

    Returns
    -------
    SearchStrategy[Operation]

    Examples
    --------
    >>> from hypothesis import find
    >>> from orgraph import Org, Unit, apply
    >>> org = Org.create(name="Demo", units=[
    ...     Unit(id="a", name="A", kind="office", level="district"),
    ...     Unit(id="b", name="B", kind="office", level="district"),
    ... ])
    >>> op = find(operations(org, kinds={"merge", "absorb"}), lambda op: True)
    >>> op.op in {"merge", "absorb"} and op.validate(org) == []
    True
    """
    _check_org(org)
    return _operations(org, _check_kinds(kinds))


@st.composite
def _scenarios(
    draw: Callable[..., Any],
    org: Org,
    min_size: int,
    max_size: int,
    kinds: tuple[str, ...],
) -> list[OperationBase]:
    size = draw(st.integers(min_size, max_size))
    ops: list[OperationBase] = []
    current = org
    for _ in range(size):
        op = draw(_operations(current, kinds))
        current = apply(current, [op])
        ops.append(op)
    return ops


def scenarios(
    org: Org,
    *,
    min_size: int = 1,
    max_size: int = 8,
    kinds: Collection[str] | None = None,
) -> st.SearchStrategy[list[Any]]:
    """A strategy for lists of operations that apply to ``org`` one after another.

    Each operation is valid for the structure the previous ones produce, and dates never
    go backwards, so ``orgraph.apply(org, ops)`` succeeds and the result has a dated
    history in order (which :meth:`orgraph.Org.as_of` needs).

    Parameters
    ----------
    org : Org
        The structure the scenario starts from.
    min_size, max_size : int
        Bounds on the number of operations.
    kinds : collection of str, optional
        Only these operation tags (see :func:`operations`).

    Returns
    -------
    SearchStrategy[list[Operation]]

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from orgraph import apply
    >>> @settings(max_examples=5, database=None)
    ... @given(orgs(max_units=5).flatmap(lambda org: st.tuples(st.just(org), scenarios(org))))
    ... def test_scenario_keeps_structure_valid(case):
    ...     org, ops = case
    ...     assert apply(org, ops).check() == []
    >>> test_scenario_keeps_structure_valid()
    """
    _check_org(org)
    _check_int(min_size, "min_size", minimum=0)
    _check_int(max_size, "max_size", minimum=0)
    _check_interval(min_size, max_size, "min_size", "max_size")
    return _scenarios(org, min_size, max_size, _check_kinds(kinds))
