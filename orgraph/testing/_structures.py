"""The :func:`orgs` strategy: valid structures of varied shape."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from orgraph.engine import apply
from orgraph.model import Appointment, DatePrecision, Link, Person, Post, Unit
from orgraph.org import Org
from orgraph.testing._checks import _check_bool, _check_codes, _check_int, _check_interval
from orgraph.testing._sequences import _scenarios
from orgraph.testing._vocabulary import (
    _FUNCTIONS,
    _FUNDING,
    _KINDS,
    _LINK_KINDS,
    _MIN_DATE,
    _ROLES,
    DEFAULT_BLOCS,
    DEFAULT_LEVELS,
    OPERATION_KINDS,
    _attrs,
    _Ids,
    _names,
    _nfc,
    _person_names,
    _quotas,
)

__all__ = ["orgs"]


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
        founded, founded_precision = _reduced(
            draw, draw(st.none() | st.dates(_MIN_DATE, end or today))
        )
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
                founded_precision=founded_precision,
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
                if draw(st.booleans()):
                    fields["attrs"] = draw(_attrs())  # a rank, a portfolio group
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
                    start, start_precision = _reduced(
                        draw, draw(st.none() | st.dates(_MIN_DATE, today))
                    )
                    if post.ended is None and draw(st.integers(0, 3)):
                        appointments.append(
                            Appointment(
                                person=person.id,
                                post=post.id,
                                start=start,
                                start_precision=start_precision,
                                acting=draw(st.booleans()),
                            )
                        )
                    elif start is not None:
                        end = draw(st.dates(start, today))
                        appointments.append(
                            Appointment(
                                person=person.id,
                                post=post.id,
                                start=start,
                                end=end,
                                start_precision=start_precision,
                            )
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
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None, derandomize=True)
    ... @given(orgs(min_units=3, max_units=8, max_depth=2))
    ... def test_drawn_structures_are_valid(org):
    ...     assert 3 <= len(org.units(include_ended=True)) <= 8 and org.check() == []
    >>> test_drawn_structures_are_valid()
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


def _reduced(draw: Any, day: date | None) -> tuple[date | None, DatePrecision]:
    """``day``, or now and then its first day of the month or year known only that far
    (never later than ``day``, so every order between dates holds)."""
    if day is None:
        return None, "day"
    precision = draw(st.sampled_from(("day", "day", "day", "month", "year")))
    if precision == "year":
        return day.replace(month=1, day=1), "year"
    if precision == "month":
        return day.replace(day=1), "month"
    return day, "day"
