"""The viewer of one province in Vietnam's 2025 reorganisation (Quảng Ninh), in a real browser."""

from __future__ import annotations

import pytest

import orgraph
from orgraph.datasets import vietnam
from orgraph.render.html import viewer_html
from tests.browser.pages import open_page, screenshot, state, unit
from tests.helpers import need_module

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chart(tmp_path_factory):
    need_module("vietnamadminunits")  # the 'vn' extra, which the datasets read
    before = vietnam.admin_units_2024()
    after = orgraph.apply(before, vietnam.reform_2025())
    path = tmp_path_factory.mktemp("vietnam") / "quang-ninh.html"
    page = viewer_html(after, before=before, history=True, root="p-22", title="Quảng Ninh 2025")
    path.write_text(page, encoding="utf-8")
    return path, after


def test_every_unit_of_the_province_is_drawn(page, chart):
    path, after = chart
    open_page(page, path)
    page.get_by_role("button", name="After (2025-07-01)").click()
    drawn = page.evaluate(
        "[...document.querySelectorAll('[data-unit-id]')].map(e => e.dataset.unitId)"
    )
    assert sorted(drawn) == sorted(u.id for u in after.subtree("p-22"))


def test_search_the_new_commune_without_accents_and_follow_its_lineage(page, chart):
    open_page(page, chart[0])
    assert state(page)["view"] == "changes"
    search = page.locator('input[type="search"]')
    search.fill("xa dam ha")
    hits = page.evaluate("window.orgraphViewer.search('xa dam ha')")
    assert {"c-06916", "c25-06895"} <= set(hits)  # the old commune and the new one
    unit(page, "c25-06895").click()
    panel = page.get_by_role("region", name="Unit details")
    assert panel.locator("h2").inner_text() == "Xã Đầm Hà"
    came = panel.locator("ul.lineage li")
    assert came.count() == 5
    assert "merge, 2025-07-01" in came.first.inner_text()
    panel.locator('[data-goto="c-06895"]').click()
    assert panel.locator("h2").inner_text() == "Thị trấn Đầm Hà"
    assert page.evaluate("document.activeElement.dataset.unitId") == "c-06895"
    assert "(merged)" in unit(page, "c-06895").get_attribute("aria-label")
    assert not page.errors


def test_timeline_before_and_after_the_reform(page, chart):
    open_page(page, chart[0])
    slider = page.locator('input[type="range"]')
    slider.focus()
    page.keyboard.press("Home")
    assert page.locator("output").inner_text() == "2025-06-30"
    assert unit(page, "d-200").count() == 1
    assert state(page)["view"] == "before"  # the known state is reused, not rebuilt
    page.keyboard.press("End")
    assert page.locator("output").inner_text() == "2025-07-01"
    assert unit(page, "d-200").count() == 0
    assert unit(page, "c25-06895").count() == 1


def test_screenshot(page, chart, tmp_path):
    open_page(page, chart[0])
    page.locator('input[type="search"]').fill("dam ha")
    screenshot(page, tmp_path, "vietnam-2025-quang-ninh")
