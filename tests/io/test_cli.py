"""orgraph import and orgraph export on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgraph import load, save
from orgraph.cli import app
from tests.io.helpers import EXAMPLE, history_org

runner = CliRunner()


@pytest.fixture
def org_file(tmp_path: Path) -> Path:
    path = tmp_path / "org.yaml"
    save(history_org(), path)
    return path


@pytest.mark.parametrize(
    "name",
    ["folder", "units.csv", "org.xlsx", "org.graphml", "org.ttl", "org.jsonld", "org.popolo.json"],
)
def test_export_then_import(tmp_path: Path, org_file: Path, name: str) -> None:
    target = tmp_path / name
    result = runner.invoke(app, ["export", str(org_file), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.stdout
    result = runner.invoke(app, ["import", str(target), "-o", str(tmp_path / "back.json")])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stdout and "units" in result.stdout
    back, org = load(tmp_path / "back.json"), load(org_file)
    if name == "units.csv":
        assert back.units(include_ended=True) == org.units(include_ended=True)
    else:
        assert back.equivalent(org)


def test_format_and_map_options(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "export",
            str(EXAMPLE),
            "-o",
            str(tmp_path / "hr"),
            "--format",
            "csv",
            "--map",
            "id=Mã,name=Tên đơn vị",
            "--map",
            "parent_id=Trực thuộc",
        ],
    )
    assert result.exit_code == 0, result.output
    header = (tmp_path / "hr" / "units.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Mã,Tên đơn vị,kind,level,bloc,Trực thuộc,")
    result = runner.invoke(
        app,
        [
            "import",
            str(tmp_path / "hr"),
            "-o",
            str(tmp_path / "back.yaml"),
            "--map",
            "id=Mã,name=Tên đơn vị,parent_id=Trực thuộc",
            "--name",
            "Đầm Hà",
        ],
    )
    assert result.exit_code == 0, result.output
    back = load(tmp_path / "back.yaml")
    assert back.name == "Đầm Hà" and back.equivalent(load(EXAMPLE))


def test_bad_input_is_one_line_exit_1_and_nothing_written(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text("id,name,kind,level,civil_servants\nd,D,k,l,many\n", encoding="utf-8")
    out = tmp_path / "org.yaml"
    result = runner.invoke(app, ["import", str(units), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"orgraph: error: {units}: row 2, column 'civil_servants': "
        "expected a whole number, not 'many'\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--map", "id"], 2, "is not COLUMN=HEADER"),
        (["--map", "nothing=x"], 2, "unknown column or sheet 'nothing'"),
        (["--format", "dot"], 2, "'dot' is not one of 'csv', 'xlsx'"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, org_file: Path, args, code, message) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", str(org_file), "-o", str(out), *args])
    assert result.exit_code == code
    assert message in result.output
    assert not out.exists()


def test_map_is_for_spreadsheets_only(tmp_path: Path, org_file: Path) -> None:
    result = runner.invoke(
        app, ["export", str(org_file), "-o", str(tmp_path / "x.ttl"), "--map", "id=Mã"]
    )
    assert result.exit_code == 2
    assert "CSV and XLSX only" in result.output


def test_export_rdf_with_a_base(tmp_path: Path, org_file: Path) -> None:
    out = tmp_path / "x.ttl"
    result = runner.invoke(
        app, ["export", str(org_file), "-o", str(out), "--base", "https://data.example.vn/"]
    )
    assert result.exit_code == 0
    assert "<https://data.example.vn/unit/ab>" in out.read_text(encoding="utf-8")


def test_unknown_output_suffix_exits_2(tmp_path: Path, org_file: Path) -> None:
    result = runner.invoke(app, ["export", str(org_file), "-o", str(tmp_path / "x.xls")])
    assert result.exit_code == 2
    assert result.stderr.startswith("orgraph: error: ")
    assert not (tmp_path / "x.xls").exists()


def test_import_needs_a_native_output(tmp_path: Path, org_file: Path) -> None:
    result = runner.invoke(app, ["import", str(org_file), "-o", str(tmp_path / "x.ttl")])
    assert result.exit_code == 2
    assert "must end in .yaml" in result.output


def test_import_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["import", str(tmp_path / "no.graphml"), "-o", str(tmp_path / "x.yaml")]
    )
    assert result.exit_code == 2
    assert "file not found" in result.stderr


def test_import_a_native_file_under_a_new_name(tmp_path: Path, org_file: Path) -> None:
    out = tmp_path / "renamed.json"
    result = runner.invoke(app, ["import", str(org_file), "-o", str(out), "--name", "Mới"])
    assert result.exit_code == 0, result.output
    assert load(out).name == "Mới"


def test_import_a_csv_in_a_windows_code_page(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    # Windows-1258 writes "ệ" as "ê" and a combining dot below.
    path.write_bytes("id,name,kind,level\nd,Huy\u00ea\u0323n,k,l\n".encode("cp1258"))
    out = tmp_path / "org.yaml"
    result = runner.invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 2 and "give its encoding" in result.stderr
    result = runner.invoke(app, ["import", str(path), "-o", str(out), "--encoding", "cp1258"])
    assert result.exit_code == 0, result.output
    assert load(out).unit("d").name == "Huyện"


def test_a_foreign_graphml_imports_with_map(tmp_path: Path) -> None:
    import networkx as nx

    g = nx.DiGraph()
    g.add_node("n1", label="Bộ Nội vụ")
    g.add_node("n2", label="Vụ Tổ chức")
    g.add_node("n3", label="Phòng Một")
    g.add_edge("n2", "n1")  # child -> parent, as many data sets have it
    g.add_edge("n3", "n2")
    source = tmp_path / "foreign.graphml"
    nx.write_graphml(g, source)
    out = tmp_path / "org.yaml"
    refused = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert refused.exit_code == 1 and "none of the 3 node(s)" in refused.stderr
    assert not out.exists()
    result = runner.invoke(
        app,
        [
            "import",
            str(source),
            "-o",
            str(out),
            "--map",
            "name=label,edges=child->parent",
            "--set",
            "kind=office",
            "--set",
            "level=central",
        ],
    )
    assert result.exit_code == 0, result.output
    org = load(out)
    assert [u.id for u in org.roots()] == ["n1"]
    assert org.unit("n3").parent == "n2" and org.unit("n2").name == "Vụ Tổ chức"
    assert {u.kind for u in org.units()} == {"office"}


def test_set_gives_values_a_spreadsheet_lacks(tmp_path: Path) -> None:
    source = tmp_path / "units.csv"
    source.write_text("id,name,parent_id\nt,Tỉnh,\nx,Xã A,t\n", encoding="utf-8")
    out = tmp_path / "org.yaml"
    refused = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert refused.exit_code == 1 and "missing column" in refused.stderr
    result = runner.invoke(
        app,
        ["import", str(source), "-o", str(out), "--set", "kind=admin", "--set", "units.level=x"],
    )
    assert result.exit_code == 0, result.output
    assert {(u.kind, u.level) for u in load(out).units()} == {("admin", "x")}
    bad = runner.invoke(app, ["import", str(source), "-o", str(out), "--set", "nothing=1"])
    assert bad.exit_code == 2 and "unknown column 'nothing' to set" in bad.stderr
