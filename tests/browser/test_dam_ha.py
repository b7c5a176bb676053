"""The viewer of Đầm Hà's 2018-2020 streamlining in a real browser (before/after and timeline)."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from orgraph.render._style import STATUS_STYLES
from orgraph.render.html import viewer_html
from tests.browser.orgs import dam_ha
from tests.browser.pages import PNG, open_page, screenshot, state, unit

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def orgs():
    return dam_ha()


@pytest.fixture
def chart(dam_ha_file):
    return dam_ha_file


def _fold(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D").lower()


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def _after(page) -> None:
    page.get_by_role("button", name=re.compile(r"^After")).click()


def test_search_without_accents_highlights_matches_and_path(page, chart, orgs):
    open_page(page, chart)
    _after(page)
    search = page.locator('input[type="search"]')
    search.fill("uy ban nhan dan huyen")
    ubnd = unit(page, "ubnd")
    assert "match" in ubnd.get_attribute("class")
    assert "path" in unit(page, "dam-ha").get_attribute("class")
    assert "match" not in unit(page, "huyen-uy").get_attribute("class")
    # The matches are exactly the active units whose folded name holds the phrase.
    _, after = orgs
    expected = {u.id for u in after.units() if "uy ban nhan dan huyen" in _fold(u.name)}
    found = set(page.evaluate("window.orgraphViewer.search('uy ban nhan dan huyen')"))
    assert found == expected and "ubnd" in found
    search.fill("xa dam ha")
    assert page.locator(".count").inner_text().endswith("matches")
    search.press("Enter")
    current = page.locator(".current")
    assert current.count() == 1
    name = current.first.get_attribute("aria-label")
    assert "xã Đầm Hà".lower() in name.lower()
    panel = page.get_by_role("region", name="Unit details")
    assert panel.locator("h2").inner_text() == name
    search.press("Enter")
    assert page.locator(".current").first.get_attribute("aria-label") != name
    hits = page.evaluate("window.orgraphViewer.search('dam ha')")
    assert {"dam-ha", "xa-dam-ha", "tt-dam-ha"} <= set(hits)
    # Words in another order are found when the phrase is not.
    assert "ubnd" in page.evaluate("window.orgraphViewer.search('huyen uy ban nhan')")
    assert not page.errors


def test_expand_and_collapse_by_mouse_and_keyboard(page, chart):
    open_page(page, chart)
    _after(page)
    ubnd = unit(page, "ubnd")
    assert ubnd.get_attribute("aria-expanded") == "true"
    assert unit(page, "phong-tu-phap").count() == 1
    ubnd.locator("[data-knob]").click()
    assert ubnd.get_attribute("aria-expanded") == "false"
    assert unit(page, "phong-tu-phap").count() == 0
    assert re.fullmatch(r"\+\d+", ubnd.locator("[data-knob]").inner_text())
    ubnd.locator("[data-knob]").click()
    assert unit(page, "phong-tu-phap").count() == 1
    ubnd.focus()
    page.keyboard.press("ArrowLeft")
    assert ubnd.get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowRight")
    assert ubnd.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowRight")  # into the first sub-unit
    focused = page.evaluate("document.activeElement.dataset.unitId")
    assert focused == "van-phong-hdnd-ubnd"
    assert page.evaluate("document.activeElement.getAttribute('aria-level')") == "3"
    page.keyboard.press("ArrowLeft")  # back to the parent
    assert page.evaluate("document.activeElement.dataset.unitId") == "ubnd"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.unitId") == "van-phong-hdnd-ubnd"
    page.keyboard.press("Enter")
    panel = page.get_by_role("region", name="Unit details")
    assert (
        panel.locator("h2").inner_text() == "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"
    )
    page.get_by_role("button", name="Collapse all").click()
    assert page.locator("[data-unit-id]").count() == 1  # the district alone
    page.get_by_role("button", name="Expand all").click()
    assert unit(page, "phong-tu-phap").count() == 1


def test_initial_depth(page, orgs, tmp_path):
    _, after = orgs
    path = tmp_path / "depth.html"
    path.write_text(viewer_html(after, depth=1), encoding="utf-8")
    open_page(page, path)
    levels = page.evaluate(
        "[...document.querySelectorAll('[role=treeitem]')].map(e => e.getAttribute('aria-level'))"
    )
    assert set(levels) == {"1", "2"}
    assert len(levels) == 1 + len(after.children("dam-ha"))
    district = unit(page, "dam-ha")
    assert district.get_attribute("aria-expanded") == "true"
    assert unit(page, "ubnd").get_attribute("aria-expanded") == "false"
    assert unit(page, "ubnd").get_attribute("aria-setsize") == str(len(after.children("dam-ha")))
    hidden = len(after.subtree("ubnd")) - 1
    assert unit(page, "ubnd").locator("[data-knob]").inner_text() == f"+{hidden}"
    # A search reaches into closed subtrees: Enter opens the way to the match.
    page.locator('input[type="search"]').fill("phong tu phap")
    page.locator('input[type="search"]').press("Enter")
    assert unit(page, "phong-tu-phap").count() == 1
    assert unit(page, "ubnd").get_attribute("aria-expanded") == "true"


def test_panel_lists_posts_holders_vacant_and_concurrent(page, chart):
    open_page(page, chart)
    _after(page)
    unit(page, "xa-quang-lam").click()
    panel = page.get_by_role("region", name="Unit details")
    assert panel.is_visible()
    assert panel.locator("h2").inner_text() == "Xã Quảng Lâm"
    posts = panel.locator("li.post")
    secretary = posts.filter(has_text="Bí thư Đảng ủy xã Quảng Lâm").first
    assert secretary.locator(".holder").inner_text() == "Lê Văn Khánh"
    assert secretary.locator(".tag.concurrent").count() == 1
    assert "Chủ tịch Ủy ban nhân dân xã Quảng Lâm" in secretary.inner_text()
    assert "Level" in panel.inner_text() and "commune" in panel.inner_text()
    unit(page, "phong-nong-nghiep-ptnt").click()
    assert panel.locator("h2").inner_text() == "Phòng Nông nghiệp và Phát triển nông thôn"
    assert panel.locator(".tag.vacant").count() >= 1
    assert "Quota" in panel.inner_text()
    page.keyboard.press("Escape")
    assert not panel.is_visible()


def test_link_into_the_chart_and_follow_lineage(page, chart):
    open_page(page, chart, "#unit=ubkt")
    panel = page.get_by_role("region", name="Unit details")
    assert panel.locator("h2").inner_text() == "Ủy ban Kiểm tra Huyện ủy"
    assert page.evaluate("document.activeElement.dataset.unitId") == "ubkt"
    became = panel.locator("ul.lineage li")
    assert "merge, 2018-10-01" in became.first.inner_text()
    panel.locator('[data-goto="co-quan-ubkt-thanh-tra"]').click()
    assert panel.locator("h2").inner_text() == "Cơ quan Ủy ban Kiểm tra Huyện ủy - Thanh tra huyện"
    assert page.evaluate("location.hash") == "#unit=co-quan-ubkt-thanh-tra"
    assert page.evaluate("document.activeElement.dataset.unitId") == "co-quan-ubkt-thanh-tra"
    came = panel.locator("[data-goto]")
    assert {came.nth(i).get_attribute("data-goto") for i in range(came.count())} >= {
        "ubkt",
        "thanh-tra",
    }


def test_timeline_shows_the_structure_as_of_each_date(page, chart):
    open_page(page, chart)
    slider = page.locator('input[type="range"]')
    slider.focus()
    page.keyboard.press("Home")
    assert page.locator("output").inner_text() == "2018-01-01"
    assert unit(page, "ubkt").count() == 1
    assert unit(page, "co-quan-ubkt-thanh-tra").count() == 0
    for _ in range(3):  # 2018-06-01, 2018-07-01, 2018-10-01: the inspection merger
        page.keyboard.press("ArrowRight")
    assert page.locator("output").inner_text() == "2018-10-01"
    assert unit(page, "ubkt").count() == 0
    assert unit(page, "co-quan-ubkt-thanh-tra").count() == 1
    page.keyboard.press("End")
    assert page.locator("output").inner_text() == "2020-06-30"
    assert unit(page, "phong-dan-toc").count() == 0


def test_before_after_toggle_with_diff_statuses_and_legend(page, chart):
    open_page(page, chart)
    legend = page.get_by_role("note", name="Legend")
    assert legend.is_visible() and "MERGED" in legend.inner_text()
    merged = unit(page, "ubkt")
    colour = merged.evaluate("e => getComputedStyle(e.closest('.entry, .box')).backgroundColor")
    assert colour == _rgb(STATUS_STYLES["merged"].fill)
    assert "(merged)" in merged.get_attribute("aria-label")
    page.get_by_role("button", name=re.compile(r"^Before")).click()
    assert not legend.is_visible()
    assert unit(page, "phong-dan-toc").count() == 1
    _after(page)
    assert unit(page, "phong-dan-toc").count() == 0
    assert state(page)["view"] == "after"


def test_pan_zoom_by_keyboard_mouse_wheel_and_touch(page, chart):
    open_page(page, chart)
    start = state(page)
    page.locator(".viewport").focus()
    page.keyboard.press("+")
    zoomed = state(page)
    assert zoomed["k"] == pytest.approx(start["k"] * 1.25)
    page.keyboard.press("Shift+ArrowLeft")
    assert state(page)["tx"] == pytest.approx(zoomed["tx"] + 60)
    page.keyboard.press("0")
    assert state(page)["k"] == pytest.approx(start["k"])
    box = page.locator(".viewport").bounding_box()
    x, y = box["x"] + 20, box["y"] + box["height"] - 20
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y - 40, steps=5)
    page.mouse.up()
    moved = state(page)
    assert moved["tx"] == pytest.approx(start["tx"] + 120, abs=1)
    page.mouse.wheel(0, -300)
    assert state(page)["k"] > moved["k"]
    before_pinch = state(page)["k"]
    page.evaluate(
        """() => {
        const v = document.querySelector('.viewport');
        const fire = (type, id, x) => v.dispatchEvent(new PointerEvent(type,
            {pointerId: id, pointerType: 'touch', clientX: x, clientY: 300, bubbles: true}));
        fire('pointerdown', 1, 400); fire('pointerdown', 2, 500);
        fire('pointermove', 2, 600); fire('pointerup', 1, 400); fire('pointerup', 2, 600);
    }"""
    )
    assert state(page)["k"] == pytest.approx(before_pinch * 2, rel=0.01)


def test_export_svg_and_png(page, chart):
    open_page(page, chart)
    _after(page)
    with page.expect_download() as svg_download:
        page.get_by_role("button", name="Export the current view as SVG").click()
    svg = svg_download.value
    assert svg.suggested_filename.endswith(".svg")
    root = ET.parse(svg.path()).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Huyện Đầm Hà" in text and "Phòng Tư pháp" in text
    assert "Phòng Dân tộc" not in text  # dissolved before the "after" date
    with page.expect_download() as png_download:
        page.get_by_role("button", name="Export the current view as PNG").click()
    data = Path(png_download.value.path()).read_bytes()
    assert data[:8] == PNG and len(data) > 10_000


def test_print_stylesheet_and_whole_chart(page, chart):
    open_page(page, chart)
    for _ in range(8):
        page.keyboard.press("+")
    shown = state(page)["drawn"]
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert not page.locator('input[type="search"]').is_visible()
    assert not page.get_by_role("button", name="Fit to screen").is_visible()
    printed = state(page)["drawn"]
    assert printed > shown
    assert printed == page.locator("[data-box]").count()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert page.locator('input[type="search"]').is_visible()


def _luminance(rgb: str) -> float:
    parts = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_tree_semantics_focus_ring_and_contrast(page, chart):
    open_page(page, chart)
    assert page.get_by_role("tree", name="Org chart").count() == 1
    items = page.get_by_role("treeitem")
    assert items.count() > 50
    assert unit(page, "dam-ha").get_attribute("aria-level") == "1"
    unit(page, "dam-ha").focus()
    page.keyboard.press("ArrowDown")
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; })()"
    )
    assert ring[0] == "solid" and float(ring[1].rstrip("px")) >= 2
    pairs = page.evaluate(
        """() => [...document.querySelectorAll('.r')].map(r => {
            let box = r.parentElement, bg = 'rgba(0, 0, 0, 0)';
            while (box && (bg = getComputedStyle(box).backgroundColor) === 'rgba(0, 0, 0, 0)')
                box = box.parentElement;
            return [getComputedStyle(r).color, bg];
        })"""
    )
    assert pairs
    for colour, background in pairs:
        hi, lo = sorted((_luminance(colour), _luminance(background)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, (colour, background)


def test_screenshot(page, chart, tmp_path):
    open_page(page, chart)
    page.locator('input[type="search"]').fill("uy ban")
    screenshot(page, tmp_path, "dam-ha-2020")
