"""Quota parts are whole numbers from 0 to MAX_QUOTA, written as numbers, wherever read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import openpyxl
import pytest
from pydantic import ValidationError

import orgraph
from orgraph import FileError, Quota, load
from orgraph.io.graphml import import_graphml
from orgraph.io.spreadsheet import import_csv, import_xlsx
from orgraph.model import MAX_QUOTA
from orgraph.ops import SetQuota
from orgraph.schema import SCHEMA_DIR, json_schemas

REFUSED = [True, False, "5", "0", 5.0, 0.0, 1e32, 1e23, -1, MAX_QUOTA + 1, [5], {"n": 5}]


def test_the_bound_is_ten_million() -> None:
    assert MAX_QUOTA == 10_000_000


@pytest.mark.parametrize("value", REFUSED, ids=repr)
@pytest.mark.parametrize("part", ["civil_servants", "public_employees", "contracts"])
def test_a_quota_refuses_what_is_not_a_count(part: str, value: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        Quota.model_validate({part: value})
    (error,) = caught.value.errors()
    assert error["loc"] == (part,)


@pytest.mark.parametrize("value", REFUSED, ids=repr)
def test_set_quota_refuses_what_is_not_a_count(value: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        SetQuota.model_validate({"op": "set_quota", "unit": "a", "contracts": value})
    assert [e["loc"] for e in caught.value.errors()] == [("contracts",)]


@pytest.mark.parametrize("value", [0, 1, 250, MAX_QUOTA])
def test_counts_up_to_the_bound_are_kept_exactly(value: int) -> None:
    assert Quota(civil_servants=value).civil_servants == value
    assert type(Quota(civil_servants=value).civil_servants) is int
    assert SetQuota(unit="a", contracts=value).contracts == value
    assert Quota.model_validate_json(f'{{"contracts": {value}}}').contracts == value


def test_json_text_with_a_float_is_refused() -> None:
    with pytest.raises(ValidationError):
        Quota.model_validate_json('{"contracts": 5.0}')


def test_the_message_says_what_a_count_is() -> None:
    with pytest.raises(ValidationError, match=r"whole number from 0 to 10,000,000, not true"):
        Quota(contracts=True)


def test_the_schemas_show_the_bound() -> None:
    schemas = json_schemas()
    org = schemas["org.schema.json"]["$defs"]["Quota"]["properties"]["civil_servants"]
    assert {"type": "integer", "minimum": 0, "maximum": MAX_QUOTA} in org["anyOf"]
    plan = schemas["scenario.schema.json"]["$defs"]["SetQuota"]["properties"]["contracts"]
    assert {"type": "integer", "minimum": 0, "maximum": MAX_QUOTA} in plan["anyOf"]


def test_the_shipped_schema_files_are_up_to_date() -> None:
    for name, document in json_schemas().items():
        assert json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")) == document


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("true", "not true"),
        ('"5"', "not '5'"),
        ("5.0", "not 5.0"),
        ("1e32", "not '1e32'"),  # YAML 1.2 core: 1e32 does not print back, so it is text
        ("10000001", "must be at most 10000000"),
        ("-3", "must be at least 0"),
    ],
)
def test_a_file_with_a_bad_count_is_refused_in_one_line(
    tmp_path: Path, written: str, shown: str
) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "format_version: 1\nname: t\nunits:\n"
        f"  - {{id: a, name: A, kind: office, level: x, quota: {{civil_servants: {written}}}}}\n",
        encoding="utf-8",
    )
    with pytest.raises(FileError) as caught:
        load(path)
    message = str(caught.value)
    assert "\n" not in message
    assert "units[0] (id=a).quota.civil_servants" in message
    assert shown in message


def test_a_scenario_setting_a_float_quota_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "format_version: 1\nname: p\noperations:\n"
        "  - {op: set_quota, unit: a, contracts: 1.0e+23}\n",
        encoding="utf-8",
    )
    with pytest.raises(FileError, match="contracts"):
        orgraph.load_scenario(path)


def _csv(tmp_path: Path, cell: str) -> Path:
    path = tmp_path / "units.csv"
    path.write_text(f"id,name,kind,level,contracts\na,A,office,x,{cell}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("cell", ["true", "5.5", "5.0", "1e3", "-1", "10000001"])
def test_a_csv_count_must_be_a_whole_number_in_range(tmp_path: Path, cell: str) -> None:
    with pytest.raises(FileError, match="contracts"):
        import_csv(_csv(tmp_path, cell))


def test_a_csv_count_is_read(tmp_path: Path) -> None:
    assert import_csv(_csv(tmp_path, "12")).unit("a").quota.contracts == 12


def _xlsx(tmp_path: Path, value: object) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "units"
    sheet.append(["id", "name", "kind", "level", "contracts"])
    sheet.append(["a", "A", "office", "x", value])
    path = tmp_path / "org.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("value", [True, 5.5, 1e32, -1, MAX_QUOTA + 1, "five"])
def test_an_xlsx_count_must_be_a_whole_number_in_range(tmp_path: Path, value: object) -> None:
    with pytest.raises(FileError, match="contracts"):
        import_xlsx(_xlsx(tmp_path, value))


def test_an_xlsx_number_cell_is_a_count(tmp_path: Path) -> None:
    # Spreadsheet numbers are doubles: 7.0 is how a cell holding 7 may come back.
    assert import_xlsx(_xlsx(tmp_path, 7.0)).unit("a").quota.contracts == 7


@pytest.mark.parametrize("value", [5.7, True, "x"])
def test_a_graphml_count_is_not_truncated(tmp_path: Path, value: object) -> None:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="t")
    g.add_node("a", type="unit", name="A", kind="office", level="x", contracts=value)
    nx.write_graphml(g, tmp_path / "g.graphml")
    with pytest.raises(FileError, match="whole number"):
        import_graphml(tmp_path / "g.graphml")


def test_frames_read_whole_floats_and_refuse_the_rest() -> None:
    pd = pytest.importorskip("pandas")

    def units(contracts: list[object]) -> Any:
        return {
            "units": pd.DataFrame(
                {"id": ["a", "b"], "name": ["A", "B"], "kind": ["o", "o"], "level": ["x", "x"]}
                | {"contracts": contracts}
            )
        }

    # A column with a gap is float64 in pandas: 5.0 there is the count 5.
    org = orgraph.from_frames(units([5, None]), name="t")
    assert org.unit("a").quota.contracts == 5
    assert org.unit("b").quota.contracts is None
    for bad in ([5.5, None], [True, False], ["5", "6"]):
        with pytest.raises(FileError, match="contracts"):
            orgraph.from_frames(units(bad), name="t")
