"""Structures as pandas DataFrames and back (the ``orgraph[pandas]`` extra)."""

from __future__ import annotations

import builtins
import math
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import orgraph
from orgraph import DependencyError, FileError, Unit
from orgraph._frames import TABLES
from orgraph.metrics import flatten
from orgraph.testing import orgs, scenarios

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[1]
DAM_HA = ROOT / "examples" / "dam_ha"


@pytest.fixture(scope="module")
def base() -> orgraph.Org:
    return orgraph.load(DAM_HA / "org.yaml")


@pytest.fixture(scope="module")
def after(base: orgraph.Org) -> orgraph.Org:
    return orgraph.apply(base, orgraph.load_scenario(DAM_HA / "streamlining.yaml"))


def _value(cell: object) -> object:
    """A cell as the record would hold it (missing values as None)."""
    if cell is None or cell is pd.NA or cell is pd.NaT:
        return None
    if isinstance(cell, float) and math.isnan(cell):
        return None
    if isinstance(cell, pd.Timestamp):
        return cell.date()
    return cell


def test_every_table_has_its_columns_and_dtypes(after: orgraph.Org) -> None:
    frames = after.to_frames()
    tables = frames.tables()
    assert list(tables) == list(TABLES)
    for name, frame in tables.items():
        assert list(frame.columns) == list(TABLES[name]), name
        for column, dtype in TABLES[name].items():
            assert str(frame[column].dtype) == dtype, (name, column)


def test_rows_are_the_records_ended_ones_included(after: orgraph.Org) -> None:
    frames = after.to_frames()
    units = after.units(include_ended=True)
    assert len(frames.units) == len(units) > len(after.units())
    assert frames.units["active"].sum() == len(after.units())
    assert len(frames.posts) == len(after.posts(include_ended=True))
    assert len(frames.people) == len(after.people())
    assert len(frames.appointments) == len(after.appointments(include_ended=True))
    assert len(frames.links) == len(after.links())
    assert len(frames.lineage) == len(after.lineage) > 0
    assert len(frames.events) == len(after.history) > 0
    assert len(frames.functions) == sum(len(u.functions) for u in units)


def test_unit_cells_hold_the_record_values(after: orgraph.Org) -> None:
    table = after.to_frames().units.set_index("id")
    for unit in after.units(include_ended=True):
        row = table.loc[unit.id]
        assert row["name"] == unit.name
        assert unicodedata.is_normalized("NFC", row["name"])
        assert _value(row["parent"]) == unit.parent
        assert _value(row["bloc"]) == unit.bloc
        assert _value(row["founded"]) == unit.founded
        assert _value(row["ended"]) == unit.ended
        assert bool(row["active"]) is (unit.ended is None)
        for part in ("civil_servants", "public_employees", "contracts"):
            assert _value(row[part]) == getattr(unit.quota, part)
        assert row["attrs"] == dict(unit.attrs)


def test_events_sum_up_the_history(after: orgraph.Org) -> None:
    events = after.to_frames().events
    for (_, row), event in zip(events.iterrows(), after.history, strict=True):
        assert row["event"] == event.id
        assert row["op"] == event.operation.op
        assert _value(row["effective"]) == event.effective
        assert row["ended"] == len(event.effects.ended)
        assert row["established"] == len(event.effects.established)
        assert _value(row["quota_cut_civil_servants"]) == event.effects.quota_cut.civil_servants


def test_dates_work_as_dates(after: orgraph.Org) -> None:
    units = after.to_frames().units
    ended = units[units["ended"] >= pd.Timestamp("2018-01-01")]
    assert set(ended["id"]) == {u.id for u in after.units(include_ended=True) if u.ended}
    assert all(isinstance(d, date) for d in ended["ended"].dt.date)


@pytest.mark.parametrize("which", ["base", "after"])
def test_round_trip_gives_an_equivalent_structure(
    which: str, base: orgraph.Org, after: orgraph.Org
) -> None:
    org = base if which == "base" else after
    again = orgraph.from_frames(org.to_frames())
    assert again.equivalent(org)
    assert again.name == org.name
    assert again.date == org.date
    assert sorted(e.model_dump_json() for e in again.lineage) == sorted(
        e.model_dump_json() for e in org.lineage
    )
    assert list(again.history) == []


@settings(max_examples=25)
@given(orgs(max_units=15))
def test_round_trip_of_any_structure(org: orgraph.Org) -> None:
    assert orgraph.from_frames(org.to_frames()).equivalent(org)


@settings(max_examples=10)
@given(st.data())
def test_round_trip_after_any_scenario(data: st.DataObject) -> None:
    org = data.draw(orgs(max_units=12, with_history=True))
    after = orgraph.apply(org, data.draw(scenarios(org, max_size=5)))
    assert orgraph.from_frames(after.to_frames()).equivalent(after)


def test_frames_written_by_hand_with_few_columns() -> None:
    units = pd.DataFrame(
        {
            "id": ["h", "p1", "p2"],
            "name": ["Huyện Đầm Hà", "Phòng Nội vụ", "Phòng Tư pháp"],
            "kind": ["district", "office", "office"],
            "level": ["district"] * 3,
            "parent": [None, "h", "h"],
            "civil_servants": pd.array([None, 5, 4], dtype="Int64"),
        }
    )
    org = orgraph.from_frames({"units": units}, name="Đầm Hà", date=date(2018, 1, 1))
    assert [u.id for u in org.children("h")] == ["p1", "p2"]
    assert org.unit("p1").quota.civil_servants == 5
    assert org.unit("h").quota.civil_servants is None
    assert org.date == date(2018, 1, 1)
    assert org.name == "Đầm Hà"


def test_frames_given_are_not_changed(base: orgraph.Org) -> None:
    frames = base.to_frames()
    copies = {name: frame.copy(deep=True) for name, frame in frames.tables().items()}
    orgraph.from_frames(frames)
    for name, frame in frames.tables().items():
        pd.testing.assert_frame_equal(frame, copies[name])


def _units(**extra: list[object]) -> pd.DataFrame:
    data: dict[str, list[object]] = {
        "id": ["a", "b"],
        "name": ["A", "B"],
        "kind": ["office", "office"],
        "level": ["district", "district"],
    }
    data.update(extra)
    return pd.DataFrame(data)


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        ({"units": _units(colour=["red", "blue"])}, "<frames>: units: unknown column 'colour'"),
        ({"unit": _units()}, "<frames>: unknown table 'unit'"),
        ({"units": _units(parent=[None, "zz"])}, "<frames>: unit b: "),
        ({"units": _units(name=["A", ""])}, "<frames>: units[1] (id=b).name: "),
        (
            {"units": _units(founded=[pd.Timestamp("2020-01-01 10:30"), None])},
            "<frames>: units row 0: founded: a date is expected, not a time of day",
        ),
        (
            {
                "units": _units(),
                "functions": pd.DataFrame({"unit": ["nope"], "function": ["x"]}),
            },
            "<frames>: functions: refers to unknown unit 'nope'",
        ),
    ],
)
def test_bad_frames_give_one_line_naming_table_and_row(
    tables: dict[str, pd.DataFrame], expected: str
) -> None:
    with pytest.raises(FileError) as caught:
        orgraph.from_frames(tables, name="Bad")
    message = str(caught.value)
    assert message.startswith(expected), message
    assert "\n" not in message


def test_a_mapping_needs_a_name() -> None:
    with pytest.raises(FileError, match="give name="):
        orgraph.from_frames({"units": _units()})


def test_metrics_frame_holds_every_number(after: orgraph.Org) -> None:
    m = orgraph.metrics(after)
    frame = m.to_frame(label="2020")
    assert list(frame.index) == ["2020"]
    assert frame.index.name == "structure"
    assert frame.loc["2020"].to_dict() == pytest.approx(flatten(m))
    assert str(frame["focal_points.total"].dtype) == "Int64"
    assert str(frame["span_of_control.mean"].dtype) == "Float64"


def test_comparison_frame_lines_scenarios_up(base: orgraph.Org) -> None:
    plan = orgraph.load_scenario(DAM_HA / "streamlining.yaml")
    other = orgraph.load_scenario(DAM_HA / "alternative.yaml")
    comparison = orgraph.compare(base, [plan, other, plan])
    values = comparison.to_frame()
    names = ["baseline", plan.name, other.name, f"{plan.name} (2)"]
    assert list(values.index) == names
    keys = list(values.columns)
    for row, m in [
        ("baseline", comparison.baseline),
        (other.name, comparison.scenarios[1].metrics),
    ]:
        numbers = flatten(m)
        assert set(numbers) <= set(keys)
        assert values.loc[row].to_dict() == pytest.approx({k: numbers.get(k, 0) for k in keys})
    changes = comparison.to_frame(changes=True)
    assert list(changes.index) == names[1:]
    deltas = comparison.scenarios[0].deltas
    assert set(deltas) == set(changes.columns)
    assert changes.loc[plan.name].to_dict() == pytest.approx(deltas)
    assert str(values["focal_points.total"].dtype) == "Int64"
    assert str(values["span_of_control.mean"].dtype) == "Float64"


def test_without_pandas_the_error_says_how_to_install(
    base: orgraph.Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(DependencyError, match=r"orgraph\[pandas\]"):
        base.to_frames()
    with pytest.raises(DependencyError, match=r"orgraph\[pandas\]"):
        orgraph.metrics(base).to_frame()


def test_a_unit_frame_keeps_text_exactly() -> None:
    name = 'Ủy ban  nhân dân\txã "Quảng Lợi" <b>'
    org = orgraph.Org.create(
        name="T", units=[Unit(id="x", name=name, kind="commune", level="commune")]
    )
    frame = org.to_frames().units
    assert frame.loc[0, "name"] == unicodedata.normalize("NFC", name)
    assert orgraph.from_frames(org.to_frames()).unit("x").name == org.unit("x").name
