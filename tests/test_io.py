"""Loading and saving structure files."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import orgraph
from orgraph import FileError, OrgraphError, UnreadableFileError, apply, load, save
from orgraph.schema import SCHEMA_DIR, json_schemas
from tests.helpers import small_org

EXAMPLE = Path(__file__).parent.parent / "examples" / "dam_ha" / "org.yaml"


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    org = apply(
        small_org(),
        [
            {"op": "merge", "sources": ["a", "b"], "into": {"id": "ab", "name": "Phòng TC-KH"}},
            {"op": "concurrent_role", "primary": "c.secretary", "secondary": "c.chair"},
        ],
    )
    path = tmp_path / f"org{suffix}"
    save(org, path)
    again = load(path)
    assert again == org
    assert again.history[0].operation.op == "merge"
    assert [e.successor for e in again.lineage] == ["ab", "ab"]
    # Deterministic: saving the loaded copy writes the same bytes.
    second = tmp_path / f"again{suffix}"
    save(again, second)
    assert second.read_bytes() == path.read_bytes()


def test_example_round_trips(tmp_path: Path) -> None:
    org = load(EXAMPLE)
    for suffix in (".json", ".yaml"):
        save(org, tmp_path / f"x{suffix}")
        assert load(tmp_path / f"x{suffix}") == org


def test_json_and_yaml_carry_the_same_content(tmp_path: Path) -> None:
    org = small_org()
    save(org, tmp_path / "a.json")
    save(org, tmp_path / "a.yaml")
    assert load(tmp_path / "a.json") == load(tmp_path / "a.yaml")
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert "Nguyễn Văn An" in text  # UTF-8, not \u escapes
    assert json.loads(text)["format_version"] == 1


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text("old content", encoding="utf-8")
    save(small_org(), path)
    assert load(path) == small_org()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org.yaml"]


def test_save_to_missing_folder_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError) as info:
        save(small_org(), tmp_path / "nope" / "org.yaml")
    assert info.value.exit_code == 2


def test_load_normalises_to_nfc(tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "Xã Đầm Hà")
    path = tmp_path / "org.json"
    path.write_text(
        json.dumps(
            {
                "format_version": 1,
                "name": name,
                "units": [{"id": "x", "name": name, "kind": "commune", "level": "commune"}],
            }
        ),
        encoding="utf-8",
    )
    org = load(path)
    assert org.unit("x").name == unicodedata.normalize("NFC", name)
    assert org.name == unicodedata.normalize("NFC", name)


UNIT = "{id: a, name: A, kind: office, level: district}"

BAD_FILES = [
    # (file name, content, exit code, words the one-line message must contain)
    ("empty.yaml", "", 2, ["empty"]),
    ("blank.json", "   \n", 2, ["empty"]),
    ("trunc.json", '{"format_version": 1, "name": "x", "units": [', 2, ["invalid JSON", "line 1"]),
    ("trunc.yaml", "format_version: 1\nname: [x\n", 2, ["invalid YAML"]),
    ("binary.yaml", b"\x00\x01\x02format_version", 2, ["binary"]),
    ("latin1.yaml", "name: Đ".encode("cp1258", errors="ignore") + b"\xff", 2, ["UTF-8"]),
    ("list.yaml", "- 1\n- 2\n", 1, ["top level must be a mapping"]),
    ("noversion.yaml", "name: x\n", 1, ["format_version"]),
    ("v2.yaml", "format_version: 2\nname: x\n", 1, ["unsupported format_version 2"]),
    (
        "unsafe.yaml",
        "format_version: 1\nname: !!python/object/apply:os.system ['echo hi']\n",
        2,
        ["unsafe or unknown YAML tag"],
    ),
    (
        "dup.yaml",
        f"format_version: 1\nname: x\nunits: [{UNIT}, {UNIT}]\n",
        1,
        ["unit a", "id 'a' is used by another unit"],
    ),
    (
        "dangling.yaml",
        "format_version: 1\nname: x\nunits: [{id: a, name: A, kind: k, level: l, parent: zz}]\n",
        1,
        ["unit a", "parent 'zz' does not exist"],
    ),
    (
        "cycle.yaml",
        "format_version: 1\nname: x\nunits:\n"
        "- {id: a, name: A, kind: k, level: l, parent: b}\n"
        "- {id: b, name: B, kind: k, level: l, parent: a}\n",
        1,
        ["cycle"],
    ),
    (
        "negative.yaml",
        "format_version: 1\nname: x\nunits:\n"
        "- {id: ubkt, name: A, kind: k, level: l, quota: {civil_servants: -6}}\n",
        1,
        ["units[0] (id=ubkt).quota.civil_servants", "must be at least 0, not -6"],
    ),
    (
        "unknown.yaml",
        "format_version: 1\nname: x\nunits:\n- {id: a, name: A, kind: k, level: l, colour: red}\n",
        1,
        ["units[0] (id=a).colour", "unknown field 'colour'"],
    ),
    ("wrongsuffix.txt", "format_version: 1\n", 2, ["unknown file type"]),
]


@pytest.mark.parametrize(("name", "content", "code", "words"), BAD_FILES)
def test_bad_files_give_one_clean_line(tmp_path: Path, name, content, code, words) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(OrgraphError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for word in words:
        assert word in message
    assert info.value.exit_code == code
    # content errors and file access errors are two branches of the tree
    assert isinstance(info.value, FileError if code == 1 else UnreadableFileError)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError) as info:
        load(tmp_path / "missing.yaml")
    assert "file not found" in str(info.value)
    assert isinstance(info.value, OSError)


def test_validate_file_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "format_version: 1\nname: x\nunits:\n"
        "- {id: a, name: A, kind: k, level: l, parent: x1}\n"
        "- {id: b, name: B, kind: k, level: l, parent: x2}\n",
        encoding="utf-8",
    )
    problems = orgraph.validate_file(path)
    assert [p.item for p in problems] == ["unit a", "unit b"]


def test_shipped_schema_matches_the_models() -> None:
    for name, generated in json_schemas().items():
        shipped = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
        assert shipped == generated, f"{name} is stale: run 'make schema'"


def test_schema_describes_units_and_operations() -> None:
    schemas = json_schemas()
    org_schema = schemas["org.schema.json"]
    assert org_schema["properties"]["format_version"]["const"] == 1
    assert "Unit" in org_schema["$defs"]
    ops = schemas["scenario.schema.json"]["$defs"]
    for name in ("Merge", "Absorb", "Dissolve", "Split", "ConcurrentRole", "Rotate"):
        assert name in ops


def test_every_writer_turns_os_errors_into_one_line(tmp_path: Path) -> None:
    from orgraph import Scenario, save_scenario
    from orgraph.render import render

    blocked = tmp_path / "taken.yaml"
    blocked.mkdir()  # a folder where the file should go
    writers = [
        lambda: save(small_org(), blocked),
        lambda: save_scenario(Scenario(name="s"), blocked),
        lambda: render(small_org(), blocked, format="dot"),
    ]
    for write in writers:
        with pytest.raises(UnreadableFileError) as info:
            write()
        assert str(info.value) == f"{blocked}: is a folder: give a file name"
        assert info.value.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.yaml"]
