"""Geometry of drawn charts, read back from Graphviz's SVG and PDF (issue 18's checks)."""

from __future__ import annotations

import itertools
import re
import shutil
import sys
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import orgraph
from orgraph import Link, Org, Unit
from orgraph.render import render, render_bytes, to_dot
from tests.render.geometry import (
    Drawing,
    ends_off_their_boxes,
    overlapping,
    parse,
    pdf_words,
    segments_through_boxes,
    unit_boxes,
)
from tests.render.orgs import small_chart_org

EXAMPLE = Path(__file__).parents[2] / "examples" / "dam_ha"

pytestmark = pytest.mark.dot


def _example() -> Any:
    sys.path.insert(0, str(EXAMPLE))
    try:
        from figures import load_example  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(EXAMPLE))
    return load_example(EXAMPLE)


@pytest.fixture(scope="module")
def dam_ha() -> Any:
    return _example()


def roots(count: int) -> Org:
    """``count`` root departments, each with an office and two agencies under it."""
    units = []
    for i in range(count):
        units.append(Unit(id=f"d{i}", name=f"Department {i}", kind="department", level="x"))
        units.append(Unit(id=f"d{i}o", name="Office", kind="office", level="x", parent=f"d{i}"))
        for j in range(2):
            units.append(
                Unit(
                    id=f"d{i}a{j}", name=f"Agency {i}.{j}", kind="agency", level="x", parent=f"d{i}"
                )
            )
            units.append(
                Unit(id=f"d{i}a{j}u", name="Unit", kind="unit", level="x", parent=f"d{i}a{j}")
            )
    return Org.create(name=f"{count} roots", date=date(2020, 1, 1), units=units)


def offices(count: int) -> Org:
    """A district whose committee has ``count`` offices, each with one service unit."""
    units = [
        Unit(id="d", name="District", kind="district", level="district"),
        Unit(id="c", name="People's Committee", kind="committee", level="district", parent="d"),
    ]
    for i in range(count):
        units.append(
            Unit(id=f"o{i}", name=f"Office {i}", kind="office", level="district", parent="c")
        )
        units.append(
            Unit(id=f"o{i}s", name=f"Centre {i}", kind="centre", level="district", parent=f"o{i}")
        )
    return Org.create(name="Forty offices", date=date(2020, 1, 1), units=units)


def _draw(org: Org, **options: Any) -> Drawing:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parse(render_bytes(org, "svg", **options))


def _check(drawing: Drawing) -> None:
    assert not overlapping(drawing.boxes)
    assert not segments_through_boxes(drawing)
    assert not ends_off_their_boxes(drawing)


def _cases(dam_ha: Any) -> list[tuple[str, Org, Org | None, dict[str, Any]]]:
    return [
        ("baseline", dam_ha.base, None, {"collapse": "village"}),
        ("baseline-people", dam_ha.base, None, {"collapse": "village", "people": True}),
        ("baseline-blocs", dam_ha.base, None, {"collapse": "village", "blocs": True}),
        ("diff-2020", dam_ha.streamlined, dam_ha.base, {"collapse": "village"}),
        ("diff-2025", dam_ha.reform, dam_ha.streamlined, {"collapse": "village"}),
        ("small-posts", small_chart_org(), None, {"posts": True, "people": True, "quota": True}),
        ("small-unstacked", small_chart_org(), None, {"stack": False, "blocs": True}),
        ("small-LR", small_chart_org(), None, {"direction": "LR", "people": True}),
        ("27-roots", roots(27), None, {}),
        ("40-offices", offices(40), None, {}),
    ]


CASES = [
    "baseline",
    "baseline-people",
    "baseline-blocs",
    "diff-2020",
    "diff-2025",
    "small-posts",
    "small-unstacked",
    "small-LR",
    "27-roots",
    "40-offices",
]


@pytest.mark.parametrize("case", CASES)
def test_boxes_lines_and_ends(dam_ha: Any, case: str) -> None:
    _, org, before, options = next(c for c in _cases(dam_ha) if c[0] == case)
    _check(_draw(org, before=before, **options))


def test_the_checks_catch_a_bad_drawing(dam_ha: Any) -> None:
    drawing = _draw(dam_ha.base, collapse="village")
    first, second, *_ = unit_boxes(drawing)
    drawing.boxes[second] = drawing.boxes[first]
    assert overlapping(drawing.boxes)
    tail, head, kinds, _line = drawing.edges[0]
    x0, y0, x1, y1 = next(r for n, r in unit_boxes(drawing).items() if n not in (tail, head))
    drawing.edges[0] = (tail, head, kinds, [(x0 - 5, (y0 + y1) / 2), (x1 + 5, (y0 + y1) / 2)])
    assert segments_through_boxes(drawing)
    assert ends_off_their_boxes(drawing)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("case", ["baseline", "baseline-people", "diff-2020", "small-posts"])
def test_every_word_inside_its_box(dam_ha: Any, case: str, tmp_path: Path) -> None:
    _, org, before, options = next(c for c in _cases(dam_ha) if c[0] == case)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        drawing = parse(render_bytes(org, "svg", before=before, **options))
        pdf = render(org, tmp_path / "c.pdf", before=before, **options)
    (page_w, page_h), words = pdf_words(str(pdf))
    dx, dy = (page_w - drawing.width) / 2, (page_h - drawing.height) / 2
    boxes = {
        n: (x0 + dx, y0 + dy, x1 + dx, y1 + dy) for n, (x0, y0, x1, y1) in drawing.boxes.items()
    }
    body_top = min(r[1] for r in unit_boxes(drawing).values()) + dy
    body_bottom = max(r[3] for r in unit_boxes(drawing).values()) + dy
    inside = 0
    for word, (x0, y0, x1, y1) in words:
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        home = [r for r in boxes.values() if r[0] <= cx <= r[2] and r[1] <= cy <= r[3]]
        if not home:
            # Only the title, legend and notes lie outside the boxes, above or below them.
            assert cy < body_top or cy > body_bottom, word
            continue
        bx0, by0, bx1, by1 = min(home, key=lambda r: (r[2] - r[0]) * (r[3] - r[1]))
        # pdftotext's word box includes the font's ascent and descent: allow 2 points.
        assert bx0 - 0.5 <= x0 and x1 <= bx1 + 0.5, word
        assert by0 - 2 <= y0 and y1 <= by1 + 2, word
        inside += 1
    assert inside > 20


def _aspect(drawing: Drawing) -> float:
    return drawing.width / drawing.height


def test_dam_ha_baseline_near_a_page(dam_ha: Any) -> None:
    drawing = _draw(dam_ha.base, collapse="village")
    assert 1.0 <= _aspect(drawing) <= 2.0


def test_dam_ha_diff_near_a_page(dam_ha: Any) -> None:
    drawing = _draw(dam_ha.streamlined, before=dam_ha.base, collapse="village")
    assert 1.0 <= _aspect(drawing) <= 2.0


def _printed(drawing: Drawing, page: tuple[float, float]) -> float:
    """Smallest printed text (points) once the drawing is scaled onto the page area."""
    fit = min(1.0, page[0] / drawing.width, page[1] / drawing.height)
    return (
        min(drawing.font_sizes)
        * drawing.scale
        * fit
        / max(drawing.scale, 1e-9)
        * (drawing.scale if drawing.scale < 1 else 1)
    )


A3 = (15.4 * 72, 10.5 * 72)


@pytest.mark.parametrize("diff", [False, True])
def test_dam_ha_on_a3_prints_text_at_6_points(dam_ha: Any, diff: bool) -> None:
    org, before = (dam_ha.streamlined, dam_ha.base) if diff else (dam_ha.base, None)
    drawing = _draw(org, before=before, collapse="village", page="A3-landscape")
    # The SVG is the page: no bigger than the A3 drawing area, text scaled with it.
    assert drawing.width <= A3[0] + 16 and drawing.height <= A3[1] + 16
    smallest = min(drawing.font_sizes) * drawing.scale
    assert smallest >= 6.0, smallest


def test_27_roots_make_a_grid() -> None:
    drawing = _draw(roots(27))
    assert _aspect(drawing) <= 3.0
    tops = {
        round(r[1])
        for n, r in unit_boxes(drawing).items()
        if "Department" in " ".join(drawing.texts[n])
    }
    assert len(tops) >= 3  # several rows of departments, not a strip


def test_40_offices_wrap_into_rows() -> None:
    drawing = _draw(offices(40))
    tops = {
        round(r[1])
        for n, r in unit_boxes(drawing).items()
        if any(t.startswith("Office ") for t in drawing.texts[n])
    }
    assert len(tops) >= 2
    assert _aspect(drawing) <= 3.0


def test_links_do_not_ladder() -> None:
    # Ten links from one board to ten far-away offices: drawn short, or as markers.
    org = offices(12)
    units = [
        *list(org.units()),
        Unit(id="b", name="Board", kind="board", level="district", parent="d"),
    ]
    links = [Link(source="b", target=f"o{i}s", kind="guidance") for i in range(12)]
    org = Org.create(name="Links", date=date(2020, 1, 1), units=units, links=links)
    drawing = _draw(org)
    _check(drawing)
    dotted = [line for *_, kinds, line in drawing.edges if "link" in kinds]
    for line in dotted:
        length = sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in itertools.pairwise(line))
        assert length <= 400
    markers = [n for n, k in drawing.classes.items() if "marker" in k]
    assert len(dotted) + len(markers) >= 2
    assert not _draw(org, links=False).classes.keys() & set(markers)


def test_same_chart_twice() -> None:
    org = offices(40)
    assert render_bytes(org, "svg") == render_bytes(offices(40), "svg")


def test_example_loads() -> None:
    assert orgraph.load(EXAMPLE / "org.yaml").units()


def test_a_unit_with_1257_leaves_renders() -> None:
    # A real defence agency: every quoted string stays far below Graphviz's 16,384 limit.
    units = [Unit(id="r", name="Agency", kind="agency", level="x")]
    units += [
        Unit(
            id=f"u{i}",
            name=f"Establishment number {i} of the agency",
            kind="x",
            level="x",
            parent="r",
        )
        for i in range(1257)
    ]
    org = Org.create(name="Big list", date=date(2020, 1, 1), units=units)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = to_dot(org)
        drawing = parse(render_bytes(org, "svg"))
    longest = max(len(m) for m in re.findall(r'"(?:[^"\\]|\\.)*"', source))
    assert longest < 16384 // 2
    texts = [t for lines in drawing.texts.values() for t in lines]
    assert "+1158 more" in texts  # 99 shown (max_list 100), the rest in one item
    _check(drawing)


def test_folded_list_is_written_in_full_and_linked(tmp_path: Path) -> None:
    units = [Unit(id="r", name="Agency", kind="agency", level="x")]
    units += [
        Unit(id=f"u{i}", name=f"Site <{i}> & co", kind="x", level="x", parent="r")
        for i in range(60)
    ]
    org = Org.create(name="Folded", date=date(2020, 1, 1), units=units)
    with pytest.warns(UserWarning, match="60 sub-units"):
        svg = render(org, tmp_path / "big.svg", max_list=10)
    page = (tmp_path / "big.lists.html").read_text(encoding="utf-8")
    # The 51 units behind "+51 more" are all on the page, escaped.
    for i in range(9, 60):
        assert f"<li>Site &lt;{i}&gt; &amp; co</li>" in page
    assert "<li>Site &lt;8&gt; &amp; co</li>" not in page
    text = svg.read_text(encoding="utf-8")
    assert "+51 more" in text and 'href="big.lists.html#n1-' in text
    assert not (tmp_path / "small.lists.html").exists()
    render(small_chart_org(), tmp_path / "small.svg")
    assert not (tmp_path / "small.lists.html").exists()
