"""Reading a chart's geometry back from the SVG (boxes, lines) and the PDF (printed words).

Only what Graphviz wrote is read: node groups (``<g class="node ...">``) give the box
rectangles, edge groups (``<g class="edge ...">``) the polylines, and ``pdftotext -bbox``
the extent of each printed word as cairo and pango set it.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
BOX_CLASSES = frozenset({"unit", "list", "count", "marker"})

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1
Point = tuple[float, float]


@dataclass
class Drawing:
    width: float  # points, as the svg element says
    height: float
    scale: float  # the drawing's scale (page fitting)
    boxes: dict[str, Rect]  # node name -> rectangle, drawing units (y down)
    classes: dict[str, set[str]]
    edges: list[tuple[str, str, set[str], list[Point]]]
    font_sizes: list[float]
    texts: dict[str, list[str]]  # node name -> its text lines

    @property
    def aspect(self) -> float:
        return self.width / self.height


def _points(text: str) -> list[Point]:
    numbers = [float(n) for n in _NUMBER.findall(text)]
    return list(zip(numbers[0::2], numbers[1::2], strict=False))


def parse(svg: bytes | str) -> Drawing:
    root = ET.fromstring(svg)
    width = float(root.get("width", "0").removesuffix("pt"))
    height = float(root.get("height", "0").removesuffix("pt"))
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    transform = graph.get("transform", "")
    scale = float(re.search(r"scale\(([\d.]+)", transform)[1])  # type: ignore[index]
    tx, ty = (float(v) for v in re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", transform).groups())  # type: ignore[union-attr]
    boxes: dict[str, Rect] = {}
    classes: dict[str, set[str]] = {}
    texts: dict[str, list[str]] = {}
    edges = []
    sizes = []
    for group in graph.iter(f"{SVG}g"):
        kinds = set(group.get("class", "").split())
        title = group.find(f"{SVG}title")
        name = (title.text or "") if title is not None else ""
        for text in group.iter(f"{SVG}text"):
            sizes.append(float(text.get("font-size", "14")))
        if "node" in kinds:
            pts: list[Point] = []
            for shape in group.iter():
                if shape.tag == f"{SVG}polygon":
                    pts += _points(shape.get("points", ""))
                elif shape.tag == f"{SVG}path":
                    pts += _points(shape.get("d", ""))
            classes[name] = kinds
            texts[name] = ["".join(t.itertext()) for t in group.iter(f"{SVG}text")]
            if pts:
                xs = [x + tx for x, _ in pts]
                ys = [y + ty for _, y in pts]
                boxes[name] = (min(xs), min(ys), max(xs), max(ys))
        elif "edge" in kinds:
            tail, _, head = name.partition("->")
            path = next(group.iter(f"{SVG}path"))
            line: list[Point] = []
            for x, y in _points(path.get("d", "")):
                point = (x + tx, y + ty)
                if not line or point != line[-1]:
                    line.append(point)
            # Arrowheads (a polygon at the end) extend the line to its tip.
            for polygon in group.iter(f"{SVG}polygon"):
                tip = _points(polygon.get("points", ""))
                if tip:
                    line.append((tip[1][0] + tx, tip[1][1] + ty))
            edges.append((tail, head, kinds, line))
    return Drawing(width, height, scale, boxes, classes, edges, sizes, texts)


def unit_boxes(drawing: Drawing) -> dict[str, Rect]:
    """Unit, list and count boxes (markers left out)."""
    return {
        n: r for n, r in drawing.boxes.items() if drawing.classes[n] & {"unit", "list", "count"}
    }


def overlapping(boxes: dict[str, Rect], slack: float = 0.5) -> list[tuple[str, str]]:
    items = sorted(boxes.items(), key=lambda kv: kv[1][0])
    found = []
    for i, (a, ra) in enumerate(items):
        for b, rb in items[i + 1 :]:
            if rb[0] >= ra[2] - slack:
                break
            if ra[1] < rb[3] - slack and rb[1] < ra[3] - slack:
                found.append((a, b))
    return found


def segments_through_boxes(drawing: Drawing, slack: float = 1.0) -> list[tuple[str, str, str]]:
    """(edge, box, segment) for every line segment that enters a box other than its ends."""
    boxes = {n: r for n, r in drawing.boxes.items() if drawing.classes[n] & BOX_CLASSES}
    bad = []
    for tail, head, _, line in drawing.edges:
        for (x0, y0), (x1, y1) in itertools.pairwise(line):
            lo_x, hi_x = sorted((x0, x1))
            lo_y, hi_y = sorted((y0, y1))
            for name, (bx0, by0, bx1, by1) in boxes.items():
                if name in (tail, head):
                    continue
                if (
                    hi_x > bx0 + slack
                    and lo_x < bx1 - slack
                    and hi_y > by0 + slack
                    and lo_y < by1 - slack
                ):
                    bad.append((f"{tail}->{head}", name, f"{(x0, y0)}-{(x1, y1)}"))
    return bad


def ends_off_their_boxes(drawing: Drawing, slack: float = 1.5) -> list[str]:
    """Edges whose first or last point is not on (or inside) the box it names."""
    bad = []
    for tail, head, _, line in drawing.edges:
        for name, (x, y) in ((tail, line[0]), (head, line[-1])):
            x0, y0, x1, y1 = drawing.boxes[name]
            if not (x0 - slack <= x <= x1 + slack and y0 - slack <= y <= y1 + slack):
                bad.append(f"{tail}->{head} at {name}")
    return bad


def pdf_words(pdf: str) -> tuple[tuple[float, float], list[tuple[str, Rect]]]:
    """Page size and every word with its box, from ``pdftotext -bbox`` (y down, points)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out)
    assert page
    words = [
        (m[5], (float(m[1]), float(m[2]), float(m[3]), float(m[4])))
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            out,
        )
    ]
    return (float(page[1]), float(page[2])), words
