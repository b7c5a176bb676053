"""The browser fixture itself: chromium starts headless and renders Vietnamese."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_chromium_renders_vietnamese(page):
    page.set_content("<p id='t'>Ủy ban nhân dân huyện Đầm Hà</p>")
    assert page.inner_text("#t") == "Ủy ban nhân dân huyện Đầm Hà"
    assert page.evaluate("navigator.userAgent").find("HeadlessChrome") >= 0
