"""The file primitives, re-exported where io and cli modules have always found them.

They live in :mod:`orgraph._files`, below every layer that reads or writes files (the
scenario model loads and saves its own files, and sits below io).
"""

from __future__ import annotations

from orgraph._files import (
    DEFAULT_MAX_INPUT,
    STDIN,
    atomic_write,
    decode_text,
    dump_document,
    file_format,
    input_limit,
    max_input_bytes,
    parse_size,
    plain_message,
    read_bytes,
    read_document,
    validation_problems,
    write_target,
)

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
