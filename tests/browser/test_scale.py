"""10,000 units in headless chromium: first render under 2 s, a search under 100 ms.

The budgets are the issue's; each figure is the best (first render) or the median
(search) of several tries, so one stall of a loaded machine does not fail the test.
Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import statistics
import time

import pytest

from orgraph.render.html import viewer_html
from tests.browser.orgs import synthetic
from tests.browser.pages import open_page, screenshot, state

pytestmark = pytest.mark.browser

FIRST_RENDER_MS = 2000
SEARCH_MS = 100
QUERIES = ["xa quang lam 9999", "uy ban so 77", "c04321", "u5000", "dam ha", "zzz"]


@pytest.fixture(scope="module")
def chart(tmp_path_factory):
    org = synthetic(10_000)
    assert len(org.units()) == 10_000
    start = time.perf_counter()
    page = viewer_html(org)
    print(f"\nviewer_html for 10,000 units: {time.perf_counter() - start:.2f} s")
    folder = tmp_path_factory.mktemp("scale")
    path = folder / "synthetic.html"
    path.write_text(page, encoding="utf-8")
    # The same page opening with every level open (the data's depth only; the script, and
    # so its CSP hash, are unchanged).
    assert page.count('"depth": 2,') == 1
    (folder / "open.html").write_text(page.replace('"depth": 2,', '"depth": null,'), "utf-8")
    return path


def test_first_render_and_search_budgets(page, chart, tmp_path):
    renders = []
    for _ in range(2):
        open_page(page, chart)
        renders.append(page.evaluate("window.orgraphViewer.readyMs"))
    assert state(page)["drawn"] > 0
    times, counts = [], []
    for query in QUERIES:
        elapsed, found = page.evaluate(
            """q => {
                const box = document.querySelector('input[type="search"]');
                const t = performance.now();
                box.value = q;
                box.dispatchEvent(new Event('input'));
                document.body.getBoundingClientRect();  // and the style and layout it caused
                return [performance.now() - t, window.orgraphViewer.state().matches];
            }""",
            query,
        )
        times.append(elapsed)
        counts.append(found)
    assert counts == [1, 11, 1, 1, 1110, 0]  # 77 and 770-779; all offices
    page.locator('input[type="search"]').fill("xa quang lam 9999")
    jump = page.evaluate(
        """() => {
            const box = document.querySelector('input[type="search"]');
            const t = performance.now();
            box.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
            document.body.getBoundingClientRect();
            return performance.now() - t;
        }"""
    )
    assert page.locator('.current[data-unit-id="u9999"]').count() == 1
    print(
        f"first render (navigation to drawn) {min(renders):.0f} ms (runs: "
        f"{', '.join(f'{r:.0f}' for r in renders)}); search median "
        f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms; "
        f"Enter to a hidden match {jump:.1f} ms"
    )
    assert min(renders) < FIRST_RENDER_MS
    assert statistics.median(times) < SEARCH_MS
    assert jump < SEARCH_MS * 3
    screenshot(page, tmp_path, "synthetic-10000")


def test_everything_open(page, chart):
    renders = []
    for _ in range(2):
        open_page(page, chart.with_name("open.html"))
        renders.append(page.evaluate("window.orgraphViewer.readyMs"))
    # Fitted, 10,000 units would be specks: the page opens readable on the top of the chart.
    first = state(page)
    assert first["k"] == 0.75
    assert 0 < first["drawn"] < 300
    start = time.perf_counter()
    page.get_by_role("button", name="Fit to screen").click()
    fitted = state(page)
    fit = time.perf_counter() - start
    assert fitted["drawn"] == 2111  # every box: 1,111 offices and 1,000 lists of communes
    assert page.locator("[data-unit-id]").count() == 10_000
    start = time.perf_counter()
    page.get_by_role("button", name="Collapse all").click()
    page.get_by_role("button", name="Expand all").click()
    toggle = time.perf_counter() - start
    print(
        f"\nall 10,000 units open: first render {min(renders):.0f} ms (runs: "
        f"{', '.join(f'{r:.0f}' for r in renders)}); fit with every unit on screen "
        f"{fit:.2f} s; collapse and expand all {toggle:.2f} s"
    )
    assert min(renders) < FIRST_RENDER_MS
    assert state(page)["drawn"] == 2111
    assert fit < 10 and toggle < 20  # whole-chart redraws: reported, generously bounded
