"""Making untrusted text (unit names, titles, notes) safe for DOT, HTML-like labels and Mermaid.

Every string that reaches a chart goes through :func:`clean` first: NFC, no control
characters except the newline, no surrogates or non-characters. Then exactly one of the
output-specific escapes is applied, so nothing in a name can change the syntax around it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import cast

import graphviz

__all__ = [
    "clean",
    "html_text",
    "mermaid_text",
    "one_line",
    "plain_text",
    "shorten",
    "tooltip_text",
]

# C0 controls except "\n", DEL, C1 controls, surrogates, U+FFFE and U+FFFF.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """NFC-normalise ``text`` and drop control characters other than ``"\\n"``.

    Examples
    --------
    >>> clean("A\\x00B\\r\\nC")
    'AB\\nC'
    """
    return _UNSAFE.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n")))


def one_line(text: str) -> str:
    """:func:`clean` text with line breaks turned into spaces (for tooltips and ids)."""
    return clean(text).replace("\n", " ")


def html_text(text: str) -> str:
    """Text for an HTML-like Graphviz label: escaped, with line breaks as ``<BR/>``.

    Examples
    --------
    Graphviz expands ``\\N``-style sequences even in HTML-like labels, so a backslash
    is doubled.

    >>> html_text('<b> & "x"\\ny')
    '&lt;b&gt; &amp; &quot;x&quot;<BR/>y'
    """
    escaped = html.escape(clean(text), quote=True).replace("\\", "\\\\")
    return escaped.replace("\n", "<BR/>")


def plain_text(text: str) -> str:
    """Text for a plain (non-HTML) DOT label, on one line.

    ``graphviz.escape`` doubles backslashes (so ``\\N`` or ``\\l`` are not expanded) and
    marks the string as not HTML even when it looks like ``<...>``.
    """
    # Keep the returned str subclass: it is what tells graphviz "not HTML".
    return cast(str, graphviz.escape(one_line(text)))


#: Longest tooltip: Graphviz refuses quoted strings of 16,384 characters or more, and
#: escaping may double each character.
TOOLTIP_MAX = 4000


def shorten(text: str, limit: int = TOOLTIP_MAX) -> str:
    """``text`` cut at a ``"; "`` boundary to at most ``limit`` characters, with a count.

    Examples
    --------
    >>> shorten("a; b; c; d; e; f", 12)
    'a; b; c … (3 more)'
    """
    if len(text) <= limit:
        return text
    parts = text.split("; ")
    kept: list[str] = []
    used = 0
    reserve = min(20, limit // 4)  # room for the count
    for part in parts:
        if used + len(part) + 2 > limit - reserve:
            break
        kept.append(part)
        used += len(part) + 2
    if not kept:
        return text[: limit - 1] + "…"
    return "; ".join(kept) + f" … ({len(parts) - len(kept)} more)"


def tooltip_text(text: str) -> str:
    """Text for a DOT ``tooltip``: Graphviz unescapes tooltips twice, so escape twice.

    Long text is cut (:func:`shorten`) so no quoted string reaches Graphviz's limit.
    """
    return cast(str, graphviz.escape(shorten(one_line(text)).replace("\\", "\\\\")))


# Characters that may stand as they are inside a quoted Mermaid label; every other ASCII
# character, and any non-ASCII space, separator or format character, becomes "#<code>;".
_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 \-_.,()/]")


def _mermaid_char(char: str) -> str:
    if char == "\n":
        return "<br>"
    if ord(char) < 128:
        return char if _MERMAID_SAFE.match(char) else f"#{ord(char)};"
    if unicodedata.category(char)[0] in "ZC":
        return f"#{ord(char)};"
    return char


def mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label (``id["..."]``), using Mermaid entity codes.

    Examples
    --------
    >>> mermaid_text('A "B" #1 <i>')
    'A #34;B#34; #35;1 #60;i#62;'
    """
    return "".join(_mermaid_char(c) for c in clean(text))
