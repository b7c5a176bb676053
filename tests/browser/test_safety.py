"""Hostile names stay text, and the page makes no network request."""

from __future__ import annotations

import pytest

from orgraph.render.html import viewer_html
from tests.browser.orgs import CLOSER, HOSTILE, hostile_org
from tests.browser.pages import open_page, screenshot, unit

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.html"
    path.write_text(viewer_html(hostile_org()), encoding="utf-8")
    return path


def test_hostile_names_show_as_text(page, hostile, tmp_path):
    open_page(page, hostile)
    assert page.title() == f"Hostile {HOSTILE}"
    assert page.locator("h1").inner_text() == f"Hostile {HOSTILE}"
    # Names wrap as the print layout wrapped them.
    assert unit(page, "root").locator(".r.name").inner_text().replace("\n", " ") == HOSTILE
    assert unit(page, "a").locator(".r.name").inner_text().replace("\n", " ") == CLOSER
    assert unit(page, "root").get_attribute("aria-label") == HOSTILE
    assert page.evaluate("document.querySelectorAll('img, svg image, iframe').length") == 0
    assert page.evaluate("document.scripts.length") == 2  # the data and the viewer only
    unit(page, "a").click()
    panel = page.get_by_role("region", name="Unit details")
    assert "<script>alert(3)</script>" in panel.inner_text()
    assert panel.locator("script, b, i").count() == 0
    unit(page, "b").click()
    text = panel.inner_text()
    assert "acting" in text and "</script><b>note</b>" in text
    unit(page, "root").click()
    assert "<b>1</b>" in panel.inner_text()
    hits = page.evaluate("window.orgraphViewer.search('<img')")
    assert hits == ["root"]
    screenshot(page, tmp_path, "hostile", keep=False)
    assert not page.errors  # no alert() dialog, no script error


def test_no_network_request(page, dam_ha_file):
    path = dam_ha_file
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route("http*://**/*", lambda route: route.abort())
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text))
    open_page(page, path)
    page.locator('input[type="search"]').fill("dam ha")
    page.locator('input[type="search"]').press("Enter")
    unit(page, "ubkt").click()
    page.locator('input[type="range"]').focus()
    page.keyboard.press("Home")
    with page.expect_download():
        page.get_by_role("button", name="Export the current view as PNG").click()
    page.wait_for_timeout(100)
    remote = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
    assert remote == []
    assert requests[0] == path.as_uri()
    # The policy itself: script cannot fetch, and images only come from data: and blob:.
    blocked = page.evaluate("fetch('https://example.org/x').then(() => 'fetched', () => 'blocked')")
    assert blocked == "blocked"
    refused = page.evaluate(
        """() => new Promise(done => {
            document.addEventListener('securitypolicyviolation',
                e => done(e.effectiveDirective + ' ' + e.blockedURI), {once: true});
            new Image().src = 'https://example.org/pixel.png';
        })"""
    )
    assert refused == "img-src https://example.org/pixel.png"
    assert any("Content Security Policy" in v for v in violations)


def test_jupyter_frame_runs_the_viewer_sandboxed(page):
    from orgraph.render.html import repr_html

    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_content(repr_html(hostile_org()))
    frame = page.frame_locator("iframe")
    frame.locator("body[data-ready]").wait_for(timeout=20_000)
    frame.locator('[data-unit-id="b"]').click()
    panel = frame.get_by_role("region", name="Unit details")
    assert "acting" in panel.inner_text()
    assert page.locator("div strong").inner_text() == f"Hostile {HOSTILE}"
    assert not errors
