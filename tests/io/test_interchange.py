"""Choosing a format by suffix, and the native format through the same door."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgraph import UnreadableFileError, load
from orgraph.io.interchange import FORMATS, export, guess_format, import_, normal_format
from tests.io.helpers import history_org


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("org.xlsx", "xlsx"),
        ("ORG.XLSX", "xlsx"),
        ("units.csv", "csv"),
        ("folder", "csv"),
        ("org.graphml", "graphml"),
        ("org.ttl", "turtle"),
        ("org.jsonld", "json-ld"),
        ("org.popolo.json", "popolo"),
        ("org.json", "json"),
        ("org.yaml", "yaml"),
        ("org.yml", "yaml"),
    ],
)
def test_guess_format(path: str, fmt: str) -> None:
    assert guess_format(path) == fmt


def test_an_existing_folder_is_csv_whatever_its_name(tmp_path: Path) -> None:
    (tmp_path / "v1.2").mkdir()
    assert guess_format(tmp_path / "v1.2") == "csv"


def test_an_unknown_suffix_asks_for_a_format() -> None:
    with pytest.raises(UnreadableFileError, match=r"cannot tell the format from '\.xls'"):
        guess_format("old.xls")


@pytest.mark.parametrize(("alias", "name"), [("ttl", "turtle"), ("JSONLD", "json-ld")])
def test_format_aliases(alias: str, name: str) -> None:
    assert normal_format(alias) == name
    assert set(FORMATS) >= {name}


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format 'dot'"):
        export(history_org(), tmp_path / "x", format="dot")


def test_a_format_overrides_the_suffix(tmp_path: Path) -> None:
    org = history_org()
    export(org, tmp_path / "org.txt", format="ttl")
    assert "@prefix org:" in (tmp_path / "org.txt").read_text(encoding="utf-8")
    assert import_(tmp_path / "org.txt", format="turtle") == org


@pytest.mark.parametrize("name", ["org.yaml", "org.json"])
def test_the_native_format_is_save_and_load(tmp_path: Path, name: str) -> None:
    org = history_org()
    export(org, tmp_path / name)
    assert load(tmp_path / name) == org == import_(tmp_path / name)
    with pytest.raises(TypeError, match="takes no options"):
        export(org, tmp_path / name, mapping={"id": "x"})


def test_options_reach_the_format(tmp_path: Path) -> None:
    export(history_org(), tmp_path / "out", mapping={"id": "Mã"})
    assert import_(tmp_path / "out", mapping={"id": "Mã"}, name="X").name == "X"


def test_writing_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="output folder does not exist"):
        export(history_org(), tmp_path / "nowhere" / "org.graphml")


def test_reading_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="file not found"):
        import_(tmp_path / "org.graphml")
