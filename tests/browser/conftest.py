"""One headless Debian ``chromium`` per test session, driven by Playwright.

Playwright's own browser download cannot run here, so the browser is the system one
(``make install`` puts it there with apt) passed by ``executable_path``. Without it the
browser tests skip locally, and fail under CI, where a skip would hide a missing install.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import need_module, need_tool

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless chromium shared by every browser test of the session."""
    executable = need_tool("chromium")
    sync_playwright = need_module("playwright.sync_api").sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def dam_ha_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Đầm Hà viewer with its 2020 scenario and timeline, written once per session."""
    from orgraph.render.html import viewer_html
    from tests.browser.orgs import dam_ha

    before, after = dam_ha()
    path = tmp_path_factory.mktemp("dam_ha") / "chart.html"
    path.write_text(viewer_html(after, before=before, history=True), encoding="utf-8")
    return path


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (own context: no shared storage) of the shared browser."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    yield tab
    context.close()
