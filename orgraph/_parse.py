"""Parsing JSON and YAML text exactly: no YAML 1.1 typing, no duplicate keys, no alias bombs.

The YAML loader follows the YAML 1.2 core schema (``true``/``false``, ``null``/``~``,
decimal numbers) with one rule on top, so that text is never changed on the way in:

* a plain scalar becomes a number only when that number prints back as exactly the same
  characters (``12``, ``-3``, ``1.5``); any other spelling (``01``, ``00010``, ``0x1f``,
  ``1_000``, ``1.50``, ``1e3``, ``12:30``) stays the text written. Where the schema wants a
  number, pydantic reads such text as the decimal number it spells (``010`` is 10, never the
  octal 8); where it wants text, the text arrives unchanged;
* ``yes``, ``no``, ``on``, ``off`` are text (YAML 1.2), and dates are never guessed: a date
  field reads the ``YYYY-MM-DD`` text itself;
* a key repeated in one mapping is refused, naming the key and its line;
* aliases may add at most :data:`MAX_ALIAS_NODES` nodes of copies to the document (a
  "billion laughs" file is refused before anything is built), and a recursive alias is
  refused.

JSON follows the same number rule, refuses repeated keys and ``NaN``/``Infinity``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

__all__ = ["MAX_ALIAS_NODES", "ParseError", "parse_json", "parse_yaml"]

MAX_ALIAS_NODES = 100_000
"""How many nodes alias expansion may add to a YAML document."""


class ParseError(ValueError):
    """The text is not valid JSON or YAML; ``line`` (1-based) when known."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        self.problem = problem
        self.line = line
        super().__init__(f"{problem} at line {line}" if line else problem)


class _Resolver(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema's implicit types (and the ``<<`` merge key)."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$"),
    list("-+.0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


def _exact_int(text: str) -> int | str:
    try:
        value = int(text)
    except ValueError:  # 0o17, 0x1f, or more digits than Python converts
        return text
    return value if str(value) == text else text


def _exact_float(text: str) -> float | str:
    value = float(text)
    return value if repr(value) == text else text


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe constructor: exact numbers, no timestamps, no duplicate keys."""

    def construct_yaml_int(self, node: Any) -> int | str:  # type: ignore[override]
        return _exact_int(self.construct_scalar(node))

    def construct_yaml_float(self, node: Any) -> float | str:  # type: ignore[override]
        return _exact_float(self.construct_scalar(node))

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                except TypeError:
                    raise yaml.constructor.ConstructorError(
                        None, None, "a key must be text or a number", key_node.start_mark
                    ) from None
                if duplicate:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


_add: Any = _Constructor.add_constructor
_add("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
_add("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)
# Timestamps are left to the schema: an explicit !!timestamp tag is text too.
_add("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)


_CParser: Any = getattr(yaml, "cyaml", None) and getattr(yaml.cyaml, "CParser", None)

if _CParser is not None:

    class _Loader(_CParser, _Constructor, _Resolver):  # type: ignore[misc]
        """libyaml's parser with the exact constructor and the core-schema resolver."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML without libyaml

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _Constructor,
        _Resolver,
    ):
        """PyYAML's pure-Python parser with the same constructor and resolver."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Constructor.__init__(self)
            _Resolver.__init__(self)


def _check_aliases(root: Any) -> None:
    """Refuse a node graph whose aliases expand to too many nodes, or that loops."""
    sizes: dict[int, int] = {}
    distinct = 0
    stack: list[tuple[Any, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            size = 1
            for child in _children(node):
                size += sizes[id(child)]
            sizes[key] = size
            if size - distinct > MAX_ALIAS_NODES:
                raise ParseError(
                    f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes (an alias bomb?)",
                    node.start_mark.line + 1,
                )
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise ParseError("an alias refers to the node that contains it", None)
        open_nodes.add(key)
        distinct += 1
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_nodes:
                raise ParseError(
                    "an alias refers to the node that contains it", child.start_mark.line + 1
                )
            if id(child) not in sizes:
                stack.append((child, False))


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def parse_yaml(text: str) -> Any:
    """Parse YAML text as described in this module; :class:`ParseError` on any failure."""
    try:
        loader = _Loader(text)
    except yaml.YAMLError as exc:
        raise ParseError(str(exc).splitlines()[0]) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_aliases(node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
            problem = f"unsafe or unknown YAML tag: {problem}"
        raise ParseError(problem, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ParseError(str(exc).splitlines()[0]) from None
    except RecursionError:
        raise ParseError("nested too deeply") from None
    finally:
        loader.dispose()


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(text: str) -> Any:
    """Parse JSON text as described in this module; :class:`ParseError` on any failure."""
    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_int=_exact_int,
            parse_float=_exact_float,
            parse_constant=_no_constant,
        )
    except json.JSONDecodeError as exc:
        raise ParseError(f"{exc.msg} (column {exc.colno})", exc.lineno) from None
    except _DuplicateKeyError as exc:
        raise ParseError(f"duplicate key {exc.key!r}", _duplicate_line(text, exc.key)) from None
    except RecursionError:
        raise ParseError("nested too deeply") from None
    except ValueError as exc:
        raise ParseError(str(exc)) from None


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def _duplicate_line(text: str, key: str) -> int | None:
    """The line of the first repeat of ``key`` inside one JSON object (text known valid)."""
    objects: list[set[str] | None] = []
    last: str | None = None
    last_at = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            objects.append(set() if token == "{" else None)
        elif token in "}]":
            objects.pop()
        elif token == ":" and last is not None and objects and objects[-1] is not None:
            name = json.loads(last)
            if name in objects[-1] and name == key:
                return text.count("\n", 0, last_at) + 1
            objects[-1].add(name)
        last, last_at = (token, match.start()) if token.startswith('"') else (None, 0)
    return None
