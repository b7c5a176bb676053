"""Histories from tables: the invented example of docs/histories-from-tables.md, every case
of it checked with as_of on the day before, the day of and the day after each boundary."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgraph
from orgraph import FileError
from orgraph.cli import app
from orgraph.io.history_tables import DataWarning, collect_history, parse_date, read_history
from orgraph.lineage import became, came_from

EXAMPLE = Path(__file__).parents[2] / "examples" / "history_tables"
D = date.fromisoformat


@pytest.fixture(scope="module")
def history():
    return collect_history(EXAMPLE / "mapping.yaml")


def active(org, day):
    return sorted(u.id for u in org.as_of(D(day)).units())


def held(org, day):
    return sorted((a.person, a.post) for a in org.as_of(D(day)).appointments())


def around(day):
    when = D(day)
    return [str(when - timedelta(days=1)), day, str(when + timedelta(days=1))]


# (boundary, active units on the day before / of / after)
BOUNDARIES = [
    # a merger with a gap day: A and B end on 1 January 2000, C is founded on the 2nd
    (
        "2000-01-01",
        [
            ["A", "B", "D", "G", "I", "K", "L"],
            ["D", "G", "I", "K", "L"],
            ["C", "D", "G", "I", "K", "L"],
        ],
    ),
    # a demerger where the source ends, with an overlap: E is founded three days before
    (
        "2005-07-01",
        [
            ["C", "D", "E", "G", "I", "K"],
            ["C", "E", "F", "G", "I", "K"],
            ["C", "E", "F", "G", "I", "K"],
        ],
    ),
    (
        "2005-06-28",
        [["C", "D", "G", "I", "K"], ["C", "D", "E", "G", "I", "K"], ["C", "D", "E", "G", "I", "K"]],
    ),
    # a demerger where the source continues: H spun out of G
    (
        "2008-03-01",
        [
            ["C", "E", "F", "G", "I", "K"],
            ["C", "E", "F", "G", "H", "I", "K"],
            ["C", "E", "F", "G", "H", "I", "K"],
        ],
    ),
    # a change of identity: I becomes J
    (
        "2010-06-01",
        [
            ["C", "E", "F", "G", "H", "I", "K"],
            ["C", "E", "F", "G", "H", "J", "K"],
            ["C", "E", "F", "G", "H", "J", "K"],
        ],
    ),
    # a comeback under the same id: L ends in 2001 and is re-established in 2015
    (
        "2001-01-01",
        [["C", "D", "G", "I", "K", "L"], ["C", "D", "G", "I", "K"], ["C", "D", "G", "I", "K"]],
    ),
    (
        "2015-01-01",
        [
            ["C", "E", "F", "G", "H", "J", "K"],
            ["C", "E", "F", "G", "H", "J", "K", "L"],
            ["C", "E", "F", "G", "H", "J", "K", "L"],
        ],
    ),
    # a date known only to the year: B "1996"
    (
        "1996-01-01",
        [
            ["A", "D", "G", "I", "K", "L"],
            ["A", "B", "D", "G", "I", "K", "L"],
            ["A", "B", "D", "G", "I", "K", "L"],
        ],
    ),
]


@pytest.mark.parametrize(("boundary", "expected"), BOUNDARIES, ids=[b for b, _ in BOUNDARIES])
def test_active_units_on_every_boundary(history, boundary, expected):
    org, _ = history
    assert [active(org, day) for day in around(boundary)] == expected


def test_the_structure_is_valid_on_every_boundary_day(history):
    org, _ = history
    for boundary, _ in BOUNDARIES:
        for day in around(boundary):
            assert org.as_of(D(day)).check() == [], day


def test_a_rename_keeps_the_body(history):
    org, _ = history
    names = [org.as_of(D(day)).unit("K").name for day in around("2012-01-01")]
    assert names == ["Office of K", "K Agency", "K Agency"]
    assert org.unit("K").founded == D("1990-01-01")


def test_lineage_agrees_with_the_links_both_ways(history):
    org, _ = history
    edges = sorted((e.predecessor, e.successor, e.change) for e in org.lineage)
    assert edges == [
        ("A", "C", "absorb"),
        ("B", "C", "absorb"),
        ("D", "E", "split"),
        ("D", "F", "split"),
        ("G", "H", "transfer"),
        ("I", "J", "replace"),
    ]
    assert sorted(u.id for u in came_from(org, "C")) == ["A", "B"]
    assert sorted(u.id for u in became(org, "D")) == ["E", "F"]
    assert org.unit("G").ended is None  # the source of the demerger goes on


def test_successors_keep_their_own_founding_dates(history):
    org, _ = history
    assert org.unit("C").founded == D("2000-01-02")
    assert org.unit("E").founded == D("2005-06-28")
    assert org.unit("A").ended == D("2000-01-01")
    assert (org.unit("B").founded_precision, org.unit("B").attrs) == ("year", {})
    (made,) = [e for e in org.history if "B" in e.effects.established]
    assert made.operation.effective_precision == "year"
    assert org.as_of(D("1995-12-31")).has_unit("B") is False
    assert org.as_of(D("1996-01-01")).unit("B").founded_precision == "year"
    assert org.unit("B").founded == D("1996-01-01")


def test_dated_person_names(history):
    org, _ = history
    names = [org.as_of(D(day)).person("p1").name for day in around("2004-05-01")]
    assert names == ["Jane Smith", "Dame Jane Smith", "Dame Jane Smith"]


def test_one_person_in_two_posts_in_two_bodies(history):
    org, _ = history
    assert held(org, "2010-01-01") == [
        ("p2", "g.sec"),
        ("p2", "k.head"),
        ("p3", "i.dir"),
    ]
    assert [len(held(org, d)) for d in around("2013-06-01")] == [3, 2, 2]
    units = {org.post(p).unit for p in ("g.sec", "k.head")}
    assert units == {"G", "K"}


def test_holders_across_the_boundaries(history):
    org, _ = history
    assert [held(org, d) for d in around("2000-01-01")][:2] == [[("p1", "a.head")], []]
    assert held(org, "2000-01-02") == [("p1", "c.head")]
    assert [("p3", "d.min") in held(org, d) for d in around("2005-07-01")] == [True, False, False]
    # the post moves with the body that carries I on, and its holder with it
    assert org.as_of(D("2010-06-01")).post("i.dir").unit == "J"
    assert ("p3", "i.dir") in held(org, "2010-06-01")
    assert org.post("g.sec").attrs == {"rank": "1"}


def test_defects_are_warned_with_file_and_row(history):
    _, warnings = history
    assert warnings == ["organisations.csv row 14: 'L' ends on 2001-01-01 with no link"]


def test_more_defects_and_strict(tmp_path):
    folder = tmp_path / "t"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "appointments.csv").open("a", encoding="utf-8") as f:
        f.write("p2,a.head,1980-01-01,1981-01-01\np3,g.sec,2009-01-01,2008-01-01\n")
    with (folder / "links.csv").open("a", encoding="utf-8") as f:
        f.write("C,E,Merger,2004-01-01\nK,Z,Merger,2001-01-01\n")
    _, warnings = collect_history(folder / "mapping.yaml")
    assert (
        "appointments.csv row 9: the appointment ends (2008-01-01) before it starts; skipped"
        in warnings
    )
    assert any(
        w.startswith("appointments.csv row 8: post 'a.head' is held before") for w in warnings
    )
    assert "links.csv row 9: unit 'Z' is not in the units table; skipped" in warnings
    assert "links.csv row 8: a merge link, but 'C' does not end on 2004-01-01; skipped" in warnings
    assert len(warnings) == 5  # and the unit that ends with no link
    with pytest.raises(FileError, match=r"row"):
        collect_history(folder / "mapping.yaml", strict=True)


def test_bad_mapping_files(tmp_path):
    bad = tmp_path / "m.yaml"
    bad.write_text("format: history\n", encoding="utf-8")
    with pytest.raises(FileError, match="units: Field required"):
        collect_history(bad)
    bad.write_text("format: history\nunits: {file: u.csv, id: id, name: name}\n", encoding="utf-8")
    with pytest.raises(orgraph.OrgraphError, match="file not found"):
        collect_history(bad)
    (tmp_path / "u.csv").write_text("ident,name\nx,X\n", encoding="utf-8")
    with pytest.raises(FileError, match="no column 'id'"):
        collect_history(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1996", (date(1996, 1, 1), "year")),
        ("1996-03", (date(1996, 3, 1), "month")),
        ("1996-03-04", (date(1996, 3, 4), "day")),
        ("", None),
    ],
)
def test_partial_dates(text, expected):
    assert parse_date(text) == expected


def test_cli_import_history(tmp_path):
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        app, ["import", str(EXAMPLE / "mapping.yaml"), "-f", "history", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "with no link" in result.stderr
    org = orgraph.load(out)
    assert active(org, "2000-01-01") == ["D", "G", "I", "K", "L"]
    result = CliRunner().invoke(
        app,
        ["import", str(EXAMPLE / "mapping.yaml"), "-f", "history", "--strict", "-o", str(out)],
    )
    assert result.exit_code == 1
    assert "row 14" in result.stderr


def test_read_history_issues_data_warnings():
    with pytest.warns(DataWarning, match="row 14: 'L' ends on 2001-01-01 with no link"):
        org = read_history(EXAMPLE / "mapping.yaml")
    assert org.equivalent(collect_history(EXAMPLE / "mapping.yaml")[0])
    assert orgraph.read_history is read_history


def test_a_body_that_comes_back_under_a_new_id(tmp_path):
    folder = tmp_path / "t"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "organisations.csv").open("a", encoding="utf-8") as f:
        f.write("M,Old M,1990-01-01,2003-01-01\nM2,New M,2016-01-01,\n")
    with (folder / "links.csv").open("a", encoding="utf-8") as f:
        f.write("M,M2,Name change,2016-01-01\n")
    org, warnings = collect_history(folder / "mapping.yaml")
    assert ("M", "M2", "replace") in [(e.predecessor, e.successor, e.change) for e in org.lineage]
    gap = [("M" in active(org, d), "M2" in active(org, d)) for d in ("2002-12-31", "2010-01-01")]
    assert gap == [(True, False), (False, False)]
    assert [("M2" in active(org, d)) for d in around("2016-01-01")] == [False, True, True]
    assert (
        "links.csv row 8: link dated 2016-01-01 but 'M' ends on 2003-01-01; applied on 2003-01-01"
        in warnings
    )


def test_tables_can_be_sheets_of_a_workbook(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import csv

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in ("organisations", "links"):
        sheet = book.create_sheet(name)
        with (EXAMPLE / f"{name}.csv").open(encoding="utf-8") as f:
            for row in csv.reader(f):
                sheet.append(row)
    book.save(tmp_path / "history.xlsx")
    (tmp_path / "mapping.yaml").write_text(
        "format: history\n"
        "units: {file: history.xlsx, sheet: organisations, id: id, name: name,\n"
        "        founded: start_date, ended: end_date}\n"
        "links: {file: history.xlsx, sheet: links, predecessor: predecessor_id,\n"
        "        successor: successor_id, type: type, date: link_date,\n"
        "        types: {Merger: merge, Demerger: split, Name change: replace}}\n",
        encoding="utf-8",
    )
    org, warnings = collect_history(tmp_path / "mapping.yaml")
    assert [active(org, d) for d in around("2000-01-01")] == BOUNDARIES[0][1]
    assert warnings == ["history.xlsx[organisations] row 14: 'L' ends on 2001-01-01 with no link"]
