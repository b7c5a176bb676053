"""Dates known only to the year or the month: read, compared, kept, shown and written."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from orgraph import Appointment, FileError, Org, Post, Unit, apply, load, save
from orgraph.cli import app
from orgraph.model import date_text


def unit(**fields):
    return Unit(id="a", name="A", kind="office", level="district", **fields)


def test_a_year_or_a_month_is_its_first_day_with_its_precision():
    u = unit(founded="1996", ended="2001-05")
    assert (u.founded, u.founded_precision) == (date(1996, 1, 1), "year")
    assert (u.ended, u.ended_precision) == (date(2001, 5, 1), "month")
    assert unit(founded="1996-03-04").founded_precision == "day"
    assert unit(founded=date(1996, 3, 4)).founded_precision == "day"
    a = Appointment(person="p", post="q", start="2003", end="2004-11")
    assert (a.start, a.start_precision, a.end, a.end_precision) == (
        date(2003, 1, 1),
        "year",
        date(2004, 11, 1),
        "month",
    )
    # Given as a saved file gives it back.
    again = unit(founded="1996-01-01", founded_precision="year")
    assert again == unit(founded="1996")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"founded": 1996}, "founded"),
        ({"ended": 2001}, "ended"),
        ({"founded": "1996-13"}, "no month 13"),
        ({"founded": "1996", "founded_precision": "month"}, "known to the year, not the month"),
        ({"founded": "1996-05-04", "founded_precision": "year"}, "give 1 January"),
        ({"founded": "1996-05-04", "founded_precision": "month"}, "give the 1st of the month"),
        ({"founded_precision": "year"}, "founded_precision year with no founded"),
        ({"founded": "1996", "ended": "1995"}, "is before founded"),
    ],
)
def test_bad_reduced_dates_are_refused(fields, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        unit(**fields)


def test_a_bare_year_in_a_file_is_refused_with_a_hint_to_quote_it(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(
        "format_version: 1\nname: T\nunits:\n- {id: a, name: A, kind: k, level: l, founded: 1996}\n"
    )
    with pytest.raises(FileError) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}: units[0] (id=a).founded: write the date as YYYY-MM-DD, quoted ('1996-01-01',"
        " or '1996' for the year alone), not 1996"
    )
    quoted = 'founded: "1996"'
    path.write_text(
        f"format_version: 1\nname: T\nunits:\n- {{id: a, name: A, kind: k, level: l, {quoted}}}\n"
    )
    assert load(path).unit("a").founded_precision == "year"


def history() -> Org:
    org = Org.create(
        name="T",
        date=date(1990, 1, 1),
        units=[
            unit(founded="1980"),
            Unit(id="b", name="B", kind="office", level="district", founded="1985-06"),
        ],
        posts=[Post(id="a.head", unit="a", title="Head", role="head")],
    )
    return apply(
        org,
        [
            {
                "op": "appoint",
                "person": {"id": "p", "name": "P"},
                "post": "a.head",
                "effective": "1992-04",
            },
            {
                "op": "merge",
                "sources": ["a", "b"],
                "into": {"id": "ab", "name": "AB"},
                "effective": "1996",
            },
            {"op": "release", "person": "p", "post": "a.head", "effective": "1998-07"},
        ],
    )


def test_an_operation_dated_to_the_year_gives_its_precision_to_what_it_does():
    org = history()
    assert org.history[1].operation.effective_precision == "year"
    assert {(e.predecessor, e.effective, e.effective_precision) for e in org.lineage} == {
        ("a", date(1996, 1, 1), "year"),
        ("b", date(1996, 1, 1), "year"),
    }
    assert (org.unit("ab").founded, org.unit("ab").founded_precision) == (date(1996, 1, 1), "year")
    assert org.unit("a").ended_precision == "year"
    (held,) = org.appointments(person="p", include_ended=True)
    assert (held.start_precision, held.end, held.end_precision) == (
        "month",
        date(1998, 7, 1),
        "month",
    )
    # A founding date of its own keeps its own precision.
    spec = {"id": "x", "name": "X", "founded": "1998-12"}
    later = apply(org, [{"op": "spin_off", "source": "ab", "into": spec, "effective": "1999"}])
    assert (later.unit("x").founded, later.unit("x").founded_precision) == (
        date(1998, 12, 1),
        "month",
    )


def test_as_of_counts_a_reduced_date_from_its_first_day():
    org = history()
    assert org.as_of(date(1995, 12, 31)).unit("a").ended is None
    assert org.as_of(date(1996, 1, 1)).unit("a").ended == date(1996, 1, 1)
    assert not org.as_of(date(1995, 12, 31)).has_unit("ab")
    plain = Org.create(name="T", units=[unit(founded="1996-05")])
    assert not plain.as_of(date(1996, 4, 30)).has_unit("a")
    assert plain.as_of(date(1996, 5, 1)).has_unit("a")
    # A record reopened by as_of is known to the day again (its end is gone).
    then = org.as_of(date(1995, 1, 1))
    assert then.unit("a").ended_precision == "day"
    assert then.check() == []


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_save_and_load_keep_the_precision_and_leave_out_day(tmp_path, suffix):
    org = history()
    path = tmp_path / f"org{suffix}"
    save(org, path)
    text = path.read_text()
    assert "founded_precision: year" in text or '"founded_precision": "year"' in text
    assert "precision: day" not in text and '"day"' not in text
    assert load(path) == org
    earlier = tmp_path / f"earlier{suffix}"
    save(org.as_of(date(1993, 1, 1)), earlier)
    assert load(earlier).equivalent(org.as_of(date(1993, 1, 1)))


def test_date_text():
    assert date_text(date(1996, 1, 1), "year") == "1996"
    assert date_text(date(1996, 5, 1), "month") == "1996-05"
    assert date_text(date(1996, 5, 1)) == "1996-05-01"
    assert date_text(None, "year") is None


def test_cli_shows_and_tables_print_the_known_part(tmp_path):
    path = tmp_path / "org.json"
    save(history(), path)
    runner = CliRunner()
    shown = runner.invoke(app, ["show", str(path), "a"])
    assert shown.exit_code == 0, shown.output
    assert "  founded: 1980\n" in shown.stdout and "  ended: 1996\n" in shown.stdout
    assert "(ended 1996)" in shown.stdout
    assert "lineage: a -> ab (merge, 1996)" in shown.stdout
    shown = runner.invoke(app, ["show", str(path), "b", "--json"])
    data = json.loads(shown.stdout)
    assert (data["founded"], data["founded_precision"]) == ("1985-06-01", "month")
    rows = {
        r["id"]: r
        for r in csv.DictReader(
            io.StringIO(runner.invoke(app, ["units", str(path), "--csv", "--all"]).stdout)
        )
    }
    assert (rows["a"]["founded"], rows["a"]["ended"], rows["b"]["founded"]) == (
        "1980",
        "1996",
        "1985-06",
    )
    lineage = runner.invoke(app, ["lineage", str(path), "--csv"]).stdout.splitlines()
    assert lineage[0].endswith("change,effective,event")
    assert lineage[1].endswith(",merge,1996,e2")
    table = runner.invoke(app, ["lineage", str(path)])
    assert " 1996 " in table.stdout


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_spreadsheets_write_and_read_the_known_part(tmp_path, fmt):
    from orgraph.io.interchange import export, import_

    org = history()
    out = tmp_path / ("folder" if fmt == "csv" else "org.xlsx")
    export(org, out)
    back = import_(out)
    assert back.unit("a").founded_precision == "year"
    assert (back.unit("b").founded, back.unit("b").founded_precision) == (
        date(1985, 6, 1),
        "month",
    )
    (held,) = back.appointments(person="p", include_ended=True)
    assert (held.start_precision, held.end_precision) == ("month", "month")


@pytest.mark.parametrize("name", ["org.graphml", "org.ttl", "org.jsonld", "org.popolo.json"])
def test_interchange_formats_keep_the_precision(tmp_path, name):
    from orgraph.io.interchange import export, import_

    org = history()
    export(org, tmp_path / name)
    back = import_(tmp_path / name)
    assert back == org
    assert (back.unit("b").founded_precision, back.unit("a").ended_precision) == ("month", "year")
    (held,) = back.appointments(person="p", include_ended=True)
    assert (held.start_precision, held.end_precision) == ("month", "month")
    text = (tmp_path / name).read_text()
    if name == "org.popolo.json":
        assert '"founding_date": "1985-06"' in text
    if name == "org.ttl":
        assert '"1985-06"^^xsd:gYearMonth' in text
