"""Reading files exactly and safely: YAML 1.2 typing, aliases, duplicate keys, size, pipes."""

from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

import pytest

from orgraph import FileError, UnreadableFileError, load, load_scenario
from orgraph._parse import ParseError, parse_json, parse_yaml
from orgraph.io._files import input_limit, parse_size, read_bytes, read_document

HEAD = "format_version: 1\nname: t\nunits:\n"


def unit(extra: str, ident: str = "a") -> str:
    return f"  - id: {ident}\n    name: N\n    kind: office\n    level: district\n{extra}"


def write(tmp_path: Path, text: str, name: str = "org.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("written", "expected"),
    [("01", "01"), ("00010", "00010"), ("0123", "0123"), ("12:30", "12:30"), ("1.50", "1.50")],
)
def test_text_fields_get_exactly_the_characters_written(
    tmp_path: Path, written: str, expected: str
) -> None:
    path = write(tmp_path, HEAD + unit(f"    code: {written}\n", ident=written))
    org = load(path)
    (only,) = org.units()
    assert only.code == expected
    assert only.id == expected


def test_names_that_yaml_11_would_turn_into_booleans_or_numbers_stay_text(tmp_path: Path) -> None:
    text = HEAD + unit("", "a").replace("name: N", "name: yes") + unit("    parent: a\n", "b")
    org = load(write(tmp_path, text.replace("name: N", "name: 12:30")))
    assert [u.name for u in org.units()] == ["yes", "12:30"]


def test_a_boolean_where_text_is_needed_asks_for_quotes(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + unit("").replace("name: N", "name: true"))
    with pytest.raises(FileError) as info:
        load(path)
    assert str(info.value) == (
        f"{path}: units[0] (id=a).name: text expected, not true: put the value in quotes"
        " ('\"true\"')"
    )


def test_numbers_stay_numbers_where_the_schema_wants_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + unit("    quota: {civil_servants: 010, contracts: 7}\n"))
    (only,) = load(path).units()
    assert (only.quota.civil_servants, only.quota.contracts) == (10, 7)  # 010 is ten, not eight


def test_a_year_is_not_a_date(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + unit("    founded: 1986\n"))
    with pytest.raises(FileError) as info:
        load(path)
    expected = (
        "units[0] (id=a).founded: write the date as YYYY-MM-DD, quoted ('1986-01-01', or '1986'"
        " for the year alone), not 1986"
    )
    assert str(info.value) == f"{path}: {expected}"


def test_yaml_dates_are_read_by_the_schema_not_guessed() -> None:
    assert parse_yaml("a: 2018-01-01\nb: 1.5\nc: 12\nd: ~\ne: 0x1f\nf: .inf") == {
        "a": "2018-01-01",
        "b": 1.5,
        "c": 12,
        "d": None,
        "e": "0x1f",
        "f": ".inf",
    }


def test_json_numbers_follow_the_same_rule() -> None:
    assert parse_json('{"a": 1.50, "b": 2, "c": 1e400, "d": -0}') == {
        "a": "1.50",
        "b": 2,
        "c": "1e400",
        "d": "-0",
    }
    with pytest.raises(ParseError, match="NaN is not a JSON number"):
        parse_json('{"a": NaN}')


def _bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghijklmnop"[:levels]:
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
        previous = name
    return "\n".join(lines) + "\n"


def _indent(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


@pytest.mark.parametrize("where", ["units", "scenario"])
def test_an_alias_bomb_is_refused_quickly_wherever_it_sits(tmp_path: Path, where: str) -> None:
    if where == "units":
        text = HEAD + unit("    attrs:\n" + _indent(_bomb(), 6))
        path, read = write(tmp_path, text), load
    else:
        text = (
            "format_version: 1\nname: s\noperations:\n  - op: establish\n    unit:\n"
            "      id: x\n      name: X\n      kind: office\n      level: district\n"
            "      attrs:\n" + _indent(_bomb(), 8)
        )
        path, read = write(tmp_path, text, "plan.yaml"), load_scenario
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(UnreadableFileError, match="aliases expand to more than 100,000 nodes"):
        read(path)
    assert time.perf_counter() - start < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB


def test_a_recursive_alias_is_refused() -> None:
    with pytest.raises(ParseError, match="refers to the node that contains it"):
        parse_yaml("a: &x [1, *x]\n")


def test_a_few_aliases_still_work() -> None:
    assert parse_yaml("q: &q {n: 1}\nr: *q\n") == {"q": {"n": 1}, "r": {"n": 1}}


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("org.yaml", HEAD + unit("    kind: school\n"), 8),
        ("org.json", '{"format_version": 1,\n "name": "t",\n "name": "u"}', 3),
        ("org.json", '{"format_version": 1, "units": [{"id": "a",\n "id": "b"}]}', 2),
    ],
)
def test_duplicate_keys_are_refused_with_key_and_line(
    tmp_path: Path, name: str, text: str, line: int
) -> None:
    path = write(tmp_path, text, name)
    with pytest.raises(UnreadableFileError) as info:
        load(path)
    assert f"at line {line}: duplicate key" in str(info.value)


def test_an_input_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + unit(""))
    with input_limit(10), pytest.raises(UnreadableFileError, match="larger than the input limit"):
        load(path)
    assert load(path).units()


def test_the_limit_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORGRAPH_MAX_INPUT", "1k")
    path = write(tmp_path, HEAD + unit("    attrs: {pad: '" + "x" * 2000 + "'}\n"))
    with pytest.raises(UnreadableFileError, match="input limit of 1,024 bytes"):
        load(path)
    assert parse_size("2G") == 2 << 30


def test_a_link_to_a_device_is_refused_not_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(UnreadableFileError, match="not a regular file"):
        load(link)


def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    start = time.perf_counter()
    with pytest.raises(UnreadableFileError, match="not a regular file"):
        read_bytes(fifo)
    assert time.perf_counter() - start < 1.0


def test_a_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import orgraph._files as files

    opened: list[object] = []
    real = files.os.open

    def counting(path: object, *args: object) -> int:
        opened.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    path = write(tmp_path, HEAD + unit(""))
    monkeypatch.setattr(files.os, "open", counting)
    read_document(path)
    assert opened == [path]


def test_standard_input_is_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    document = {"format_version": 1, "name": "from stdin"}
    stream = io.TextIOWrapper(io.BytesIO(json.dumps(document).encode()))
    monkeypatch.setattr(sys, "stdin", stream)
    assert load("-").name == "from stdin"
