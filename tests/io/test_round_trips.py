"""Every format gives back the structure it was given: the example, hand-built and drawn orgs."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from orgraph import FileError, Org, load
from orgraph.io.interchange import export, import_
from orgraph.testing import orgs
from tests.helpers import small_org
from tests.io.helpers import EXAMPLE, has_xml_illegal, history_org, hostile_org

# File name, and whether the format carries history, lineage, name and date (==) or only
# the records (equivalent).
FORMATS = [
    pytest.param("folder", False, id="csv"),
    pytest.param("org.xlsx", False, id="xlsx"),
    pytest.param("org.graphml", True, id="graphml"),
    pytest.param("org.ttl", True, id="turtle"),
    pytest.param("org.jsonld", True, id="json-ld"),
    pytest.param("org.popolo.json", True, id="popolo"),
]
XML_FORMATS = ("org.xlsx", "org.graphml")


def round_trip(org: Org, folder: Path, name: str) -> Org:
    export(org, folder / name)
    return import_(folder / name)


def assert_same(org: Org, again: Org, *, exact: bool) -> None:
    assert again.equivalent(org)
    assert again.check() == []
    if exact:
        assert again == org
        assert again.history == org.history
    else:
        assert (again.name, again.date) == (org.name, org.date)


@pytest.mark.parametrize(("name", "exact"), FORMATS)
@pytest.mark.parametrize("make", [small_org, history_org, hostile_org, lambda: load(EXAMPLE)])
def test_round_trip(tmp_path: Path, name: str, exact: bool, make) -> None:
    org = make()
    assert_same(org, round_trip(org, tmp_path, name), exact=exact)


@pytest.mark.parametrize(("name", "exact"), FORMATS)
def test_exporting_twice_writes_the_same_bytes(tmp_path: Path, name: str, exact: bool) -> None:
    org = history_org()
    export(org, tmp_path / "a" if name == "folder" else tmp_path / f"a-{name}")
    export(org, tmp_path / "b" if name == "folder" else tmp_path / f"b-{name}")
    if name == "folder":
        for file in sorted((tmp_path / "a").iterdir()):
            assert file.read_bytes() == (tmp_path / "b" / file.name).read_bytes()
    elif name != "org.xlsx":  # a workbook records the time it was written
        assert (tmp_path / f"a-{name}").read_bytes() == (tmp_path / f"b-{name}").read_bytes()


@pytest.mark.parametrize(("name", "exact"), FORMATS)
@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(org=orgs(max_units=10, with_history=True))
def test_generated_orgs_round_trip(name: str, exact: bool, org: Org) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if name in XML_FORMATS and has_xml_illegal(org):
            with pytest.raises(FileError, match="control character"):
                export(org, Path(folder) / name)
            assert not (Path(folder) / name).exists()
            return
        assert_same(org, round_trip(org, Path(folder), name), exact=exact)
