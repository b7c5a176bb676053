"""Closed under operations: ``apply`` never returns a structure that ``check()`` flags or
``load`` refuses, and ``load`` refuses what a later ``as_of`` could not replay."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from orgraph import FileError, InvalidOrgError, Org, ScenarioError, apply, import_, load, save
from orgraph.io import to_document
from tests.helpers import small_org


def _unit(ident: str, parent: str | None, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "name": ident.upper(), "kind": "office", "level": "district"} | {
        "parent": parent,
        **extra,
    }


def test_a_restore_that_makes_a_cycle_is_refused() -> None:
    # d -> a -> s: putting d back under s makes d its own grandparent.
    org = small_org()
    restore = {"op": "restore", "units": [_unit("d", "s", kind="district")]}
    with pytest.raises(ScenarioError) as info:
        apply(org, [restore])
    assert "cycle" in {v.code for v in info.value.violations}
    assert info.value.index == 1 and info.value.op == "restore"
    assert org == small_org()


def test_a_restore_that_brings_back_an_ended_unit_cannot_close_a_lineage_cycle() -> None:
    org = apply(small_org(), [{"op": "absorb", "sources": ["b"], "into": "a"}])
    back = apply(org, [{"op": "restore", "units": [_unit("b", "d")]}])
    assert back.unit("b").ended is None and back.check() == []
    with pytest.raises(ScenarioError) as info:
        apply(back, [{"op": "absorb", "sources": ["a"], "into": "b"}])
    (problem,) = info.value.violations
    assert problem.code == "lineage_cycle"
    assert problem.message == "lineage would have a cycle: a -> b -> a"
    # the refused operation left nothing behind
    assert back.check() == [] and back.unit("a").ended is None


def test_a_restore_that_leaves_an_active_unit_under_an_ended_one_is_refused() -> None:
    org = apply(small_org(), [{"op": "dissolve", "unit": "s"}, {"op": "dissolve", "unit": "a"}])
    restore = {"op": "restore", "units": [_unit("s", "a", kind="school")]}
    with pytest.raises(ScenarioError) as info:
        apply(org, [restore])
    assert {v.code for v in info.value.violations} == {"ended_parent"}


def test_every_result_saves_and_loads(tmp_path: Path) -> None:
    org = apply(small_org(), [{"op": "absorb", "sources": ["b"], "into": "a"}])
    back = apply(org, [{"op": "restore", "units": [_unit("b", "d")]}])
    path = tmp_path / "back.yaml"
    save(back, path)
    assert load(path) == back


def test_an_operation_dated_before_the_latest_event_is_refused() -> None:
    org = apply(
        small_org(), [{"op": "rename", "unit": "a", "name": "X", "effective": "2021-05-01"}]
    )
    with pytest.raises(ScenarioError) as info:
        apply(org, [{"op": "dissolve", "unit": "s", "effective": "2021-04-30"}])
    (problem,) = info.value.violations
    assert problem.code == "date_order"
    assert str(info.value) == (
        "operation 1 (dissolve): dissolve dated 2021-04-30 comes before the latest event "
        "in the history (e1, dated 2021-05-01): operations apply in date order"
    )
    # The same day, later days and undated operations (which take the structure's date)
    # are in order.
    same_day = apply(org, [{"op": "dissolve", "unit": "s", "effective": "2021-05-01"}])
    assert same_day.unit("s").ended == date(2021, 5, 1)
    assert apply(org, [{"op": "dissolve", "unit": "s"}]).unit("s").ended == date(2021, 5, 1)


def test_out_of_order_dates_within_one_scenario_are_refused() -> None:
    with pytest.raises(ScenarioError) as info:
        apply(
            small_org(),
            [
                {"op": "rename", "unit": "a", "name": "X", "effective": "2021-05-01"},
                {"op": "rename", "unit": "b", "name": "Y", "effective": "2020-05-01"},
            ],
        )
    assert info.value.index == 2
    assert [v.code for v in info.value.violations] == ["date_order"]


def _broken_history_file(tmp_path: Path) -> Path:
    org = apply(
        small_org(),
        [
            {
                "op": "establish",
                "unit": _unit("n", "a"),
                "effective": "2020-02-01",
            },
            {"op": "reparent", "unit": "n", "parent": "b", "effective": "2020-03-01"},
        ],
    )
    document = json.loads(json.dumps(to_document(org), default=str))
    # A hand edit: the undo of the reparent puts n back under a parent that never was.
    undo = document["history"][1]["undo"]
    undo["units"][0]["parent"] = "nowhere"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_load_refuses_a_history_that_cannot_be_replayed(tmp_path: Path) -> None:
    path = _broken_history_file(tmp_path)
    with pytest.raises(FileError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message
    assert message == (
        f"{path}: history e2: the undo record of event e2 cannot be replayed: "
        "unit n: parent 'nowhere' does not exist"
    )
    assert info.value.exit_code == 1
    assert [v.code for v in info.value.violations] == ["history_not_replayable"]


@pytest.mark.parametrize("name", ["", "a\x00b", "\x07"])
def test_names_are_validated_everywhere(tmp_path: Path, name: str) -> None:
    with pytest.raises(InvalidOrgError, match=r"^name: "):
        Org.create(name=name)
    with pytest.raises(InvalidOrgError):
        Org(name=name)
    path = tmp_path / "org.yaml"
    save(small_org(), path)
    with pytest.raises(InvalidOrgError):
        import_(path, name=name)
    org = small_org()
    with pytest.raises(InvalidOrgError):
        org.name = name
    assert org.name == "Test district"


def test_clearing_a_value_is_said_explicitly() -> None:
    from orgraph import Rename, SetQuota

    # A null in a file (or in Python) is read as the explicit "clear".
    from_null = SetQuota.model_validate({"unit": "b", "contracts": None})
    assert from_null.clear == ("contracts",) and from_null.contracts is None
    assert SetQuota(unit="b", clear=["contracts"]) == from_null
    assert SetQuota(unit="b", contracts=None) == from_null
    with pytest.raises(ValueError, match="given and cleared"):
        SetQuota(unit="b", contracts=1, clear=["contracts"])
    with pytest.raises(ValueError, match="give at least one"):
        SetQuota(unit="b")
    org = small_org()
    after = apply(org, [from_null])
    assert after.unit("b").quota.contracts is None
    assert after.unit("b").quota.civil_servants == 2  # left alone
    assert after.history[-1].effects.quota_cut.contracts == 1
    # Written the explicit way, and it reads back the same.
    dumped = from_null.model_dump(mode="json", exclude_defaults=True)
    assert dumped == {"op": "set_quota", "unit": "b", "clear": ["contracts"]}
    assert SetQuota.model_validate(dumped) == from_null
    # a full dump (every field, as in GraphML's history) reads back the same too
    assert SetQuota.model_validate(from_null.model_dump()) == from_null
    # The inverse puts back the old value; a part that was unknown is cleared again.
    (back,) = from_null.inverse(org)
    assert back == SetQuota(unit="b", contracts=1)
    (again,) = SetQuota(unit="a", contracts=4).inverse(org)
    assert again == SetQuota(unit="a", clear=["contracts"])
    # rename: code null / clear [code] removes the official code
    coded = apply(org, [{"op": "rename", "unit": "a", "name": "A", "code": "001"}])
    cleared = apply(coded, [{"op": "rename", "unit": "a", "name": "A", "code": None}])
    assert coded.unit("a").code == "001" and cleared.unit("a").code is None
    assert Rename(unit="a", name="A", code=None).clear == ("code",)
    (undo,) = Rename(unit="a", name="X", clear=["code"]).inverse(coded)
    assert undo == Rename(unit="a", name="A", code="001")


@pytest.mark.parametrize(
    ("edit", "message"), [("2020-01-15", "dated 2020-01-15"), (None, "undated")]
)
def test_load_refuses_a_history_out_of_date_order(
    tmp_path: Path, edit: str | None, message: str
) -> None:
    # apply never writes such a history; a hand-edited file would make as_of fail later.
    steps = [
        {"op": "rename", "unit": "a", "name": "A1", "effective": "2020-02-01"},
        {"op": "rename", "unit": "b", "name": "B1", "effective": "2020-03-01"},
    ]
    path = tmp_path / "org.json"
    save(apply(small_org(), steps), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["history"][1]["effective"] = edit
    data["history"][1]["operation"]["effective"] = edit
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FileError) as info:
        load(path)
    assert "history_order" in {v.code for v in info.value.violations}
    assert f"event e2 is {message} but comes after e1, dated 2020-02-01" in str(info.value)
