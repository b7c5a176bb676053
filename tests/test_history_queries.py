"""name_history, function_history and post_lineage read back what the history did."""

from __future__ import annotations

from datetime import date

import pytest

from orgraph import UnknownIdError, apply
from orgraph.history_queries import function_history, name_history, post_lineage
from tests.helpers import small_org


def history():
    return apply(
        small_org(),
        [
            {
                "op": "rename",
                "unit": "a",
                "name": "Phòng Tài chính - Kế hoạch",
                "effective": "2021-01-01",
            },
            {
                "op": "rename_person",
                "person": "p1",
                "name": "Nguyễn Văn An (Dr)",
                "effective": "2021-06-01",
            },
            {
                "op": "spin_off",
                "source": "b",
                "into": {"id": "st", "name": "Thống kê"},
                "functions": ["statistics"],
                "effective": "2022-01-01",
            },
            {"op": "absorb", "sources": ["st"], "into": "a", "effective": "2023-01-01"},
            {"op": "rename", "unit": "a", "name": "Phòng Tổng hợp", "effective": "2024-01-01"},
            {
                "op": "continue_post",
                "post": "a.head",
                "into": {"id": "a.director", "unit": "a", "title": "Giám đốc", "role": "director"},
                "effective": "2024-02-01",
            },
        ],
    )


def spells(found):
    return [(s.name, s.start, s.end) for s in found]


def test_name_history_of_a_unit_and_a_person():
    org = history()
    assert spells(name_history(org, "a")) == [
        ("Phòng Tài chính", None, date(2021, 1, 1)),
        ("Phòng Tài chính - Kế hoạch", date(2021, 1, 1), date(2024, 1, 1)),
        ("Phòng Tổng hợp", date(2024, 1, 1), None),
    ]
    assert spells(name_history(org, "p1")) == [
        ("Nguyễn Văn An", None, date(2021, 6, 1)),
        ("Nguyễn Văn An (Dr)", date(2021, 6, 1), None),
    ]
    assert spells(name_history(org, "st")) == [("Thống kê", date(2022, 1, 1), date(2023, 1, 1))]
    with pytest.raises(UnknownIdError):
        name_history(org, "nobody")


def test_function_history_follows_spin_off_and_absorb():
    found = [
        (s.unit, s.start, s.end, s.came_through, s.left_through)
        for s in function_history(history(), "statistics")
    ]
    assert found == [
        ("b", None, date(2022, 1, 1), None, "spin_off"),
        ("st", date(2022, 1, 1), date(2023, 1, 1), "spin_off", "absorb"),
        ("a", date(2023, 1, 1), None, "absorb", None),
    ]


def test_function_history_from_record_dates_alone():
    from orgraph import Org, Unit

    org = Org.create(
        name="T",
        units=[
            Unit(
                id="x",
                name="X",
                kind="k",
                level="l",
                functions={"f"},
                founded=date(1990, 1, 1),
                ended=date(2000, 1, 1),
            ),
            Unit(id="y", name="Y", kind="k", level="l", functions={"f"}, founded=date(2000, 1, 1)),
        ],
    )
    assert [(s.unit, s.start, s.end) for s in function_history(org, "f")] == [
        ("x", date(1990, 1, 1), date(2000, 1, 1)),
        ("y", date(2000, 1, 1), None),
    ]


def test_post_lineage():
    assert post_lineage(history(), "a.head") == [("a.head", "a.director", date(2024, 2, 1), "e6")]


def test_post_lineage_traces_back_and_both_ways():
    org = apply(
        history(),
        [
            {
                "op": "continue_post",
                "post": "a.director",
                "into": {"id": "a.chief", "unit": "a", "title": "Chief", "role": "head"},
                "effective": "2024-06-01",
            }
        ],
    )
    chain = [
        ("a.head", "a.director", date(2024, 2, 1), "e6"),
        ("a.director", "a.chief", date(2024, 6, 1), org.history[-1].id),
    ]
    assert post_lineage(org, "a.chief") == []
    assert post_lineage(org, "a.chief", direction="backward") == chain
    assert post_lineage(org, "a.director", direction="backward") == chain[:1]
    assert post_lineage(org, "a.director", direction="both") == chain
    assert post_lineage(org, "a.head", direction="forward") == chain


def test_cli_lineage_of_a_post(tmp_path):
    import csv
    import io

    from typer.testing import CliRunner

    from orgraph import save
    from orgraph.cli import app

    path = tmp_path / "org.json"
    save(history(), path)
    runner = CliRunner()
    result = runner.invoke(app, ["lineage", str(path), "--post", "a.director", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "post_id",
        "post_title",
        "continued_as_id",
        "continued_as_title",
        "effective",
        "event",
    ]
    org = history()
    assert rows[1] == [
        "a.head",
        org.post("a.head").title,
        "a.director",
        org.post("a.director").title,
        "2024-02-01",
        "e6",
    ]
    table = runner.invoke(app, ["lineage", str(path), "--post", "a.director", "--lang", "vi"])
    assert table.exit_code == 0 and "được kế thừa bởi" in table.stdout
    missing = runner.invoke(app, ["lineage", str(path), "--post", "nope"])
    assert missing.exit_code == 1 and "nope" in missing.output


def test_cli_lineage_function_and_show_former_names(tmp_path):
    import csv
    import io

    from typer.testing import CliRunner

    from orgraph import save
    from orgraph.cli import app

    path = tmp_path / "org.json"
    save(history(), path)
    runner = CliRunner()
    result = runner.invoke(app, ["lineage", str(path), "--function", "statistics", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "unit_id",
        "unit_name",
        "start",
        "end",
        "came_by",
        "came_through",
        "left_by",
        "left_through",
    ]
    assert [r[0] for r in rows[1:]] == ["b", "st", "a"]
    assert rows[2][2:] == ["2022-01-01", "2023-01-01", "e3", "spin_off", "e4", "absorb"]
    result = runner.invoke(app, ["lineage", str(path), "--csv"])
    assert result.stdout.splitlines()[0] == (
        "predecessor_id,predecessor_name,successor_id,successor_name,change,effective,event"
    )
    result = runner.invoke(app, ["show", str(path), "a"])
    assert result.exit_code == 0, result.output
    assert "former name: Phòng Tài chính (? to 2021-01-01)" in result.stdout
    assert "former name: Phòng Tài chính - Kế hoạch (2021-01-01 to 2024-01-01)" in result.stdout


def test_diff_across_history_says_what_changed_between_its_two_dates_only():
    from orgraph import Org, Unit, diff
    from orgraph.changes import between

    org = Org.create(
        name="T",
        date=date(1980, 1, 1),
        units=[
            Unit(id="a", name="A", kind="k", level="l"),
            Unit(id="b", name="B", kind="k", level="l"),
            Unit(id="c", name="C", kind="k", level="l"),
        ],
    )
    final = apply(
        org,
        [
            {"op": "absorb", "sources": ["a"], "into": "b", "effective": "1983-01-01"},
            {
                "op": "replace",
                "unit": "b",
                "by": {"id": "b2", "name": "B2"},
                "effective": "2016-01-01",
            },
            {"op": "absorb", "sources": ["c"], "into": "b2", "effective": "2017-01-01"},
        ],
    )
    then = final.as_of(date(2015, 1, 1))
    done = between(then, final)
    (new,) = done.established
    assert (new.id, new.predecessors, new.known_predecessors) == ("b2", ("b", "c"), ("b", "c"))
    assert diff(then, final).units_added[0].predecessors == ["b", "c"]
    whole = between(org, final)  # from 1980: the 1983 absorb is part of it
    assert whole.established[0].known_predecessors == ("b", "c", "a")


def facts_history():
    return apply(
        small_org(),
        [
            {"op": "reparent", "unit": "s", "parent": "b", "effective": "2021-03-01"},
            {"op": "change_funding", "unit": "b", "funding": "partial", "effective": "2022-01-01"},
            {"op": "absorb", "sources": ["b"], "into": "a", "effective": "2023-01-01"},
            {"op": "change_funding", "unit": "a", "funding": "self", "effective": "2023-06-01"},
        ],
    )


def test_fact_history_of_parent_funding_and_kind():
    from orgraph.history_queries import FACTS, fact_history, unit_history

    org = facts_history()
    rows = [(s.value, s.start, s.end, s.event, s.change) for s in fact_history(org, "s", "parent")]
    assert rows == [
        ("a", None, date(2021, 3, 1), None, None),
        ("b", date(2021, 3, 1), date(2023, 1, 1), "e1", "reparent"),
        ("a", date(2023, 1, 1), None, "e3", "absorb"),
    ]
    rows = [(s.value, s.start, s.end, s.change) for s in fact_history(org, "b", "funding")]
    assert rows == [
        ("state", None, date(2022, 1, 1), None),
        ("partial", date(2022, 1, 1), date(2023, 1, 1), "change_funding"),
    ]
    rows = [(s.value, s.start, s.end) for s in fact_history(org, "a", "funding")]
    assert rows == [(None, None, date(2023, 6, 1)), ("self", date(2023, 6, 1), None)]
    assert [(s.value, s.start, s.end) for s in fact_history(org, "a", "kind")] == [
        ("office", None, None)
    ]
    assert set(unit_history(org, "s")) == set(FACTS) == {"name", "parent", "kind", "funding"}
    with pytest.raises(UnknownIdError):
        fact_history(org, "nobody", "parent")
    with pytest.raises(ValueError, match="unknown fact 'quota'"):
        fact_history(org, "s", "quota")  # type: ignore[arg-type]


def test_fact_history_agrees_with_as_of_on_every_boundary_day():
    from datetime import timedelta

    from orgraph import Unit
    from orgraph.history_queries import FACTS, fact_history

    org = apply(
        facts_history(),
        [
            {
                "op": "restore",
                "units": [
                    Unit(
                        id="c", name="Xã Quảng Lâm", kind="ward", level="commune", parent="d"
                    ).model_dump(mode="json")
                ],
                "effective": "2024-01-01",
            }
        ],
    )
    assert [s.value for s in fact_history(org, "c", "kind")] == ["commune", "ward"]
    checked = 0
    for unit in ("s", "a", "b", "c"):
        for fact in FACTS:
            for spell in fact_history(org, unit, fact):
                days = [d for d in (spell.start, spell.end and spell.end - timedelta(1)) if d]
                for day in days:
                    assert getattr(org.as_of(day).unit(unit), fact) == spell.value, (
                        unit,
                        fact,
                        day,
                    )
                    checked += 1
                if spell.end is not None and org.unit(unit).ended != spell.end:
                    after = getattr(org.as_of(spell.end).unit(unit), fact)
                    assert after != spell.value, (unit, fact, spell.end)
    assert checked > 10


def test_cli_show_lists_former_parents_and_funding(tmp_path):
    import json

    from typer.testing import CliRunner

    from orgraph import save
    from orgraph.cli import app

    path = tmp_path / "org.json"
    save(facts_history(), path)
    runner = CliRunner()
    result = runner.invoke(app, ["show", str(path), "s"])
    assert result.exit_code == 0, result.output
    assert "former parent: Phòng Tài chính [a] (? to 2021-03-01)" in result.stdout
    assert "former parent: Phòng Kế hoạch [b] (2021-03-01 to 2023-01-01)" in result.stdout
    result = runner.invoke(app, ["show", str(path), "a"])
    assert "former funding: (none) (? to 2023-06-01)" in result.stdout
    assert "former kind" not in result.stdout
    result = runner.invoke(app, ["show", str(path), "s", "--json"])
    data = json.loads(result.stdout)
    assert data["history"]["parent"] == [
        {"value": "a", "from": None, "until": "2021-03-01", "event": None, "change": None},
        {
            "value": "b",
            "from": "2021-03-01",
            "until": "2023-01-01",
            "event": "e1",
            "change": "reparent",
        },
        {"value": "a", "from": "2023-01-01", "until": None, "event": "e3", "change": "absorb"},
    ]
    assert [s["value"] for s in data["history"]["name"]] == ["Trường Tiểu học"]
