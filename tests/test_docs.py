"""The documentation's examples run as tests, so the docs cannot drift from the code.

Every Markdown page under ``docs/`` (and ``README.md``, and the Đầm Hà example's README
that the site includes) is scanned for fenced code blocks:

``python``
    All blocks of a page run in order in one namespace, in a scratch folder where
    ``examples/`` points at the repository's, so ``orgraph.load("examples/dam_ha/org.yaml")``
    works and files the examples write go nowhere.
``yaml`` whose first line is ``# orgraph: KIND [apply=TARGET]``
    Validated as KIND: ``structure`` (a whole structure file, also checked for broken
    invariants), ``scenario`` (a scenario file) or ``operation`` (one operation, or a list
    of them). With ``apply=PATH`` (a structure file in the repository) or ``apply=page``
    (the page's last ``structure`` block), the operations are also applied to it and
    must succeed.
``console``
    Each ``$ orgraph ...`` line runs through typer's ``CliRunner`` and must exit 0.
    Commands naming an input file that does not exist in the repository are skipped, and
    so are charts in SVG, PNG or PDF when Graphviz is not installed.

Blocks titled with a file name (an info string such as ``yaml title="plan.yaml"``) are
written to the scratch folder first, as a reader would save them.

Blocks in other languages (``text``, ``bash``) are shown, not run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

import orgraph
from orgraph.io.document import OrgDocument, from_document
from orgraph.ops import Operation, parse_operation
from orgraph.scenario import Scenario

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _pages() -> list[Path]:
    pages = sorted(DOCS.glob("*.md"))
    for extra in (ROOT / "README.md", ROOT / "examples" / "dam_ha" / "README.md"):
        if extra.is_file():
            pages.append(extra)
    return pages


PAGES = _pages()


def _page_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@dataclass
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    lang: str
    code: str
    title: str | None = None

    @property
    def where(self) -> str:
        return f"{_page_id(self.page)}:{self.line}"


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


def code_blocks(path: Path) -> list[Block]:
    """Fenced code blocks of a Markdown file, with their language and first line."""
    blocks = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence, info = match["indent"], match["fence"], match["info"].strip()
        lang = info.split()[0].lstrip("{").lstrip(".").rstrip("}") if info else ""
        body = []
        j = i + 1
        while j < len(lines):
            closing = lines[j].strip()
            if closing.startswith(fence[0] * len(fence)) and not closing.strip(fence[0]):
                break
            body.append(lines[j][len(indent) :] if lines[j].startswith(indent) else lines[j])
            j += 1
        title = re.search(r'title="([^"]+)"', info)
        code = textwrap.dedent("\n".join(body))
        blocks.append(Block(path, i + 1, lang.lower(), code, title[1] if title else None))
        i = j + 1
    return blocks


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder where ``examples/`` is the repository's and ``out/`` exists."""
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_titled_files(page: Path, folder: Path) -> None:
    """Write the page's blocks titled with a file name (``title="plan.yaml"``) to ``folder``.

    Readers are told to save these blocks under that name; later commands use them.
    """
    for block in code_blocks(page):
        if block.title and re.fullmatch(r"[\w.-]+\.(ya?ml|json)", block.title):
            (folder / block.title).write_text(block.code + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------- python
PYTHON_PAGES = [p for p in PAGES if any(b.lang in ("python", "py") for b in code_blocks(p))]


@pytest.mark.parametrize("page", PYTHON_PAGES, ids=_page_id)
def test_python_examples_run(page: Path, scratch: Path) -> None:
    write_titled_files(page, scratch)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for block in code_blocks(page):
        if block.lang not in ("python", "py"):
            continue
        code = compile(block.code, block.where, "exec")
        try:
            exec(code, namespace)
        except Exception as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{block.where}: the example raised {type(exc).__name__}: {exc}")


# ---------------------------------------------------------------------------- yaml
_MARK = re.compile(r"^#\s*orgraph:\s*(?P<kind>structure|scenario|operation)\b(?P<rest>.*)$")


def _marked(block: Block) -> re.Match[str] | None:
    if block.lang not in ("yaml", "yml"):
        return None
    first = block.code.lstrip().splitlines()[0] if block.code.strip() else ""
    return _MARK.match(first.strip())


YAML_BLOCKS = [b for p in PAGES for b in code_blocks(p) if _marked(b)]


def _structure(data: Any, where: str) -> orgraph.Org:
    document = OrgDocument.model_validate(data)
    org, problems = from_document(document)
    assert not problems, f"{where}: the structure breaks invariants: {problems}"
    return org


def _target(block: Block, spec: str) -> orgraph.Org:
    if spec == "page":
        earlier = [
            b
            for b in code_blocks(block.page)
            if b.line < block.line and (m := _marked(b)) and m["kind"] == "structure"
        ]
        assert earlier, f"{block.where}: apply=page but no structure block above it"
        return _structure(yaml.safe_load(earlier[-1].code), earlier[-1].where)
    return orgraph.load(ROOT / spec)


@pytest.mark.parametrize("block", YAML_BLOCKS, ids=lambda b: b.where)
def test_yaml_examples_are_valid(block: Block) -> None:
    mark = _marked(block)
    assert mark is not None
    options = dict(item.split("=", 1) for item in mark["rest"].split() if "=" in item)
    data = yaml.safe_load(block.code)
    kind = mark["kind"]
    operations: list[Any] = []
    effective: date | None = None
    if kind == "structure":
        _structure(data, block.where)
    elif kind == "scenario":
        scenario = Scenario.model_validate(data)
        operations, effective = list(scenario.operations), scenario.effective
    else:
        items = data if isinstance(data, list) else [data]
        operations = [parse_operation(item) for item in items]
    if "apply" in options:
        assert operations, f"{block.where}: nothing to apply"
        before = _target(block, options["apply"])
        after = orgraph.apply(before, operations, effective=effective)
        assert after.check() == [], f"{block.where}: the result breaks invariants"
        assert len(after.history) == len(before.history) + len(operations)


# ---------------------------------------------------------------------------- console
def _commands(block: Block) -> list[str]:
    found = []
    for line in block.code.splitlines():
        line = line.strip()
        if line.startswith("$ orgraph "):
            command = line[2:]
            for stop in (" | ", " > ", " >> ", " 2>"):
                command = command.split(stop)[0]
            found.append(command.strip())
    return found


def _runnable(command: str) -> bool:
    """False when the command names an input file that the repository does not have,
    or draws SVG, PNG or PDF without Graphviz installed."""
    words = shlex.split(command)[1:]
    drawn = re.search(r"\s-(o|-output)\s+\S+\.(svg|png|pdf)\b", command)
    if words and words[0] == "render" and drawn and shutil.which("dot") is None:
        return False
    outputs = set()
    for flag in ("-o", "--output"):
        for k, word in enumerate(words[:-1]):
            if word == flag:
                outputs.add(words[k + 1])
    for word in words:
        if word in outputs or word.startswith("-"):
            continue
        # Files written by an earlier command of the same page (in cwd) are fine.
        is_file = re.search(r"\.(ya?ml|json)$", word)
        if is_file and not (ROOT / word).exists() and not Path(word).exists():
            return False
    return True


CONSOLE_PAGES = [
    p for p in PAGES if any(_commands(b) for b in code_blocks(p) if b.lang == "console")
]


@pytest.mark.parametrize("page", CONSOLE_PAGES, ids=_page_id)
def test_console_examples_exit_0(page: Path, scratch: Path) -> None:
    from typer.testing import CliRunner

    from orgraph.cli import app

    write_titled_files(page, scratch)
    runner = CliRunner()
    ran = 0
    for block in code_blocks(page):
        if block.lang != "console":
            continue
        for command in _commands(block):
            if not _runnable(command):
                continue
            result = runner.invoke(app, shlex.split(command)[1:])
            assert result.exit_code == 0, (
                f"{block.where}: `{command}` exited {result.exit_code}\n{result.output}"
            )
            ran += 1
    if not ran:
        pytest.skip("no command of this page has its files in the repository yet")


# ---------------------------------------------------------------------------- coverage
OPERATION_NAMES = [cls.model_fields["op"].default for cls in get_args(get_args(Operation)[0])]


def _section(text: str, heading: str) -> str:
    """The text from a ``## heading`` line to the next heading of the same level."""
    match = re.search(rf"^## {re.escape(heading)}\s*$", text, flags=re.M)
    assert match, f"no section '## {heading}'"
    rest = text[match.end() :]
    end = re.search(r"^## ", rest, flags=re.M)
    return rest[: end.start()] if end else rest


@pytest.mark.parametrize("op", OPERATION_NAMES)
def test_every_operation_has_a_section_with_a_checked_example(op: str) -> None:
    page = DOCS / "operations.md"
    section = _section(page.read_text(encoding="utf-8"), f"`{op}`")
    for heading in ("Fields", "Errors", "Inverse"):
        assert f"**{heading}**" in section, f"operations.md: `{op}` has no {heading} part"
    examples = [
        b
        for b in code_blocks(page)
        if (m := _marked(b)) and m["kind"] in ("operation", "scenario") and f"op: {op}" in b.code
    ]
    assert examples, f"operations.md: no checked YAML example uses `op: {op}`"


@pytest.mark.parametrize("op", OPERATION_NAMES)
def test_every_operation_field_is_documented(op: str) -> None:
    cls = next(c for c in get_args(get_args(Operation)[0]) if c.model_fields["op"].default == op)
    section = _section((DOCS / "operations.md").read_text(encoding="utf-8"), f"`{op}`")
    common = {"op", "effective", "effective_precision", "basis", "note"}
    for name in set(cls.model_fields) - common:
        assert f"`{name}`" in section, f"operations.md: field `{name}` of `{op}` not described"


def test_every_violation_code_is_documented() -> None:
    """Every code passed to ``_violation`` in orgraph/ops appears in operations.md."""
    codes = set()
    for source in (ROOT / "orgraph" / "ops").glob("*.py"):
        codes |= set(re.findall(r'_violation\(\s*"([a-z_]+)"', source.read_text(encoding="utf-8")))
    text = (DOCS / "operations.md").read_text(encoding="utf-8")
    missing = sorted(c for c in codes if f"`{c}`" not in text)
    assert not missing, f"operations.md does not mention violation codes {missing}"


def test_every_invariant_code_is_documented() -> None:
    source = (ROOT / "orgraph" / "_check.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'Violation\(\s*"([a-z_]+)"', source))
    text = (DOCS / "concepts.md").read_text(encoding="utf-8")
    missing = sorted(c for c in codes if f"`{c}`" not in text)
    assert not missing, f"concepts.md does not mention invariant codes {missing}"


def test_every_cli_command_has_a_section_in_cli_page() -> None:
    """Each command needs hand-written prose; its options are generated at build time."""
    import typer

    from orgraph.cli import app

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    missing = [
        name
        for name, command in group.commands.items()
        if not command.hidden and not re.search(rf"^## `orgraph {name}`", text, flags=re.M)
    ]
    assert not missing, f"cli.md has no '## `orgraph NAME`' section for {missing}"


def test_the_checker_finds_blocks() -> None:
    """Guard against a regex change that silently finds nothing."""
    assert YAML_BLOCKS, "no checked YAML block in the docs"
    assert PYTHON_PAGES, "no page with Python examples"
    assert os.path.isdir(DOCS)


GLOSSARY_TERMS = [
    "hợp nhất",
    "sáp nhập",
    "giải thể",
    "chia, tách",
    "thành lập",
    "chuyển chức năng",
    "nhất thể hóa chức danh",
    "luân chuyển",
    "điều động",
    "tinh giản biên chế",
    "chuyển đổi cơ chế tự chủ",
    "đầu mối",
    "biên chế",
    "công chức",
    "viên chức",
    "hợp đồng lao động",
    "Huyện ủy",
    "UBKT",
    "HĐND",
    "UBND",
    "MTTQ",
]


@pytest.mark.parametrize("term", GLOSSARY_TERMS)
def test_glossary_has_term(term: str) -> None:
    text = (DOCS / "glossary.md").read_text(encoding="utf-8")
    assert term in text, f"glossary.md does not explain {term!r}"
