"""The documentation site builds with ``mkdocs build --strict`` and covers the whole surface."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

pytest.importorskip("mkdocs")
pytest.importorskip("mkdocstrings")
pytest.importorskip("material")

ROOT = Path(__file__).resolve().parents[1]


def _text(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    output = f"{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{output}"
    return out


def test_site_has_every_page(site: Path) -> None:
    for page in sorted((ROOT / "docs").glob("*.md")):
        built = site / ("index.html" if page.stem == "index" else f"{page.stem}/index.html")
        assert built.is_file(), f"{page.name} was not built"


def test_every_operation_is_documented(site: Path) -> None:
    from orgraph.ops import Operation

    names = [cls.model_fields["op"].default for cls in get_args(get_args(Operation)[0])]
    operations = _text(site / "operations" / "index.html")
    everything = " ".join(_text(p) for p in site.rglob("*.html"))
    for name in names:
        assert name in operations, f"operation {name!r} is missing from operations page"
        assert name in everything


def test_every_cli_command_and_option_is_documented(site: Path) -> None:
    import typer

    from orgraph.cli import app

    group = typer.main.get_command(app)
    cli = _text(site / "cli" / "index.html")
    for name, command in group.commands.items():
        if command.hidden:
            continue
        assert f"orgraph {name}" in cli, f"command {name!r} is missing from the CLI page"
        for param in command.params:
            if param.param_type_name == "option":
                for opt in param.opts:
                    assert opt in cli, f"option {opt} of {name!r} is missing from the CLI page"


def test_api_reference_lists_the_public_surface(site: Path) -> None:
    """Every name in ``orgraph.__all__`` has its own entry (an anchor) on the API page."""
    import orgraph

    page = (site / "api" / "index.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="([^"]+)"', page))
    missing = [
        name
        for name in orgraph.__all__
        if not name.startswith("_")
        and not any(a == f"orgraph.{name}" or a.endswith(f".{name}") for a in anchors)
    ]
    assert not missing, f"the API page has no entry for {missing}"


def _hooks(monkeypatch: pytest.MonkeyPatch, example: Path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "orgraph_docs_hooks", ROOT / "docs" / "_hooks" / "orgraph_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "EXAMPLE", example)
    return module


def test_example_readme_links_are_rewritten(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "before.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "README.md").write_text(
        "# Đầm Hà\n\nSee [the baseline](org.yaml), [notes](./NOTES.md#ids) and "
        "[the site](https://example.org).\n\n![before](charts/before.svg)\n\n"
        "```yaml\n# not a heading\n```\n",
        encoding="utf-8",
    )
    hooks = _hooks(monkeypatch, tmp_path)
    text = hooks.example_readme()
    assert text.startswith("## Đầm Hà")
    assert "the baseline (`examples/dam_ha/org.yaml`)" in text
    assert "notes (`examples/dam_ha/NOTES.md`)" in text
    assert "[the site](https://example.org)" in text
    assert "![before](examples/dam_ha/charts/before.svg)" in text
    assert "# not a heading" in text and "## not a heading" not in text
    assert "examples/dam_ha/charts/before.svg" in hooks.example_charts()


def test_no_example_readme_or_charts_yet(tmp_path: Path, monkeypatch) -> None:
    hooks = _hooks(monkeypatch, tmp_path / "missing")
    assert "not written yet" in hooks.example_readme()
    assert "make demo" in hooks.example_charts()
