"""The report as PDF: the HTML edition printed by headless Chromium.

Debian's ``chromium`` is the engine the HTML viewer's browser tests already use, so the
PDF needs no extra Python dependency and prints exactly what a browser shows: the same
fonts (fontconfig's Noto/DejaVu, full Vietnamese), the same inline SVG charts, the
print CSS's page sizes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from orgraph.errors import DependencyError, RenderError

__all__ = ["CHROMIUM_FLAGS", "chromium_binary", "html_to_pdf"]

CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-extensions",
    "--no-first-run",
    "--no-pdf-header-footer",
)
"""Flags for a headless print that reaches no network and needs no display."""

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def chromium_binary() -> str:
    """The Chromium executable: ``$ORGRAPH_CHROMIUM`` or the first one on PATH."""
    given = os.environ.get("ORGRAPH_CHROMIUM")
    if given:
        return given
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise DependencyError(
        "PDF reports need Chromium (headless): apt install chromium "
        "(or set ORGRAPH_CHROMIUM to its path); HTML, Markdown and XLSX reports do not"
    )


def html_to_pdf(html: str, *, timeout: float = 120.0) -> bytes:
    """Print ``html`` to PDF with headless Chromium and return the PDF's bytes."""
    binary = chromium_binary()
    with tempfile.TemporaryDirectory(prefix="orgraph-report-") as tmp:
        page = Path(tmp) / "report.html"
        out = Path(tmp) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            binary,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise RenderError(f"chromium did not finish printing within {timeout:g} s") from None
        except OSError as exc:
            raise DependencyError(f"cannot run {binary}: {exc.strerror or exc}") from None
        if not out.exists() or out.stat().st_size == 0:
            last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no output"])[
                -1
            ]
            raise RenderError(
                f"chromium could not print the report (exit {done.returncode}): {last}"
            )
        return out.read_bytes()
