"""A Griffe extension: the reStructuredText bits of orgraph's docstrings, as Markdown.

The docstrings follow numpydoc, which is reStructuredText; mkdocstrings reads Markdown.
Two constructs would show as raw text on the site: simple tables (rows framed by
``=====  =====`` lines) and ``::`` before a literal block. Both are rewritten here before
the docstrings are parsed. Sphinx roles (``:class:`X```) are turned into links by the
``on_page_content`` hook in ``orgraph_docs.py``.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_BORDER = re.compile(r"^(\s*)(=+)( +=+)+\s*$")


def _columns(border: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"=+", border)]


def _cells(line: str, columns: list[tuple[int, int]]) -> list[str]:
    # A cell that overflows its column (not valid reStructuredText, but easy to write)
    # pushes the next boundary to the next space instead of cutting a word.
    starts = []
    for k, (start, _) in enumerate(columns):
        if k:
            start = max(start, starts[-1])
            while 0 < start < len(line) and line[start - 1] != " ":
                start += 1
        starts.append(start)
    ends = [*starts[1:], len(line)]
    return [line[a:b].strip().replace("|", "\\|") for a, b in zip(starts, ends, strict=True)]


def simple_tables_to_markdown(text: str) -> str:
    """Rewrite reStructuredText simple tables as Markdown pipe tables."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _BORDER.match(lines[i])
        borders = [j for j in range(i, len(lines)) if _BORDER.match(lines[j])][:3]
        if not match or len(borders) < 3 or borders[1] - borders[0] < 2:
            out.append(lines[i])
            i += 1
            continue
        indent = match.group(1)
        columns = _columns(lines[i])
        head = [_cells(line, columns) for line in lines[borders[0] + 1 : borders[1]]]
        body: list[list[str]] = []
        for line in lines[borders[1] + 1 : borders[2]]:
            if not line.strip():
                continue
            cells = _cells(line, columns)
            if body and not cells[0]:
                # A row whose first cell is empty continues the row above.
                body[-1] = [f"{a} {b}".strip() for a, b in zip(body[-1], cells, strict=True)]
            else:
                body.append(cells)
        header = [" ".join(parts).strip() for parts in zip(*head, strict=True)]
        out.append(indent + "| " + " | ".join(header) + " |")
        out.append(indent + "|" + "---|" * len(header))
        out.extend(indent + "| " + " | ".join(row) + " |" for row in body)
        i = borders[2] + 1
    return "\n".join(out)


def _classes(module: griffe.Module) -> list[griffe.Class]:
    found: list[griffe.Class] = []
    stack: list[griffe.Object] = [module]
    while stack:
        obj = stack.pop()
        for member in obj.members.values():
            if member.is_alias:
                continue
            if member.is_class:
                found.append(member)  # type: ignore[arg-type]
                stack.append(member)
            elif member.is_module:
                stack.append(member)
    return found


def literal_markers_to_markdown(text: str) -> str:
    """``text::`` before an indented block becomes ``text:`` (the block stays code)."""
    return re.sub(r"(\S)::[ \t]*$", r"\1:", text, flags=re.M)


class RstToMarkdown(griffe.Extension):
    """Rewrite every docstring before mkdocstrings parses it.

    Also lets a method that overrides a documented one without a docstring of its own
    (each operation's ``validate`` and ``inverse``) show the base class's docstring.
    """

    def on_package(self, *, pkg: griffe.Module, loader: Any, **kwargs: Any) -> None:
        for cls in _classes(pkg):
            try:
                ancestors = cls.mro()
            except Exception:  # unresolvable bases (outside the package): nothing to inherit
                continue
            for name, member in cls.members.items():
                if member.is_alias or member.docstring is not None or name.startswith("_"):
                    continue
                for base in ancestors:
                    inherited = base.members.get(name)
                    if inherited is not None and not inherited.is_alias and inherited.docstring:
                        member.docstring = griffe.Docstring(
                            inherited.docstring.value, parent=member
                        )
                        break

    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            value = simple_tables_to_markdown(obj.docstring.value)
            obj.docstring.value = literal_markers_to_markdown(value)
