"""Ids refuse characters that print nothing (Unicode Cf and Cc); names refuse only the bidi
controls that reorder text (embeddings, overrides, isolates)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pydantic import ValidationError

from orgraph import FileError, Link, Person, Post, Unit, load, parse_operation
from orgraph.model import escaped

INVISIBLE = [
    "\u200b",  # zero width space
    "\u200c",  # zero width non-joiner
    "\u200d",  # zero width joiner
    "\u200e",  # left-to-right mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark
    "\u00ad",  # soft hyphen
    "\u061c",  # Arabic letter mark
    "\U000e0041",  # tag latin capital letter a
    "\x9b",  # control sequence introducer (C1 control)
]


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(
    "build",
    [
        lambda i: Unit(id=i, name="A", kind="office", level="x"),
        lambda i: Unit(id="a", name="A", kind="office", level="x", parent=i),
        lambda i: Unit(id="a", name="A", kind="office", level="x", code=i),
        lambda i: Post(id=i, unit="u", title="T", role="head"),
        lambda i: Post(id="p", unit=i, title="T", role="head"),
        lambda i: Person(id=i, name="N"),
        lambda i: Link(source=i, target="b", kind="guidance"),
        lambda i: parse_operation({"op": "rename", "unit": i, "name": "X"}),
        lambda i: parse_operation({"op": "appoint", "person": i, "post": "x"}),
    ],
    ids=["unit", "parent", "code", "post", "post-unit", "person", "link", "rename", "appoint"],
)
def test_ids_refuse_invisible_characters(build, char: str) -> None:
    assert unicodedata.category(char) in ("Cf", "Cc")
    with pytest.raises(ValidationError) as caught:
        build(f"ab{char}c")
    # (a person in appoint may also be a new {id, name}: that branch fails as well)
    message = str(caught.value.errors()[0]["msg"])
    assert "\n" not in message
    assert char not in message  # shown as an escape the user can see
    assert escaped(char) in message


def test_the_message_names_the_id_and_the_character() -> None:
    with pytest.raises(ValidationError) as caught:
        Person(id="p\u200b1", name="N")
    assert caught.value.errors()[0]["msg"] == (
        "Value error, an id cannot contain invisible characters: 'p\\u200b1' has U+200B"
        " (zero width space)"
    )


@pytest.mark.parametrize("ident", ["Ủy-ban", "phòng_nội_vụ", "日本", "q'\"", "x:1", "🏛"])
def test_visible_ids_are_kept(ident: str) -> None:
    assert Person(id=ident, name="N").id == unicodedata.normalize("NFC", ident)


@pytest.mark.parametrize(
    "name",
    [
        "می\u200cخواهم",  # Persian: the zero width non-joiner is part of the spelling
        "क्\u200dष",  # Devanagari with a zero width joiner
        "👩\u200d💻",  # an emoji sequence
        "שלום \u200fABC",  # a right-to-left mark in a mixed name
        "soft\u00adhyphen",
    ],
)
def test_names_keep_joiners_and_marks(name: str) -> None:
    assert Person(id="p", name=name).name == unicodedata.normalize("NFC", name)


@pytest.mark.parametrize(
    "char",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"],
)
def test_names_refuse_bidi_embeddings_overrides_and_isolates(char: str) -> None:
    with pytest.raises(ValidationError):
        Person(id="p", name=f"Lan{char}naL")
    with pytest.raises(ValidationError):
        Post(id="p", unit="u", title=f"Head{char}", role="head")


def test_escaped_shows_every_invisible_character() -> None:
    assert escaped("plain Ủy ban") == "plain Ủy ban"
    assert escaped("a\u200bb\u202e\x85\U000e0041") == "a\\u200bb\\u202e\\u0085\\U000e0041"


def test_a_file_with_an_invisible_id_is_refused_with_the_id_escaped(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "format_version: 1\nname: t\n"
        "units:\n  - {id: a, name: A, kind: office, level: x}\n"
        '  - {id: "a\u200b", name: B, kind: office, level: x}\n',
        encoding="utf-8",
    )
    with pytest.raises(FileError) as caught:
        load(path)
    message = str(caught.value)
    assert message == (
        f"{path}: units[1] (id=a\\u200b).id: an id cannot contain invisible characters:"
        " 'a\\u200b' has U+200B (zero width space)"
    )
