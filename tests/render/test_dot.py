"""DOT built from a small fixed structure: stable text and the expected structure."""

from __future__ import annotations

import re
import warnings
from datetime import date
from typing import Any

import pytest

from orgraph import Link, Org, Unit, UnknownIdError
from orgraph.render import ChartWarning, chart, to_dot
from tests.render.orgs import box_nodes, dot_edges, node_of, small_chart_org, unwrap

NAMES = [
    "District",
    "Party Committee",
    "Board One",
    "Board Two",
    "Board Three",
    "People&#x27;s Committee",
    "Education Office",
    "Primary School",
    "Finance Office",
    "Commune One",
    "Commune Two",
    "Village One",
    "Village Two",
]


def test_same_text_twice(org: Org) -> None:
    assert to_dot(org) == to_dot(org)
    assert to_dot(org, people=True, blocs=True) == to_dot(
        small_chart_org(), people=True, blocs=True
    )


def test_chart_is_a_digraph_with_the_same_source(org: Org) -> None:
    assert chart(org).source == to_dot(org)


def test_every_unit_name_in_a_bold_row(org: Org) -> None:
    source = unwrap(to_dot(org))
    for name in NAMES:
        assert f"<B>{name}</B>" in source


def test_node_ids_are_synthetic(org: Org) -> None:
    source = to_dot(org)
    ids = box_nodes(source)
    assert ids and all(re.fullmatch(r"n\d+", i) for i in ids)
    # Unit ids never appear as node ids or ports.
    assert not re.search(r"^\s*(p1|s1a|c1) ", source, re.M)


def test_graph_attributes(org: Org) -> None:
    source = to_dot(org)
    assert "rankdir=TB" in source
    assert 'fontname="Noto Sans,DejaVu Sans,sans-serif"' in source
    assert "shape=plain" in source
    assert "Test district" in source and "as of 2020-01-01" in source
    assert "rankdir=LR" in to_dot(org, direction="LR")
    assert "My title" in to_dot(org, title="My title")


def test_tree_edges(org: Org) -> None:
    parent = [(a, b) for a, b, attrs in dot_edges(to_dot(org)) if "class=parent" in attrs]
    # d -> p, s, c1, c2; p -> list of 3 boards; s -> s1, s2 list? s has 2 children:
    # s1 (with a school) and s2 (a leaf); c1 -> list of 2 villages; s1 -> school.
    tails = [a for a, _ in parent]
    assert tails.count("n0") == 4
    assert len(parent) == 4 + 1 + 2 + 1 + 1


def test_leaves_are_stacked_in_one_list(org: Org) -> None:
    source = to_dot(org)
    board_nodes = {
        re.search(r"^\s*(n\d+) \[label=<", line, re.M)[1]  # type: ignore[index]
        for line in source.splitlines()
        if "Board One" in line or "Board Three" in line
    }
    assert len(board_nodes) == 1
    unstacked = to_dot(org, stack=False)
    assert len([line for line in unstacked.splitlines() if "Board" in line]) == 3


def _centre_x(source: str, node: str) -> float:
    found = re.search(rf'^\s*{node} \[label=<.*? pos="([\d.]+),', source, re.M)
    assert found, node
    return float(found[1])


def test_sibling_order_kept(org: Org) -> None:
    # Positions are pinned: siblings of one row run left to right in file order.
    source = to_dot(org)
    assert "rank=same" not in source
    assert not [e for e in dot_edges(source) if "style=invis" in e[2]]
    state, c1, c2, education, finance = (
        node_of(source, name)
        for name in (
            "People&#x27;s Committee",
            "Commune One",
            "Commune Two",
            "Education Office",
            "Finance Office",
        )
    )
    assert _centre_x(source, c1) < _centre_x(source, c2)
    assert _centre_x(source, education) < _centre_x(source, finance)
    assert state != c1


def test_concurrent_role_is_a_dashed_loose_edge(org: Org) -> None:
    source = unwrap(to_dot(org, people=True))
    edges = [e for e in dot_edges(source) if "class=concurrent" in e[2]]
    assert len(edges) == 1
    attrs = edges[0][2]
    assert "style=dashed" in attrs and 'pos="' in attrs
    assert "Nguyễn Văn X holds: Secretary (Party Committee); Chair" in attrs
    assert "Secretary: Nguyễn Văn X [concurrent]" in source


def test_concurrent_badge_without_people(org: Org) -> None:
    assert "[concurrent roles]" in to_dot(org)


def test_link_is_dotted_and_loose(org: Org) -> None:
    edges = [e for e in dot_edges(to_dot(org, stack=False)) if "class=" in e[2] and "link" in e[2]]
    assert len(edges) == 1
    assert "style=dotted" in edges[0][2] and 'pos="' in edges[0][2]
    assert not [e for e in dot_edges(to_dot(org, links=False)) if "link" in e[2]]


@pytest.mark.parametrize("options", [{}, {"blocs": True}, {"people": True, "stack": False}])
def test_every_line_is_pinned(org: Org, options: dict[str, Any]) -> None:
    org = Org.create(
        name="Siblings",
        units=[
            Unit(id="r", name="R", kind="x", level="x"),
            *(Unit(id=f"u{i}", name=f"U{i}", kind="x", level="x", parent="r") for i in range(3)),
            *(
                Unit(id=f"u{i}.k", name=f"K{i}", kind="x", level="x", parent=f"u{i}")
                for i in range(3)
            ),
        ],
        links=[Link(source="u0", target="u1", kind="dotted_line")],
    )
    source = to_dot(org, **options)
    # No invisible chains nor constraint=false edges any more (dot 2.42 aborted on pairs
    # with both): every line, the link included, has its own pinned route or is listed.
    edges = dot_edges(source)
    assert not [e for e in edges if "style=invis" in e[2] or "constraint=false" in e[2]]
    assert all('pos="' in attrs for *_, attrs in edges)
    assert [e for e in edges if "class=" in e[2] and "link" in e[2]] or "Not drawn" in source


def test_blocs_get_colours_and_a_legend(org: Org) -> None:
    source = to_dot(org, blocs=True)
    assert "bloc: party" in source and "bloc: state" in source
    party = node_of(source, "Party Committee")
    state = node_of(source, "People&#x27;s Committee")
    fill = {
        n: re.search(rf'^\s*{n} \[label=<<TABLE[^>]*BGCOLOR="(#\w+)"', source, re.M)[1]
        for n in (party, state)
    }  # type: ignore[index]
    assert fill[party] != fill[state]
    assert "bloc: party" not in to_dot(org)


def test_posts_quota_and_people_rows(org: Org) -> None:
    source = unwrap(to_dot(org, posts=True, people=True, quota=True, stack=False))
    assert "Vice-chair: Trần Thị Y" in source
    assert "Quota 5: 4 civil servants, 1 contract" in source
    assert "Quota" not in to_dot(org)


def test_root_and_depth(org: Org) -> None:
    source = to_dot(org, root="s", depth=1)
    assert "Education Office" in source and "Primary School" not in source
    assert "+1 sub-units" in source
    assert "District" not in source.split("label=<", 2)[2]
    # The title is the root unit's name.
    assert "<B>People&#x27;s Committee</B></FONT>" in source.split("\n\ttitle ", 1)[1]
    zero = to_dot(org, depth=0)
    assert len(box_nodes(zero)) == 1 and "+12 sub-units" in zero


def test_unknown_root(org: Org) -> None:
    with pytest.raises(UnknownIdError) as info:
        to_dot(org, root="nope")
    assert info.value.id == "nope"


def test_collapse_level(org: Org) -> None:
    source = to_dot(org, collapse="commune")
    assert "2 × commune" in source and "Commune One" not in source and "Village One" not in source
    assert "+2 sub-units" in source
    assert "2 × village" in to_dot(org, collapse=["village"])


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"direction": "RL"}, ValueError),
        ({"depth": -1}, ValueError),
        ({"colour": True}, TypeError),
        ({"page": "letter"}, ValueError),
        ({"page": "A4-sideways"}, ValueError),
    ],
)
def test_bad_options(org: Org, options: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        to_dot(org, **options)


def _wide(count: int) -> Org:
    units = [Unit(id="r", name="Root", kind="x", level="x")]
    units += [
        Unit(id=f"u{i}", name=f"Unit {i}", kind="x", level="x", parent="r") for i in range(count)
    ]
    return Org.create(name="Wide", date=date(2020, 1, 1), units=units)


def test_warns_when_too_many_siblings() -> None:
    with pytest.warns(ChartWarning, match="41 sub-units side by side.*depth="):
        to_dot(_wide(41))


def test_warns_when_too_many_units() -> None:
    org = Org.create(
        name="Deep",
        units=[Unit(id="r", name="R", kind="x", level="x")]
        + [
            Unit(
                id=f"u{i}",
                name=f"U{i}",
                kind="x",
                level="x",
                parent=f"u{i // 20}" if i >= 20 else "r",
            )
            for i in range(320)
        ],
    )
    with pytest.warns(ChartWarning, match="321 units"):
        chart(org)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        to_dot(org, depth=1)


def test_deep_structure_does_not_recurse() -> None:
    units = [Unit(id="u0", name="U0", kind="x", level="x")]
    units += [
        Unit(id=f"u{i}", name=f"U{i}", kind="x", level="x", parent=f"u{i - 1}")
        for i in range(1, 1500)
    ]
    org = Org.create(name="Deep", units=units)
    with pytest.warns(ChartWarning):
        source = to_dot(org)
    assert len(box_nodes(source)) == 1500
    assert "+1499 sub-units" in to_dot(org, depth=0)


def test_page_size(org: Org) -> None:
    assert 'size="10.5,7.1"' in to_dot(org, page="A4")
    assert 'size="10.5,15.4"' in to_dot(org, page="A3-portrait")
    assert not re.search(r"\bsize=", to_dot(org))
