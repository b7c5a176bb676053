"""Reading and writing JSON and YAML documents safely and atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from orgraph.errors import FileError, UnreadableFileError, Violation
from orgraph.model import PATTERN_MEANINGS

__all__ = [
    "atomic_write",
    "dump_document",
    "file_format",
    "read_bytes",
    "read_document",
    "validation_problems",
]

_SafeLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def file_format(path: str | Path) -> str:
    """``"json"`` or ``"yaml"`` from the file's suffix; :class:`UnreadableFileError` otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in _FORMATS:
        raise UnreadableFileError(
            f"unknown file type {suffix or '(no suffix)'!r}: use .json, .yaml or .yml",
            path=path,
        )
    return _FORMATS[suffix]


def read_document(path: str | Path, *, what: str = "document") -> dict[str, Any]:
    """Parse a JSON or YAML file into a mapping, with one-line errors for every failure."""
    kind = file_format(path)
    raw = read_bytes(path)
    if b"\x00" in raw:
        raise UnreadableFileError("binary data, not a text file", path=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(f"not UTF-8 text (byte {exc.start})", path=path) from None
    if not text.strip():
        raise UnreadableFileError("the file is empty", path=path)
    try:
        data = json.loads(text) if kind == "json" else yaml.load(text, Loader=_SafeLoader)
    except json.JSONDecodeError as exc:
        raise UnreadableFileError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", path=path
        ) from None
    except yaml.constructor.ConstructorError as exc:
        mark = f" at line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise UnreadableFileError(
            f"unsafe or unknown YAML tag{mark}: {exc.problem}", path=path
        ) from None
    except yaml.YAMLError as exc:
        place: Any = getattr(exc, "problem_mark", None)
        where = f" at line {place.line + 1}, column {place.column + 1}" if place else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UnreadableFileError(f"invalid YAML{where}: {problem}", path=path) from None
    except RecursionError:
        raise UnreadableFileError("nested too deeply", path=path) from None
    except (ValueError, OverflowError) as exc:
        # PyYAML builds dates and numbers itself and lets their errors out (0000-01-01).
        raise UnreadableFileError(f"invalid {kind.upper()} value: {exc}", path=path) from None
    if not isinstance(data, dict):
        raise FileError(
            f"the top level must be a mapping with format_version, not {type(data).__name__}",
            path=path,
        )
    version = data.get("format_version")
    if version is None:
        raise FileError(f"missing 'format_version: 1' at the top of the {what}", path=path)
    if version != 1 or isinstance(version, bool):
        raise FileError(
            f"unsupported format_version {version!r}: this orgraph reads version 1",
            path=path,
        )
    return data


def _item_name(data: Any, loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic location into ``units[3] (id=ubkt).quota.civil_servants``."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            if parts == ["operations"]:
                # Scenarios number operations from 1, as apply's errors do.
                parts[-1:] = [f"operation {step + 1}"]
            else:
                parts[-1:] = [f"{parts[-1] if parts else ''}[{step}]"]
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict):
                label = node.get("id") or node.get("op")
                if label is not None and isinstance(label, str | int):
                    key = "id" if "id" in node else "op"
                    parts[-1] += f" ({key}={label})"
        else:
            if isinstance(node, dict) and step in node:
                node = node[step]
            elif isinstance(node, dict) and node.get("op") == step:
                continue  # the discriminator tag pydantic adds to a location
            else:
                node = None
            parts.append(str(step))
    return ".".join(parts)


def validation_problems(exc: ValidationError, data: Any) -> list[Violation]:
    """One :class:`Violation` per pydantic error, naming the item where it happened."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = f"unknown field {loc[-1]!r}"
        elif error["type"] == "missing":
            message = f"missing field {loc[-1]!r}"
        elif error["type"] == "string_pattern_mismatch":
            pattern = (error.get("ctx") or {}).get("pattern")
            meaning = PATTERN_MEANINGS.get(str(pattern))
            if meaning:
                message = f"{meaning}: {error['input']!r}"
        problems.append(Violation(error["type"], message, (), _item_name(data, loc) or None))
    return problems


def dump_document(data: dict[str, Any], kind: str) -> str:
    """Serialise a document as stable, diff-friendly JSON or YAML text."""
    if kind == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False, width=100)


def atomic_write(path: str | Path, content: str | bytes) -> None:
    """Write a file through a temporary file in the same folder and an atomic rename.

    Any OS error (no such folder, no permission, a folder in the way) becomes a one-line
    :class:`UnreadableFileError`; the target is left as it was.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UnreadableFileError("the output folder does not exist", path=path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UnreadableFileError(f"cannot write: {exc.strerror or exc}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UnreadableFileError(f"cannot write: {exc.strerror or exc}", path=path) from None
        raise


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, with one-line errors for a missing or unreadable file."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UnreadableFileError("file not found", path=path) from None
    except IsADirectoryError:
        raise UnreadableFileError("is a directory, not a file", path=path) from None
    except OSError as exc:
        raise UnreadableFileError(f"cannot read: {exc.strerror or exc}", path=path) from None
