"""Running Graphviz ``dot`` on a chart, with a hard timeout and simpler retries."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from orgraph.errors import GraphvizNotFoundError, RenderError
from orgraph.render._layout import Chart, layout
from orgraph.render._lists import lists_page
from orgraph.render.dot import _warn, render_chart
from orgraph.render.mermaid import mermaid_source
from orgraph.render.options import ChartOptions, format_of, settings

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["DEFAULT_TIMEOUT", "render", "render_bytes", "repr_svg", "run_dot"]

DEFAULT_TIMEOUT = 60.0
"""Seconds ``dot`` may run before the render fails."""

# Cairo renderers: "png:gd" mangles decomposed diacritics and "ps" cannot do Vietnamese.
_DOT_FORMATS = {"svg": "svg", "png": "png:cairo", "pdf": "pdf:cairo"}

INSTALL_HINT = (
    "Graphviz 'dot' was not found on PATH: install Graphviz "
    "(apt-get install graphviz, brew install graphviz) or write .dot or .mmd instead"
)


def _dot_binary(name: str = "dot") -> str:
    binary = shutil.which(name)
    if binary is None:
        raise GraphvizNotFoundError(INSTALL_HINT)
    return binary


class _Crash(Exception):
    """``dot`` was killed by a signal (an assertion): worth a simpler retry."""


class _Timeout(RenderError):
    """``dot`` ran out of time: a simpler layout may still finish."""


def _run(binary: str, source: str, format: str, timeout: float, *, pinned: bool = False) -> bytes:
    try:
        done = subprocess.run(
            [binary, *(["-n2"] if pinned else []), f"-T{_DOT_FORMATS[format]}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _Timeout(
            f"Graphviz dot did not finish within {timeout:g} s: draw less of the chart "
            "(root, depth or collapse)"
        ) from None
    except OSError as exc:
        raise RenderError(f"cannot run Graphviz dot: {exc.strerror or exc}") from None
    stderr = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode < 0:
        raise _Crash(f"Graphviz dot crashed (signal {-done.returncode})")
    if done.returncode != 0 or not done.stdout:
        first = stderr.splitlines()[0] if stderr else f"exit code {done.returncode}"
        raise RenderError(f"Graphviz dot failed: {first}")
    return done.stdout


def run_dot(
    source: str, format: str, *, timeout: float = DEFAULT_TIMEOUT, pinned: bool = False
) -> bytes:
    """Run ``dot`` on DOT ``source`` and return the ``svg``, ``png`` or ``pdf`` bytes.

    ``pinned``: the source carries every position (as orgraph's charts do): run
    ``neato -n2``, which only draws.

    Raises
    ------
    GraphvizNotFoundError
        No ``dot`` on PATH.
    RenderError
        ``dot`` failed, crashed or ran longer than ``timeout`` seconds.

    Examples
    --------
    >>> run_dot("digraph { a -> b }", "svg")[:5]  # doctest: +SKIP
    b'<?xml'
    """
    if format not in _DOT_FORMATS:
        raise ValueError(f"dot renders svg, png or pdf, not {format!r}")
    try:
        binary = _dot_binary("neato") if pinned else _dot_binary()
        return _run(binary, source, format, timeout, pinned=pinned)
    except _Crash as exc:
        raise RenderError(str(exc)) from None


def _render_chart(chart: Chart, format: str, timeout: float, *, lists: str | None = None) -> bytes:
    if format == "dot":
        return str(render_chart(chart, lists=lists).source).encode("utf-8")
    if format == "mmd":
        return mermaid_source(chart).encode("utf-8")
    _dot_binary()  # the helpful message when Graphviz is missing altogether
    binary = _dot_binary("neato")
    source = render_chart(chart, lists=lists).source
    try:
        # Every position is pinned: neato -n2 only draws, so nothing is left to simplify.
        return _run(binary, source, format, timeout, pinned=True)
    except _Crash as exc:
        raise RenderError(str(exc)) from None
    except _Timeout:
        raise RenderError(
            f"Graphviz did not finish within {timeout:g} s: draw less of the chart "
            "(root, depth or collapse)"
        ) from None


def render_bytes(
    org: Org,
    format: str,
    *,
    before: Org | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    **options: Unpack[ChartOptions],
) -> bytes:
    """The chart of ``org`` as bytes in ``format`` (``svg``, ``png``, ``pdf``, ``dot``, ``mmd``).

    ``before`` given: the before/after chart of ``before`` → ``org``. SVG, PNG and PDF
    run the Graphviz ``dot`` binary (killed after ``timeout`` seconds; retried with
    simpler settings if it crashes); DOT and Mermaid need no binary.

    Raises
    ------
    GraphvizNotFoundError
        SVG, PNG or PDF asked and no ``dot`` on PATH.
    RenderError
        ``dot`` failed or timed out.

    Examples
    --------
    >>> from orgraph import Org, Unit
    >>> org = Org.create(name="Demo", units=[Unit(id="d", name="D", kind="x", level="x")])
    >>> render_bytes(org, "mmd").decode().splitlines()[3]
    'flowchart TD'
    """
    kind = format_of("", format)
    chart = layout(org, settings(options), before=before, warn=_warn)
    return _render_chart(chart, kind, timeout)


def render(
    org: Org,
    path: str | Path,
    *,
    format: str | None = None,
    before: Org | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    **options: Unpack[ChartOptions],
) -> Path:
    """Write the chart of ``org`` to ``path``; the format comes from the suffix or ``format``.

    Options as for :func:`~orgraph.render.chart`; ``before`` as for :func:`render_bytes`.
    The file is written only once the chart is complete. When list boxes fold units into
    "+N more" (``max_list``), the full lists go to ``<name>.lists.html`` beside it, and in
    SVG and PDF each "+N more" item links there.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from orgraph import Org, Unit
    >>> org = Org.create(name="Demo", units=[Unit(id="d", name="D", kind="x", level="x")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     render(org, pathlib.Path(tmp) / "demo.dot").read_text().startswith("digraph")
    True
    """
    from orgraph.io._files import atomic_write

    path = Path(path)
    kind = format_of(str(path), format)
    chart = layout(org, settings(options), before=before, warn=_warn)
    lists = None
    if kind in ("svg", "pdf", "dot") and any(e.folded for b in chart.boxes for e in b.entries):
        # Lists folded into "+N more": written in full beside the chart, and linked.
        page = path.with_name(f"{path.stem}.lists.html")
        atomic_write(page, lists_page(chart).encode("utf-8"))
        lists = page.name
    data = _render_chart(chart, kind, timeout, lists=lists)
    atomic_write(path, data)
    return path


def repr_svg(org: Org) -> str | None:
    """SVG for Jupyter's ``_repr_svg_``: a chart of at most three levels; None without dot."""
    if shutil.which("dot") is None:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        depth = None if len(org.units()) <= 60 else 2
        try:
            return render_bytes(org, "svg", depth=depth, timeout=20).decode("utf-8")
        except RenderError:
            return None
