"""The report's PDF tests need chromium (which prints the HTML) and pdftotext (which
reads the text back): skipped locally without them, failed under CI."""

from __future__ import annotations

import pytest

from tests.helpers import need_tool


@pytest.fixture
def pdf_tools() -> None:
    need_tool("chromium")
    need_tool("pdftotext")
