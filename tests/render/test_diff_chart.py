"""Before/after charts: every status is marked by class, badge, colour and border."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from orgraph import Org, apply
from orgraph.render import STATUSES, diff_chart, render_bytes, to_dot, to_mermaid, unit_statuses
from orgraph.render._style import STATUS_STYLES
from tests.render.orgs import dot_edges, small_chart_org, svg_classes, svg_texts, unwrap

OPERATIONS: list[dict[str, Any]] = [
    {"op": "merge", "sources": ["p1", "p2"], "into": {"id": "p12", "name": "Board One-Two"}},
    {"op": "absorb", "sources": ["s2"], "into": "s"},
    {"op": "dissolve", "unit": "p3"},
    {"op": "rename", "unit": "s1", "name": "Education and Training Office"},
    {"op": "set_quota", "unit": "s1", "civil_servants": 4},
    {
        "op": "split",
        "source": "c2",
        "into": [{"id": "c2a", "name": "Commune Two A"}, {"id": "c2b", "name": "Commune Two B"}],
    },
    {"op": "reparent", "unit": "v2", "parent": "c2a"},
    {
        "op": "establish",
        "unit": {
            "id": "new",
            "name": "New Centre",
            "kind": "centre",
            "level": "district",
            "bloc": "state",
            "parent": "s",
        },
    },
]


@pytest.fixture
def pair() -> tuple[Org, Org]:
    before = small_chart_org()
    return before, apply(before, OPERATIONS)


def test_statuses(pair: tuple[Org, Org]) -> None:
    statuses = {i: s.status for i, s in unit_statuses(*pair).items()}
    assert statuses["p12"] == ("new",)
    assert statuses["new"] == ("new",)
    assert statuses["c2a"] == ("new",)
    assert statuses["p1"] == statuses["p2"] == ("merged",)
    assert statuses["s2"] == ("merged",)  # absorbed into s
    assert statuses["p3"] == ("dissolved",)
    assert statuses["c2"] == ("split",)
    assert statuses["s1"] == ("renamed", "quota")
    assert statuses["v2"] == ("moved",)
    assert statuses["s"] == ("quota",)  # took s2's quota
    assert statuses["d"] == statuses["c1"] == ("kept",)
    changes = unit_statuses(*pair)
    assert changes["p1"].successors == ("p12",) and changes["p1"].change == "merge"
    assert changes["s2"].successors == ("s",) and changes["s2"].change == "absorb"
    assert changes["c2"].successors == ("c2a", "c2b")
    assert all(s.ended for i, s in changes.items() if i in ("p1", "p2", "s2", "p3", "c2"))


def test_new_units_sit_next_to_their_predecessors(pair: tuple[Org, Org]) -> None:
    order = list(unit_statuses(*pair))
    assert order.index("p1") < order.index("p12") < order.index("p3")


@pytest.mark.parametrize(
    ("name", "badge"),
    [
        ("Board One-Two", "NEW"),
        ("Board One", "MERGED into Board One-Two"),
        ("Finance Office", "ABSORBED into People&#x27;s Committee"),
        ("Board Three", "DISSOLVED"),
        ("Commune Two", "SPLIT into Commune Two A; Commune Two B"),
        ("Education and Training Office", "RENAMED, was: Education Office"),
        ("Education and Training Office", "QUOTA 5 → 4"),
        ("Village Two", "MOVED from Commune One"),
    ],
)
def test_badges_in_dot(pair: tuple[Org, Org], name: str, badge: str) -> None:
    source = unwrap(to_dot(pair[1], before=pair[0], stack=False))
    line = next(
        line for line in source.splitlines() if f"<B>{name}</B>" in line or f"<S>{name}</S>" in line
    )
    assert badge in line


def test_each_status_has_colour_border_and_badge() -> None:
    fills = {s.fill for n, s in STATUS_STYLES.items() if n in STATUSES}
    assert len(fills) >= 6
    for name in STATUSES:
        style = STATUS_STYLES[name]
        assert style.meaning
        if name != "kept":
            assert style.badge and (style.border or style.width > 1)
    borders = {
        (STATUS_STYLES[n].border, STATUS_STYLES[n].width)
        for n in ("new", "merged", "dissolved", "renamed", "kept")
    }
    assert len(borders) == 5  # new, ended, dissolved, changed, kept differ in greyscale


def test_ended_units_are_struck_and_point_to_successors(pair: tuple[Org, Org]) -> None:
    source = unwrap(diff_chart(*pair, stack=False).source)
    assert "<S><B>Board One</B></S>" in source and "<S><B>Board Three</B></S>" in source
    lineage = [e for e in dot_edges(source) if "class=lineage" in e[2]]
    # p1, p2 -> p12; s2 -> s; c2 -> c2a, c2b: drawn, or listed under the chart.
    notes = source.count("Not drawn:")
    assert len(lineage) + notes == 2 + 1 + 2
    assert len(lineage) >= 3
    # Bold arrows with their verb in the tooltip; an arrowhead where they end.
    assert all("style=bold" in attrs and "arrowhead=normal" in attrs for *_, attrs in lineage)
    assert any("(absorb)" in attrs for *_, attrs in lineage)
    # Dissolved without successor: no arrow from it.
    node = re.search(r"^\s*(n\d+) \[label=<[^\n]*<S><B>Board Three</B></S>", source, re.M)[1]  # type: ignore[index]
    assert not [e for e in lineage if e[0] == node]


def test_node_classes_and_legend(pair: tuple[Org, Org]) -> None:
    source = diff_chart(*pair, stack=False).source
    for status in ("new", "merged", "split", "dissolved", "renamed", "moved", "quota", "kept"):
        assert re.search(rf'class="unit[^"]*status-{status}', source), status
    assert "bold arrow: became (part of)" in source
    assert "ended with no successor" in source


def test_title_has_both_dates(pair: tuple[Org, Org]) -> None:
    later = apply(pair[0], OPERATIONS, effective=date(2021, 6, 30))
    assert "2020-01-01 → 2021-06-30" in to_dot(later, before=pair[0])
    assert "(2020-01-01 → 2021-06-30)" in to_mermaid(later, before=pair[0]).splitlines()[1]


def test_title_names_both_structures_when_they_differ(pair: tuple[Org, Org]) -> None:
    renamed = Org.create(
        name="Test district after",
        date=pair[1].date,
        units=pair[1].units(),
    )
    assert "Test district → Test district after" in to_dot(renamed, before=pair[0])
    assert "→ Test district" not in to_dot(pair[1], before=pair[0]).split("title ", 1)[1]


def test_collapsed_counts_in_a_diff(pair: tuple[Org, Org]) -> None:
    source = to_dot(pair[1], before=pair[0], collapse="commune")
    assert "3 → 3 × commune" not in source  # 2 before (c1, c2); after c1, c2a, c2b
    assert "2 → 3 × commune" in source


@pytest.mark.dot
def test_svg_marks_statuses(pair: tuple[Org, Org]) -> None:
    svg = render_bytes(pair[1], "svg", before=pair[0], blocs=True, people=True, stack=False)
    classes = svg_classes(svg)
    for status in ("new", "merged", "split", "dissolved", "renamed", "moved", "quota"):
        assert any(f"status-{status}" in c for c in classes), status
    texts = svg_texts(svg)
    for badge in ("NEW", "DISSOLVED", "MERGED into Board One-Two", "MOVED from Commune One"):
        assert badge in texts
    for name in ("Board One", "Board Three", "Commune Two A", "New Centre", "Finance Office"):
        assert name in texts


@pytest.mark.dot
def test_svg_of_stacked_diff_keeps_every_name(pair: tuple[Org, Org]) -> None:
    texts = svg_texts(render_bytes(pair[1], "svg", before=pair[0]))
    ended = {u.name for u in pair[0].units() if not pair[1].unit(u.id).active}
    for name in ended | {u.name for u in pair[1].units()}:
        assert name in texts
    assert "RENAMED, was: Education Office" in texts


def test_mermaid_diff(pair: tuple[Org, Org]) -> None:
    text = to_mermaid(pair[1], before=pair[0], stack=False)
    assert "classDef new " in text and "classDef dissolved " in text
    assert re.search(r"class [n\d_,]+ merged", text)
    assert "==>|merge|" in text and "==>|split|" in text
    assert "<s><b>Board Three</b></s>" in text


def test_loose_edges_carry_their_own_route(pair: tuple[Org, Org]) -> None:
    # Positions are pinned: every line, tree or not, comes with its spline, so Graphviz
    # never routes (dot 2.42 could loop forever on cycles of constraint=false edges).
    source = to_dot(pair[1], before=pair[0], blocs=True, people=True, stack=False)
    edges = dot_edges(source)
    assert edges
    for tail, head, attrs in edges:
        assert 'pos="' in attrs, (tail, head)
    assert "constraint=false" not in source


@pytest.mark.dot
@pytest.mark.parametrize("options", [{"blocs": True, "people": True, "stack": False}, {}])
def test_full_layout_finishes(pair: tuple[Org, Org], options: dict[str, Any]) -> None:
    import subprocess

    from orgraph.render._layout import layout
    from orgraph.render.dot import render_chart
    from orgraph.render.options import settings

    chart = layout(pair[1], settings(options), before=pair[0])  # type: ignore[arg-type]
    source = render_chart(chart).source
    done = subprocess.run(
        ["neato", "-n2", "-Tsvg"],
        input=source.encode(),
        capture_output=True,
        timeout=20,
        check=False,
    )
    assert done.returncode == 0, done.stderr
