"""CSV and XLSX: the id / parent-id sheets, mappings, formulas, Vietnamese and bad input."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgraph import DependencyError, FileError, Org, Unit, UnreadableFileError, load
from orgraph.io.spreadsheet import (
    COLUMNS,
    export_csv,
    export_xlsx,
    import_csv,
    import_xlsx,
    neutralise,
    restore,
)
from tests.helpers import small_org
from tests.io.helpers import EXAMPLE, hostile_org

UNITS_HEADER = "id,name,kind,level,parent_id,civil_servants,founded\n"


def write(path: Path, text: str, *, bom: bool = True) -> Path:
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    return path


def rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


# ---------------------------------------------------------------------------- layout
def test_csv_folder_has_one_file_per_sheet_with_the_documented_columns(tmp_path: Path) -> None:
    export_csv(small_org(), tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(f"{s}.csv" for s in (*COLUMNS, "about"))
    for sheet, columns in COLUMNS.items():
        assert rows(tmp_path / "out" / f"{sheet}.csv")[0] == list(columns)
    units = {r[0]: r for r in rows(tmp_path / "out" / "units.csv")[1:]}
    assert units["b"][COLUMNS["units"].index("parent_id")] == "d"
    assert units["b"][COLUMNS["units"].index("functions")] == "planning statistics"
    assert units["b"][COLUMNS["units"].index("contracts")] == "1"
    assert rows(tmp_path / "out" / "about.csv")[1:] == [
        ["name", "Test district"],
        ["as_of", "2020-01-01"],
    ]


def test_xlsx_has_one_sheet_per_record_type_with_typed_cells(tmp_path: Path) -> None:
    export_xlsx(load(EXAMPLE), tmp_path / "org.xlsx")
    book = openpyxl.load_workbook(tmp_path / "org.xlsx")
    assert book.sheetnames == [*COLUMNS, "about"]
    units = book["units"]
    assert [c.value for c in units[1]] == list(COLUMNS["units"])
    ubkt = next(r for r in units.iter_rows(values_only=True) if r[0] == "ubkt")
    assert ubkt[COLUMNS["units"].index("civil_servants")] == 6  # a number, not text
    assert ubkt[1] == "Ủy ban Kiểm tra Huyện ủy"
    appointment = next(book["appointments"].iter_rows(min_row=2, values_only=True))
    assert appointment[2].year == 2015  # a date cell


def test_a_single_csv_file_carries_the_units(tmp_path: Path) -> None:
    org = small_org()
    export_csv(org, tmp_path / "units.csv")
    again = import_csv(tmp_path / "units.csv")
    assert again.units(include_ended=True) == org.units(include_ended=True)
    assert again.posts() == [] and again.name == "units"


def test_vietnamese_survives_with_a_byte_order_mark_for_excel(tmp_path: Path) -> None:
    export_csv(load(EXAMPLE), tmp_path / "out")
    raw = (tmp_path / "out" / "units.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Huyện Đầm Hà".encode() in raw
    assert import_csv(tmp_path / "out").unit("dam-ha").name == "Huyện Đầm Hà"


# ---------------------------------------------------------------------------- formulas
@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+84 912", "'+84 912"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("'=x", "''=x"),
        ("'plain", "'plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_table(text: str, written: str) -> None:
    assert neutralise(text) == written
    assert restore(written) == text


@given(st.text(max_size=6))
def test_restore_undoes_neutralise(text: str) -> None:
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_like_text_is_written_inert_and_read_back_exactly(tmp_path: Path, fmt: str) -> None:
    org = hostile_org()
    if fmt == "csv":
        export_csv(org, tmp_path / "out")
        cells = {r[0]: r for r in rows(tmp_path / "out" / "units.csv")[1:]}
        again = import_csv(tmp_path / "out")
    else:
        export_xlsx(org, tmp_path / "org.xlsx")
        sheet = openpyxl.load_workbook(tmp_path / "org.xlsx")["units"]
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
        cells = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
        again = import_xlsx(tmp_path / "org.xlsx")
    assert cells["'=f"][1] == '\'=HYPERLINK("http://x")'
    assert cells["'=f"][COLUMNS["units"].index("code")] == "'-007"
    assert cells["q"][1] == "''=already quoted"
    assert again.equivalent(org)
    assert again.name == org.name


# ---------------------------------------------------------------------------- mapping
def test_mapping_reads_an_hr_export_with_its_own_headers(tmp_path: Path) -> None:
    path = write(
        tmp_path / "don_vi.csv",
        "Mã;Tên đơn vị;Loại;Cấp;Trực thuộc;Biên chế;Ghi chú\n"
        "UB;Ủy ban nhân dân huyện;people_committee;district;;3;\n"
        "NV;Phòng Nội vụ;office;district;UB;6;extra columns are ignored\n",
    )
    org = import_csv(
        path,
        mapping={
            "id": "Mã",
            "name": "tên đơn vị",  # headers match without regard to case
            "kind": "Loại",
            "level": "Cấp",
            "parent_id": "Trực thuộc",
            "civil_servants": "Biên chế",
        },
        name="Huyện",
    )
    assert org.name == "Huyện"
    assert org.unit("NV").parent == "UB"
    assert org.unit("NV").quota.civil_servants == 6


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_and_import_with_the_same_mapping(tmp_path: Path, fmt: str) -> None:
    mapping = {"id": "Mã", "units.name": "Tên đơn vị", "posts.title": "Chức danh"}
    org = load(EXAMPLE)
    if fmt == "csv":
        export_csv(org, tmp_path / "out", mapping=mapping)
        assert rows(tmp_path / "out" / "units.csv")[0][:2] == ["Mã", "Tên đơn vị"]
        assert rows(tmp_path / "out" / "posts.csv")[0][:3] == ["Mã", "unit_id", "Chức danh"]
        assert import_csv(tmp_path / "out", mapping=mapping).equivalent(org)
    else:
        export_xlsx(org, tmp_path / "org.xlsx", mapping=mapping)
        assert import_xlsx(tmp_path / "org.xlsx", mapping=mapping).equivalent(org)


@pytest.mark.parametrize("mapping", [{"idd": "Mã"}, {"nosheet.id": "Mã"}, {"posts.parent_id": "x"}])
def test_an_unknown_column_in_the_mapping_is_refused(tmp_path: Path, mapping) -> None:
    with pytest.raises(ValueError, match="unknown column"):
        export_csv(small_org(), tmp_path / "out", mapping=mapping)


# ---------------------------------------------------------------------------- bad input
BAD_UNITS = [
    pytest.param(
        "id,name,level\nd,District,district\n",
        "row 1, column 'kind': missing column",
        id="missing-column",
    ),
    pytest.param(
        UNITS_HEADER + "d,District,district,district,,3,\na,Office,office,district,d,abc,\n",
        "row 3, column 'civil_servants': expected a whole number, not 'abc'",
        id="bad-number",
    ),
    pytest.param(
        UNITS_HEADER + "d,District,district,district,,-1,\n",
        "row 2, column 'civil_servants': must be at least 0, not -1",
        id="negative-number",
    ),
    pytest.param(
        UNITS_HEADER + "d,District,district,district,,,\na,Office,office,district,zzz,,\n",
        "row 3, column 'parent_id': unknown unit 'zzz' (not found)",
        id="unknown-parent",
    ),
    pytest.param(
        UNITS_HEADER + "d,District,district,district,,,1.2.2020\n",
        "row 2, column 'founded': expected a date as YYYY-MM-DD (or YYYY-MM, YYYY), not '1.2.2020'",
        id="bad-date",
    ),
    pytest.param(
        UNITS_HEADER + "d,District,district,district,,,\nd,Again,office,district,,,\n",
        "row 3, column 'id': id 'd' is used by another unit",
        id="duplicate-id",
    ),
    pytest.param(
        UNITS_HEADER + "d,,district,district,,,\n",
        "row 2, column 'name': this cell must not be empty",
        id="empty-name",
    ),
    pytest.param(
        UNITS_HEADER + "d,District,district level,district,,,\n",
        "row 2, column 'kind': a code is ASCII letters, digits and _ . - "
        "(starting with a letter or digit): 'district level'",
        id="bad-code",
    ),
    pytest.param(
        UNITS_HEADER + "a,A,office,district,b,,\nb,B,office,district,a,,\n",
        "row 2: parent hierarchy has a cycle",
        id="cycle",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD_UNITS)
def test_bad_csv_names_file_row_and_column_in_one_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path / "units.csv", text)
    with pytest.raises(FileError) as info:
        import_csv(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {expected}")
    assert "\n" not in message
    assert info.value.path == str(path)
    assert info.value.violations


@pytest.mark.parametrize(("text", "expected"), BAD_UNITS[:4])
def test_bad_xlsx_names_sheet_row_and_column(tmp_path: Path, text: str, expected: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "units"
    for line in csv.reader(io.StringIO(text)):
        sheet.append(line)
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(FileError) as info:
        import_xlsx(tmp_path / "bad.xlsx")
    assert str(info.value).startswith(f"{tmp_path / 'bad.xlsx'}: sheet 'units', {expected}")
    assert info.value.item.startswith("sheet 'units', row ")


def test_errors_name_the_column_as_the_file_does(tmp_path: Path) -> None:
    path = write(tmp_path / "u.csv", "Mã,Tên,kind,level,Trực thuộc\nx,X,k,l,nowhere\n")
    with pytest.raises(FileError) as info:
        import_csv(path, mapping={"id": "Mã", "name": "Tên", "parent_id": "Trực thuộc"})
    assert info.value.item == "row 2, column 'Trực thuộc'"


def test_problems_in_other_sheets_name_their_file(tmp_path: Path) -> None:
    export_csv(small_org(), tmp_path / "out")
    posts = tmp_path / "out" / "posts.csv"
    posts.write_text(posts.read_text(encoding="utf-8-sig").replace(",a,", ",nowhere,", 1))
    with pytest.raises(FileError) as info:
        import_csv(tmp_path / "out")
    assert (
        str(info.value) == f"{posts}: row 2, column 'unit_id': unknown unit 'nowhere' (not found)"
    )


def test_appointment_to_an_unknown_person(tmp_path: Path) -> None:
    export_csv(small_org(), tmp_path / "out")
    path = tmp_path / "out" / "appointments.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("p2,", "a.head,", 1))
    with pytest.raises(
        FileError,
        match=r"row 3, column 'person_id': unknown person 'a.head' "
        r"\(a post, not a person\)",
    ):
        import_csv(tmp_path / "out")


def test_semicolons_and_no_byte_order_mark_are_read(tmp_path: Path) -> None:
    path = write(tmp_path / "u.csv", "id;name;kind;level\nd;Huyện;district;district\n", bom=False)
    assert import_csv(path).unit("d").name == "Huyện"


def test_a_folder_without_units_csv(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match=r"no units\.csv"):
        import_csv(tmp_path)


def test_excel_unicode_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_bytes("id\tname\tkind\tlevel\nd\tHuyện\tk\tl\n".encode("utf-16"))
    assert import_csv(path).unit("d").name == "Huyện"


def test_a_windows_code_page_needs_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    # Windows-1258 writes "ệ" as "ê" and a combining dot below.
    path.write_bytes("id,name,kind,level\nd,Huy\u00ea\u0323n,k,l\n".encode("cp1258"))
    with pytest.raises(UnreadableFileError, match=r"not UTF-8 text .* give its encoding"):
        import_csv(path)
    assert import_csv(path, encoding="cp1258").unit("d").name == "Huyện"
    with pytest.raises(ValueError, match="unknown encoding 'klingon'"):
        import_csv(path, encoding="klingon")


def test_not_a_workbook(tmp_path: Path) -> None:
    path = write(tmp_path / "fake.xlsx", "id,name\n")
    with pytest.raises(UnreadableFileError, match="not an XLSX workbook"):
        import_xlsx(path)


def test_a_control_character_cannot_go_to_xlsx_and_nothing_is_written(tmp_path: Path) -> None:
    org = small_org()
    # Built unchecked: the model itself refuses control characters.
    unit = Unit.model_construct(id="u", name="a\x01b", kind="k", level="l")
    bad = Org.create(name="x", units=[unit])
    with pytest.raises(FileError, match="control character") as info:
        export_xlsx(bad, tmp_path / "org.xlsx")
    assert info.value.item == "sheet 'units', row 2"
    assert list(tmp_path.iterdir()) == []
    export_xlsx(org, tmp_path / "org.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["org.xlsx"]


def test_missing_openpyxl_says_how_to_install_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(DependencyError, match=r"pip install 'orgraph\[xlsx\]'"):
        export_xlsx(small_org(), tmp_path / "org.xlsx")
    with pytest.raises(DependencyError):
        import_xlsx(tmp_path / "org.xlsx")
    assert not (tmp_path / "org.xlsx").exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_mapping_can_rename_sheets(tmp_path: Path, fmt: str) -> None:
    org = load(EXAMPLE)
    mapping = {"units": "Đơn vị", "posts": "Chức danh", "id": "Mã"}
    if fmt == "csv":
        export_csv(org, tmp_path / "out", mapping=mapping)
        assert (tmp_path / "out" / "Đơn vị.csv").is_file()
        assert (tmp_path / "out" / "Chức danh.csv").is_file()
        again = import_csv(tmp_path / "out", mapping={**mapping, "units": "đơn VỊ"})
    else:
        export_xlsx(org, tmp_path / "org.xlsx", mapping=mapping)
        book = openpyxl.load_workbook(tmp_path / "org.xlsx")
        assert book.sheetnames[:2] == ["Đơn vị", "Chức danh"]
        again = import_xlsx(tmp_path / "org.xlsx", mapping={**mapping, "units": "đơn VỊ"})
    assert again.equivalent(org)


def test_errors_name_a_renamed_sheet_as_the_workbook_does(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Đơn vị"
    book.active.append(["id", "name", "kind", "level", "parent_id"])
    book.active.append(["x", "X", "k", "l", "nowhere"])
    book.save(tmp_path / "hr.xlsx")
    with pytest.raises(FileError) as info:
        import_xlsx(tmp_path / "hr.xlsx", mapping={"units": "đơn vị"})
    assert info.value.item == "sheet 'Đơn vị', row 2, column 'parent_id'"
    with pytest.raises(FileError, match="the workbook has no 'units' sheet"):
        import_xlsx(tmp_path / "hr.xlsx")


@pytest.mark.parametrize("title", ["a/b", "x" * 32, "[1]"])
def test_a_sheet_name_excel_refuses_is_refused(tmp_path: Path, title: str) -> None:
    with pytest.raises(ValueError, match="cannot name a sheet"):
        export_xlsx(small_org(), tmp_path / "org.xlsx", mapping={"units": title})


def test_an_empty_units_file(tmp_path: Path) -> None:
    path = write(tmp_path / "units.csv", "")
    with pytest.raises(FileError, match="row 1: the sheet is empty"):
        import_csv(path)
