"""Reading and writing files safely: bounded single reads, private atomic writes.

Reading (:func:`read_bytes`): each input is read once, through one open file, up to
:func:`max_input_bytes` (``ORGRAPH_MAX_INPUT`` or :func:`input_limit` raise it). Only
regular files are read; ``-`` is standard input. A FIFO, a socket or a device (a link to
``/dev/zero``) is refused instead of hanging or filling memory.

Writing (:func:`atomic_write`): the bytes go to a temporary file next to the target, then
an atomic rename. A new file gets the mode the umask allows (as ``open`` would give it);
an existing file keeps its mode. A symlink is written through: its target is replaced
atomically, the link stays. When anything fails, the target is as it was and no temporary
file is left.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from orgraph._parse import ParseError, parse_json, parse_yaml
from orgraph.errors import FileError, UnreadableFileError, Violation
from orgraph.model import PATTERN_MEANINGS, escaped

__all__ = [
    "DEFAULT_MAX_INPUT",
    "STDIN",
    "atomic_write",
    "decode_text",
    "dump_document",
    "file_format",
    "input_limit",
    "max_input_bytes",
    "parse_size",
    "plain_message",
    "read_bytes",
    "read_document",
    "validation_problems",
    "write_target",
]

STDIN = "-"
"""The path that means standard input."""

DEFAULT_MAX_INPUT = 1 << 30
"""The default largest input read: 1 GiB."""

_FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_LIMIT: ContextVar[int | None] = ContextVar("orgraph_max_input", default=None)
_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """``"512M"`` -> bytes (k, M, G, T are powers of 1024); ValueError if malformed.

    Examples
    --------
    >>> parse_size("2G"), parse_size("1500"), parse_size("0.5k")
    (2147483648, 1500, 512)
    """
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a size such as 500M or 2G")
    number, unit = match.groups()
    size = int(float(number) * 1024 ** " kmgt".index(unit.lower() or " "))
    if size <= 0:
        raise ValueError(f"{text!r}: the size must be above zero")
    return size


def max_input_bytes() -> int:
    """The largest input read: :func:`input_limit`, else ``ORGRAPH_MAX_INPUT``, else 1 GiB."""
    limit = _LIMIT.get()
    if limit is not None:
        return limit
    env = os.environ.get("ORGRAPH_MAX_INPUT")
    if env:
        try:
            return parse_size(env)
        except ValueError as exc:
            raise UnreadableFileError(f"ORGRAPH_MAX_INPUT: {exc}") from None
    return DEFAULT_MAX_INPUT


@contextlib.contextmanager
def input_limit(size: int) -> Iterator[None]:
    """Read inputs of up to ``size`` bytes inside the ``with`` block."""
    token = _LIMIT.set(size)
    try:
        yield
    finally:
        _LIMIT.reset(token)


def _too_big(path: str | Path, limit: int) -> UnreadableFileError:
    return UnreadableFileError(
        f"larger than the input limit of {limit:,} bytes "
        "(raise it with --max-input SIZE or ORGRAPH_MAX_INPUT)",
        path=path,
    )


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, read once, with one-line errors for anything but a readable file."""
    limit = max_input_bytes()
    if str(path) == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_big("<stdin>", limit)
        return data
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFileError("file not found", path=path) from None
    except IsADirectoryError:
        raise UnreadableFileError("is a folder, not a file", path=path) from None
    except OSError as exc:
        raise UnreadableFileError(f"cannot read: {exc.strerror or exc}", path=path) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFileError("is a folder, not a file", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(
                "not a regular file (a pipe, socket or device); use '-' for standard input",
                path=path,
            )
        if info.st_size > limit:
            raise _too_big(path, limit)
        chunks = []
        size = 0
        while chunk := os.read(fd, min(1 << 24, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _too_big(path, limit)
        return b"".join(chunks)
    except OSError as exc:
        if isinstance(exc, UnreadableFileError):
            raise
        raise UnreadableFileError(f"cannot read: {exc.strerror or exc}", path=path) from None
    finally:
        os.close(fd)


def file_format(path: str | Path) -> str:
    """``"json"`` or ``"yaml"`` from the file's suffix; :class:`UnreadableFileError` otherwise.

    Standard input (``-``) is read as YAML, which also reads JSON.
    """
    if str(path) == STDIN:
        return "yaml"
    if Path(path).is_dir():
        raise UnreadableFileError("is a folder: give a file name", path=path)
    suffix = Path(path).suffix.lower()
    if suffix not in _FORMATS:
        raise UnreadableFileError(
            f"unknown file type {suffix or '(no suffix)'!r}: use .json, .yaml or .yml",
            path=path,
        )
    return _FORMATS[suffix]


def decode_text(raw: bytes, path: str | Path) -> str:
    """UTF-8 text (a byte-order mark dropped); binary data or other encodings are refused."""
    if b"\x00" in raw:
        raise UnreadableFileError("binary data, not a text file", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(f"not UTF-8 text (byte {exc.start})", path=path) from None


def read_document(path: str | Path, *, what: str = "document") -> dict[str, Any]:
    """Parse a JSON or YAML file into a mapping, with one-line errors for every failure."""
    kind = file_format(path)
    shown = "<stdin>" if str(path) == STDIN else path
    text = decode_text(read_bytes(path), shown)
    if not text.strip():
        raise UnreadableFileError("the file is empty", path=shown)
    try:
        data = parse_json(text) if kind == "json" else parse_yaml(text)
    except ParseError as exc:
        where = f" at line {exc.line}" if exc.line else ""
        raise UnreadableFileError(
            f"invalid {kind.upper()}{where}: {exc.problem}", path=shown
        ) from None
    if not isinstance(data, dict):
        raise FileError(
            f"the top level must be a mapping with format_version, not {type(data).__name__}",
            path=shown,
        )
    version = data.get("format_version")
    if version is None:
        raise FileError(f"missing 'format_version: 1' at the top of the {what}", path=shown)
    if type(version) is not int or version != 1:
        raise FileError(
            f"unsupported format_version {version!r}: this orgraph reads version 1",
            path=shown,
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
                    parts[-1] += f" ({key}={escaped(str(label))})"
        else:
            if isinstance(node, dict) and step in node:
                node = node[step]
            elif isinstance(node, dict) and node.get("op") == step:
                continue  # the discriminator tag pydantic adds to a location
            else:
                node = None
            parts.append(str(step))
    return ".".join(parts)


def _yaml_word(value: Any) -> str:
    return "null" if value is None else str(value).lower()


def plain_message(error: Any) -> str:
    """A plain-words message for one pydantic error (no jargon, no raw patterns)."""
    kind, loc, value = error["type"], error["loc"], error.get("input")
    if kind == "extra_forbidden":
        return f"unknown field {loc[-1]!r}"
    if kind == "missing":
        return f"missing field {loc[-1]!r}"
    if kind == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern")
        meaning = PATTERN_MEANINGS.get(str(pattern))
        return f"{meaning}: {value!r}" if meaning else f"not allowed here: {value!r}"
    if kind == "string_type" and (value is None or isinstance(value, bool)):
        word = _yaml_word(value)
        return f"text expected, not {word}: put the value in quotes ('\"{word}\"')"
    if kind == "string_type":
        return f"text expected, not {type(value).__name__}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"not a date: {value!r} (write YYYY-MM-DD)"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = (error.get("ctx") or {}).get("expected_tags", "")
        found = (error.get("ctx") or {}).get("tag")
        head = f"unknown operation {found!r}" if found else "missing 'op'"
        return f"{head}: use one of {tags}" if tags else head
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"a whole number expected, not {value!r}"
    if kind in ("bool_parsing", "bool_type"):
        return f"true or false expected, not {value!r}"
    ctx = error.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, not {value!r}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, not {value!r}"
    if kind in ("list_type", "set_type", "frozen_set_type"):
        return f"must be a list, not {type(value).__name__}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a mapping of fields, not {type(value).__name__}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message.replace("Input should be", "must be").replace("String should", "text should")


def validation_problems(exc: ValidationError, data: Any) -> list[Violation]:
    """One :class:`Violation` per pydantic error, naming the item where it happened."""
    return [
        Violation(e["type"], plain_message(e), (), _item_name(data, tuple(e["loc"])) or None)
        for e in exc.errors(include_url=False)
    ]


def dump_document(data: dict[str, Any], kind: str) -> str:
    """Serialise a document as stable, diff-friendly JSON or YAML text."""
    import json

    import yaml

    if kind == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)


def _cannot_write(path: str | Path, exc: OSError) -> UnreadableFileError:
    return UnreadableFileError(f"cannot write: {exc.strerror or exc}", path=path)


def write_target(path: str | Path) -> Path:
    """The file a write to ``path`` replaces: the final target of a symlink, else ``path``."""
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    return target


def atomic_write(path: str | Path, content: str | bytes) -> None:
    """Write a file through a temporary file in the same folder and an atomic rename.

    Any OS error (no such folder, no permission, a folder in the way) becomes a one-line
    :class:`UnreadableFileError`; the target is left as it was and nothing else remains.
    """
    target = write_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UnreadableFileError("is a folder: give a file name", path=path)
    if not folder.is_dir():
        raise UnreadableFileError("the output folder does not exist", path=path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        old_mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        old_mode = None
    tmp = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        # 0o666 through the umask, as open() makes a new file; an old file's mode is kept.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(tmp, flags, 0o666)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if old_mode is not None:
                os.fchmod(handle.fileno(), old_mode)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise
