"""MkDocs hooks for the orgraph site.

Two things in the docs are generated at build time so that they cannot drift:

* ``<!-- orgraph:cli-reference -->`` is replaced by the reference of every command of
  ``orgraph.cli.app`` (arguments, options, defaults and help), read from the typer app.
* ``<!-- orgraph:example-readme -->`` is replaced by ``examples/dam_ha/README.md`` when
  it exists, and ``<!-- orgraph:example-charts -->`` by the charts stored under
  ``examples/dam_ha/``, which are published on the site under the same path.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "dam_ha"
CLI_MARKER = "<!-- orgraph:cli-reference -->"
README_MARKER = "<!-- orgraph:example-readme -->"
CHARTS_MARKER = "<!-- orgraph:example-charts -->"
IMAGE_SUFFIXES = (".svg", ".png", ".pdf")


# ---------------------------------------------------------------------------- CLI reference
def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _param_rows(command: Any, ctx: Any) -> list[str]:
    # Typer may vendor its own click: rely on what both share, not on isinstance.
    rows = []
    for param in command.params:
        if getattr(param, "hidden", False):
            continue
        record = param.get_help_record(ctx) if hasattr(param, "get_help_record") else None
        names, help_text = record if record else (param.name, getattr(param, "help", "") or "")
        kind = param.param_type_name
        if kind == "argument":
            names = param.name.upper() + ("..." if param.nargs == -1 else "")
            if not param.required:
                kind += ", optional"
        rows.append(f"| `{_cell(names)}` | {kind} | {_cell(help_text)} |")
    return rows


def _usage(name: str, command: Any) -> str:
    words = [f"orgraph {name}"]
    if any(p.param_type_name == "option" for p in command.params):
        words.append("[OPTIONS]")
    for param in command.params:
        if param.param_type_name == "argument":
            word = param.name.upper() + ("..." if param.nargs == -1 else "")
            words.append(word if param.required else f"[{word}]")
    return " ".join(words)


def cli_reference() -> str:
    """Markdown for every command of the orgraph CLI, in registration order."""
    import typer

    from orgraph.cli import app

    group = typer.main.get_command(app)
    parts: list[str] = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        if command.hidden:
            continue
        ctx = command.context_class(command, info_name=f"orgraph {name}")
        parts.append(f"### `orgraph {name}` {{ #ref-{name} }}\n")
        parts.append(f"```text\n{_usage(name, command)}\n```\n")
        help_text = (command.help or "").strip()
        if help_text:
            parts.append(help_text + "\n")
        rows = _param_rows(command, ctx)
        if rows:
            parts.append("| parameter | kind | meaning |\n|---|---|---|")
            parts.extend(rows)
            parts.append("")
    return "\n".join(parts)


def cli_command_names() -> list[str]:
    """Names of the visible commands of ``orgraph.cli.app``."""
    import typer

    from orgraph.cli import app

    group = typer.main.get_command(app)
    return [n for n, c in group.commands.items() if not c.hidden]  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- example README
def example_images() -> list[Path]:
    """Charts and images under examples/dam_ha/ (any depth), sorted."""
    if not EXAMPLE.is_dir():
        return []
    return sorted(p for p in EXAMPLE.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES)


_LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)(\s+\"[^\"]*\")?\)")


def example_readme() -> str:
    """The example's README, headings shifted one level down and links made to work."""
    readme = EXAMPLE / "README.md"
    if not readme.is_file():
        return (
            "*The example's `README.md` is not written yet; "
            "see `examples/dam_ha/` in the repository.*\n"
        )
    published = {p.relative_to(EXAMPLE).as_posix() for p in example_images()}

    def link(match: re.Match[str]) -> str:
        bang, text, target, title = match.groups()
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):
            return match.group(0)
        clean = target.split("#")[0].removeprefix("./")
        if clean in published:
            return f"{bang}[{text}](examples/dam_ha/{clean}{title or ''})"
        # Any other file of the example lives in the repository, not on the site.
        return f"{text} (`examples/dam_ha/{clean}`)" if text else f"`examples/dam_ha/{clean}`"

    lines = []
    in_fence = False
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence:
            if line.startswith("#"):
                line = "#" + line
            line = _LINK.sub(link, line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def example_charts() -> str:
    """Markdown showing every SVG or PNG chart under examples/dam_ha/ (a note if none)."""
    shown = [p for p in example_images() if p.suffix.lower() in (".svg", ".png")]
    if not shown:
        return (
            "*No chart is stored with the example yet. `make demo` draws them into `out/demo/`.*\n"
        )
    parts = []
    for path in shown:
        uri = "examples/dam_ha/" + path.relative_to(EXAMPLE).as_posix()
        label = path.stem.replace("-", " ").replace("_", " ")
        parts.append(f"**{label}** ([open]({uri}))\n\n![{label}]({uri})\n")
    return "\n".join(parts)


# ---------------------------------------------------------------------------- MkDocs events
def on_files(files: Any, config: Any) -> Any:
    """Publish the example's charts under ``examples/dam_ha/`` on the site."""
    from mkdocs.structure.files import File

    for path in example_images():
        uri = "examples/dam_ha/" + path.relative_to(EXAMPLE).as_posix()
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


_ROLE = re.compile(
    r":(?:class|func|meth|data|attr|mod|exc|obj):\s*<code>(~?)([A-Za-z_][\w.]*)</code>"
)


def _role_to_ref(match: re.Match[str]) -> str:
    tilde, target = match.groups()
    identifier = target if target.startswith("orgraph") else f"orgraph.{target}"
    text = target.rsplit(".", 1)[-1] if tilde else target
    return f'<code><autoref identifier="{identifier}" optional>{text}</autoref></code>'


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Turn the Sphinx roles of the docstrings (``:class:`X```) into cross-references."""
    return _ROLE.sub(_role_to_ref, html)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Fill in the generated parts of a page."""
    if CLI_MARKER in markdown:
        markdown = markdown.replace(CLI_MARKER, cli_reference())
    if README_MARKER in markdown:
        markdown = markdown.replace(README_MARKER, example_readme())
    if CHARTS_MARKER in markdown:
        markdown = markdown.replace(CHARTS_MARKER, example_charts())
    return markdown
