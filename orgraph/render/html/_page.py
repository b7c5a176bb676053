"""One self-contained HTML page: inline data, script and style; a CSP forbids the network."""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

__all__ = ["SCRIPT_PARTS", "page", "script_json"]

_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_TABLE = str.maketrans(_ESCAPES)


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    Every ``<``, ``>`` and ``&`` is written as a ``\\u`` escape, so neither ``</script>``
    nor ``<!--`` can appear in the element's text.

    Examples
    --------
    >>> script_json({"name": "</script><!--"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    return json.dumps(data, ensure_ascii=False).translate(_TABLE)


#: The script's parts, in the order they run; one closure holds them all.
SCRIPT_PARTS = (
    "base",
    "layout",
    "draw",
    "interact",
    "search",
    "panel",
    "views",
    "export",
    "start",
)

_HEAD = (
    "/* orgraph viewer: hand-written, no dependencies. Every name and attribute is data:\n"
    "   text goes in with textContent, never as HTML. */\n"
)


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    here = files("orgraph.render.html")
    parts = [here.joinpath("js", f"{name}.js").read_text(encoding="utf-8") for name in SCRIPT_PARTS]
    script = _HEAD + '(function () {\n"use strict";\n' + "\n".join(parts) + "})();\n"
    return script, here.joinpath("viewer.css").read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def page(data: dict[str, Any], *, title: str, lang: str = "en") -> str:
    """The viewer page for ``data`` (the payload), titled ``title``, in ``lang``."""
    script, style = _assets()
    # The script and the style run by hash: no other inline code or style sheet can, and
    # default-src 'none' leaves no way to fetch anything (images only from data:/blob:,
    # which the PNG export draws).
    policy = (
        "default-src 'none'; "
        f"script-src '{_sha256(script)}'; "
        f"style-src '{_sha256(style)}'; "
        "img-src data: blob:; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="orgraph">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{style}</style>\n</head>\n<body>\n"
        '<script type="application/json" id="orgraph-data">'
        f"{script_json(data)}</script>\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
