"""Mermaid output rendered for real by mermaid-cli (npm) in Debian's chromium.

``make install`` puts mmdc under ``.tools/mermaid`` (no browser download: puppeteer is
pointed at /usr/bin/chromium by ``puppeteer.json``). The test is skipped, saying why,
only when mmdc or chromium is absent.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

import orgraph
from orgraph.render import to_mermaid
from tests.render.orgs import one_unit_org, small_chart_org

ROOT = Path(__file__).parents[2]
CONFIG = Path(__file__).with_name("puppeteer.json")


def _mmdc() -> str | None:
    local = ROOT / ".tools" / "mermaid" / "node_modules" / ".bin" / "mmdc"
    return os.environ.get("ORGRAPH_MMDC") or (
        str(local) if local.exists() else shutil.which("mmdc")
    )


def _chromium() -> str | None:
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )


pytestmark = [
    pytest.mark.skipif(_mmdc() is None, reason="needs mermaid-cli: make mermaid-cli (npm)"),
    pytest.mark.skipif(_chromium() is None, reason="needs chromium: apt-get install chromium"),
]


def _render(source: str, tmp_path: Path) -> str:
    config = tmp_path / "puppeteer.json"
    settings = json.loads(CONFIG.read_text())
    settings["executablePath"] = _chromium()
    config.write_text(json.dumps(settings))
    (tmp_path / "chart.mmd").write_text(source, encoding="utf-8")
    done = subprocess.run(
        [_mmdc(), "-p", str(config), "-i", "chart.mmd", "-o", "chart.svg", "-q"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return (tmp_path / "chart.svg").read_text(encoding="utf-8")


def test_mermaid_renders_and_keeps_the_names(tmp_path: Path) -> None:
    org = small_chart_org()
    svg = _render(to_mermaid(org, people=True, blocs=True), tmp_path)
    for unit in org.units():
        assert unit.name.replace("'", "&#39;") in svg or unit.name in svg


def test_mermaid_of_the_example_and_a_diff_renders(tmp_path: Path) -> None:
    base = orgraph.load(ROOT / "examples" / "dam_ha" / "org.yaml")
    after = orgraph.apply(
        base,
        [{"op": "rename", "unit": base.children(base.units()[0].id)[0].id, "name": "Renamed body"}],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        svg = _render(to_mermaid(base, collapse="village"), tmp_path)
        diff = _render(to_mermaid(after, before=base, collapse="village"), tmp_path)
    assert "Huyện ủy Đầm Hà" in svg
    assert "Renamed body" in diff and "RENAMED" in diff


def test_hostile_names_do_not_break_mermaid(tmp_path: Path) -> None:
    name = 'A "B" #1 <i>x</i> ]]> end; subgraph %% `t` |p|'
    svg = _render(to_mermaid(one_unit_org(name, title=name, person=name), people=True), tmp_path)
    assert "subgraph" in svg and "<i>x</i>" not in svg
