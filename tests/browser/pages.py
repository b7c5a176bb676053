"""Writing viewer files for the browser tests, opening them, and keeping screenshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from tests.browser.orgs import EXAMPLES

#: Set to 1 to copy each fixture's screenshot into examples/viewer/ (then look at them).
UPDATE = os.environ.get("ORGRAPH_SCREENSHOTS") == "1"
SHOTS = EXAMPLES / "viewer"
PNG = b"\x89PNG\r\n\x1a\n"


def open_page(page: Any, path: Path, fragment: str = "") -> Any:
    """Open a viewer file, wait until it has drawn, and fail on any script error."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.goto(path.as_uri() + fragment)
    page.wait_for_selector("body[data-ready]", timeout=20_000)
    page.errors = errors
    return page


def screenshot(page: Any, tmp: Path, name: str, *, keep: bool = True) -> Path:
    """A PNG of the page; copied into examples/viewer/ when ORGRAPH_SCREENSHOTS=1 and ``keep``."""
    out = tmp / f"{name}.png"
    page.screenshot(path=str(out))
    assert out.read_bytes()[:8] == PNG
    if UPDATE and keep:
        SHOTS.mkdir(exist_ok=True)
        shutil.copyfile(out, SHOTS / out.name)
    return out


def state(page: Any) -> dict[str, Any]:
    return page.evaluate("window.orgraphViewer.state()")  # type: ignore[no-any-return]


def unit(page: Any, ident: str) -> Any:
    """The element drawn for a unit (a box, or an item of a list box)."""
    return page.locator(f'[data-unit-id="{ident}"]')
