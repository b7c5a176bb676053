"""Text widths from the real font files (Noto Sans and DejaVu Sans), no extra dependency.

Graphviz draws chart text with ``Noto Sans,DejaVu Sans,sans-serif`` (first installed
wins; a browser showing the SVG may pick the other). A box must hold its text in either,
so :func:`text_width` is the wider of the two fonts' advance sums. The advances are read
straight from the TrueType ``cmap``/``hmtx`` tables with :mod:`struct`; when neither font
file is found, a calibrated per-character estimate (DejaVu's averages) stands in.
"""

from __future__ import annotations

import functools
import os
import struct
from pathlib import Path

__all__ = ["LINE_HEIGHT", "font_files", "text_width"]

#: Line height as a multiple of the font size (pango's for Noto/DejaVu is 1.16-1.36).
LINE_HEIGHT = 1.2

_NAMES = {
    False: ("NotoSans-Regular.ttf", "DejaVuSans.ttf"),
    True: ("NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
}
_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    str(Path.home() / ".fonts"),
    str(Path.home() / ".local/share/fonts"),
)
# Fallback advances (em) when no font file is found: DejaVu Sans averages, slightly high.
_FALLBACK = {False: 0.64, True: 0.72}
_NARROW = frozenset("ijlI.,:;'|!()[] ")


@functools.cache
def font_files(bold: bool) -> tuple[Path, ...]:
    """The installed font files measured for regular (or bold) text, Noto first."""
    wanted = set(_NAMES[bold])
    found: dict[str, Path] = {}
    for top in _DIRS:
        if not os.path.isdir(top):
            continue
        for folder, _, files in os.walk(top):
            for name in wanted.intersection(files):
                found.setdefault(name, Path(folder) / name)
    return tuple(found[n] for n in _NAMES[bold] if n in found)


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
        tables[tag] = (offset, length)
    return tables


def _cmap(data: bytes, offset: int) -> dict[int, int]:
    """Code point -> glyph from the best Unicode subtable (format 12, else format 4)."""
    count = struct.unpack_from(">H", data, offset + 2)[0]
    best: tuple[int, int] | None = None
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHL", data, offset + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, offset + sub)[0]
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and fmt == 12:
            best = (12, offset + sub)
        elif (platform, encoding) in ((3, 1), (0, 3)) and fmt == 4 and best is None:
            best = (4, offset + sub)
    glyphs: dict[int, int] = {}
    if best is None:
        return glyphs
    fmt, at = best
    if fmt == 12:
        groups = struct.unpack_from(">L", data, at + 12)[0]
        for g in range(groups):
            start, end, glyph = struct.unpack_from(">LLL", data, at + 16 + 12 * g)
            for code in range(start, end + 1):
                glyphs[code] = glyph + code - start
        return glyphs
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    ranges_at = at + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    for s in range(segments):
        for code in range(starts[s], ends[s] + 1):
            if code == 0xFFFF:
                continue
            if ranges[s] == 0:
                glyph = (code + deltas[s]) & 0xFFFF
            else:
                spot = ranges_at + 2 * s + ranges[s] + 2 * (code - starts[s])
                glyph = struct.unpack_from(">H", data, spot)[0]
                glyph = (glyph + deltas[s]) & 0xFFFF if glyph else 0
            if glyph:
                glyphs[code] = glyph
    return glyphs


@functools.cache
def _advances(path: Path) -> dict[int, float]:
    """Code point -> advance width in em for one font file."""
    data = path.read_bytes()
    tables = _tables(data)
    units = struct.unpack_from(">H", data, tables[b"head"][0] + 18)[0]
    metrics = struct.unpack_from(">H", data, tables[b"hhea"][0] + 34)[0]
    hmtx = tables[b"hmtx"][0]
    widths = [struct.unpack_from(">H", data, hmtx + 4 * g)[0] for g in range(metrics)]
    return {
        code: widths[min(glyph, metrics - 1)] / units
        for code, glyph in _cmap(data, tables[b"cmap"][0]).items()
    }


def _fallback(text: str, bold: bool) -> float:
    base = _FALLBACK[bold]
    return sum(base * (0.45 if c in _NARROW else 1.0) for c in text)


@functools.lru_cache(maxsize=65536)
def _em(text: str, bold: bool) -> float:
    files = font_files(bold)
    if not files:
        return _fallback(text, bold)
    best = 0.0
    for path in files:
        table = _advances(path)
        default = table.get(ord("n"), 0.6)
        best = max(best, sum(table.get(ord(c), default) for c in text))
    return best


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width in points of one line of ``text`` at ``size`` points (the wider font's).

    Examples
    --------
    >>> text_width("", 10)
    0.0
    >>> 40 < text_width("Phòng Giáo dục", 10) < 90
    True
    """
    return _em(text, bold) * size
