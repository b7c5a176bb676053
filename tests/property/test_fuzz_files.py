"""Malformed files always give a clean ``OrgraphError`` from ``orgraph.load``.

Documents are random JSON/YAML values, or valid documents broken on purpose (wrong
types, missing and unknown fields, bad versions, duplicate ids, cycles, dangling
references), then sometimes truncated or salted with binary bytes.
"""

from __future__ import annotations

import contextlib
import copy
import json
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from orgraph import OrgraphError, load, validate_file
from orgraph.io import to_document
from orgraph.testing import orgs

FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(
        ["1", "2020-13-45", "2020-02-30", "yes", "~", "null", "!!python/object", "\x00", "é"]
    )
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=15,
)


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value inside a document."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _at(document: Any, path: tuple) -> Any:
    for step in path:
        document = document[step]
    return document


@st.composite
def broken_documents(draw) -> Any:
    """A valid structure document with one to three things broken."""
    org = draw(st.one_of(orgs(max_units=5), orgs(max_units=4, with_history=True)))
    document = copy.deepcopy(to_document(org))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)
        path = draw(st.sampled_from(paths))
        how = draw(
            st.sampled_from(
                [
                    "replace",
                    "delete",
                    "unknown_field",
                    "version",
                    "duplicate",
                    "cycle",
                    "dangling",
                    "id_clash",
                ]
            )
        )
        event(how)
        units = document.get("units") if isinstance(document, dict) else None
        if how == "replace" and path:
            _at(document, path[:-1])[path[-1]] = draw(json_values)
        elif how == "delete" and path:
            parent = _at(document, path[:-1])
            del parent[path[-1]]
        elif how == "unknown_field":
            target = _at(document, path)
            if isinstance(target, dict):
                target[draw(st.sampled_from(["extra", "colour", "Id", "parent_id"]))] = 1
        elif how == "version" and isinstance(document, dict):
            document["format_version"] = draw(
                st.sampled_from([0, 2, "1", 1.5, True, None, [1], "v1"])
            )
        elif how == "duplicate" and isinstance(units, list) and units:
            key = draw(st.sampled_from(["units", "posts", "people", "appointments", "links"]))
            records = document.get(key)
            if isinstance(records, list) and records:
                records.append(copy.deepcopy(draw(st.sampled_from(records))))
        elif how == "cycle" and isinstance(units, list) and len(units) >= 1:
            first, second = draw(st.sampled_from(units)), draw(st.sampled_from(units))
            if isinstance(first, dict) and isinstance(second, dict) and "id" in second:
                first["parent"] = second["id"]
                if "id" in first:
                    second["parent"] = first["id"]
        elif how == "dangling":
            target = _at(document, path)
            if isinstance(target, dict):
                for key in ("parent", "unit", "post", "person", "source", "target"):
                    if key in target:
                        target[key] = "∅nowhere"
        elif how == "id_clash" and isinstance(units, list) and units:
            posts = document.get("posts")
            if isinstance(posts, list) and posts and isinstance(posts[0], dict):
                other = draw(st.sampled_from(units))
                if isinstance(other, dict) and "id" in other:
                    posts[0]["id"] = other["id"]
    return document


def _text(document: Any, kind: str) -> str:
    if kind == "json":
        return json.dumps(document, ensure_ascii=False, indent=1)
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@st.composite
def file_contents(draw) -> tuple[str, bytes]:
    """A suffix and the bytes of a (probably) malformed structure file."""
    suffix = draw(st.sampled_from([".json", ".yaml", ".yml"]))
    kind = "json" if suffix == ".json" else "yaml"
    source = draw(st.sampled_from(["random", "broken", "broken", "bytes"]))
    event(f"source: {source}")
    if source == "bytes":
        return suffix, draw(st.binary(max_size=200))
    document = draw(json_values if source == "random" else broken_documents())
    if source == "random" and draw(st.booleans()):
        document = {
            "format_version": 1,
            "name": "X",
            **draw(
                st.dictionaries(
                    st.sampled_from(
                        [
                            "units",
                            "posts",
                            "people",
                            "appointments",
                            "links",
                            "history",
                            "lineage",
                            "as_of",
                        ]
                    ),
                    json_values,
                    max_size=3,
                )
            ),
        }
    try:
        data = _text(document, kind).encode("utf-8", "surrogatepass")
    except (ValueError, yaml.YAMLError):
        data = repr(document).encode("utf-8", "surrogatepass")
    damage = draw(st.sampled_from(["none", "none", "truncate", "binary", "unquote"]))
    event(f"damage: {damage}")
    if damage == "unquote":
        # Quoted scalars become plain ones, which YAML reads as numbers, dates, booleans.
        data = data.replace(b"'", b"").replace(b'"', b"")
    elif damage == "truncate" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == "binary":
        at = draw(st.integers(0, len(data)))
        salt = draw(st.sampled_from([b"\x00", b"\xff\xfe", b"\xc3", b"\x1b[31m", b"\xef\xbb\xbf"]))
        data = data[:at] + salt + data[at:]
    return suffix, data


@FUZZ
@given(content=file_contents())
def test_malformed_files_give_a_clean_orgraph_error(tmp_path, content):
    suffix, data = content
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        org = load(path)
    except OrgraphError as exc:
        event(type(exc).__name__)
        assert str(exc)
    else:
        event("loaded")
        assert org.check() == []
    try:
        problems = validate_file(path)
    except OrgraphError:
        pass
    else:
        assert isinstance(problems, list)


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("depth", [50, 5000])
def test_deeply_nested_values_give_a_clean_error(tmp_path, suffix, depth):
    nested: Any = "x"
    for _ in range(depth):
        nested = [nested]
    document = {
        "format_version": 1,
        "name": "X",
        "units": [
            {
                "id": "a",
                "name": "A",
                "kind": "office",
                "level": "district",
                "attrs": {"deep": nested},
            }
        ],
    }
    path = tmp_path / f"deep{suffix}"
    path.write_text("[" * depth + "]" * depth if depth > 1000 else _text(document, suffix[1:]))
    with contextlib.suppress(OrgraphError):
        load(path)


UNIT = "{id: a, name: A, kind: office, level: district"
NASTY_YAML = [
    "format_version: 1\nname: X\nunits: !!python/object/apply:os.system ['true']\n",
    "format_version: 1\nname: X\nunits: &a [*a]\n",
    f"format_version: 1\nname: X\nunits:\n- {UNIT}, attrs: &x {{k: *x}}}}\n",
    f"format_version: 1\nname: X\nunits:\n- &u {UNIT}}}\n- *u\n",
    "format_version: !!binary aGVsbG8=\nname: X\n",
    "? [a, b]\n: 1\n",
    "format_version: 1\nname: X\nas_of: 2020-01-01 10:00:00\n",
    "format_version: 1\nname: X\n<<: {units: 5}\n",
    "format_version: 1\nname: X\nunits: [{<<: {id: a}, name: A, kind: k, level: l}]\n",
    "format_version: 1\nname: X\nformat_version: 2\n",
    "format_version: 1\nname: [X]\n",
    f"format_version: 1\nname: X\nunits: [{UNIT}, quota: {{contracts: -1}}}}]\n",
    "format_version: 1\nname: X\nunits: [{id: 'a b', name: A, kind: k, level: l}]\n",
    "format_version: 1\nname: X\nunits: [{id: a, name: A, kind: k, level: l, parent: a}]\n",
    "format_version: 1\nname: X\nhistory: [{id: e1, operation: {op: teleport}}]\n",
    "format_version: 1\nname: X\nlineage: [{predecessor: a, successor: b, change: m, event: e}]\n",
    "--- 1\n--- 2\n",
    "%YAML 9.9\n---\nformat_version: 1\n",
    "format_version: 1\nname: X\nunits: [" + "{" * 200 + "}" * 200 + "]\n",
]
NASTY_JSON = [
    '{"format_version": 1, "name": "X", "units": [{"id": "a", "name": "A", "kind": "k", '
    '"level": "l", "quota": {"contracts": 1e400}}]}',
    '{"format_version": 1, "name": "X", "units": NaN}',
    '{"format_version": 1, "name": "X", "name": 5}',
    '{"format_version": 1e0, "name": "X"}',
    '{"format_version": 1, "name": "X", "people": [{"id": "p", "name": "\\ud800"}]}',
    '{"format_version": 1, "name": "X", "units": [{"id": "a", "name": "A", "kind": "k", '
    '"level": "l", "attrs": {"n": 123456789012345678901234567890}}]}',
    "\ufeff" + '{"format_version": 1, "name": "X"}',
]


# Regression: PyYAML raised a bare ValueError for these (core bug 3, fixed).
IMPOSSIBLE_DATES = [
    "format_version: 1\nname: X\nas_of: 2020-02-30\n",
    "format_version: 1\nname: 2021-13-01\n",
    "format_version: 1\nname: X\nas_of: 0000-01-01\n",
]


@pytest.mark.parametrize(
    ("suffix", "text"),
    [(".yaml", t) for t in NASTY_YAML]
    + [(".json", t) for t in NASTY_JSON]
    + [(".yaml", t) for t in IMPOSSIBLE_DATES],
)
def test_hand_written_nasty_documents_give_a_clean_error(tmp_path, suffix, text):
    path = tmp_path / f"nasty{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        org = load(path)
    except OrgraphError as exc:
        assert str(exc)
    else:
        assert org.check() == []
