"""Records copied and built without a second validation (orgraph._records)."""

from __future__ import annotations

from datetime import date

import pytest

from orgraph import LineageEdge, Org, Rename, Unit, apply
from orgraph._records import EMPTY, replace, trusted


def test_replace_gives_what_model_copy_gives() -> None:
    unit = Unit(id="a", name="Phòng A", kind="office", level="district")
    copied = replace(unit, {"ended": date(2025, 7, 1)})
    expected = unit.model_copy(update={"ended": date(2025, 7, 1)})
    assert copied == expected
    assert copied.model_dump() == expected.model_dump()
    assert unit.ended is None  # the original is untouched
    # A record orgraph has changed counts every field as set, so nothing is left out of
    # a dump that leaves out unset fields.
    assert copied.model_fields_set == set(Unit.model_fields)
    assert copied.model_dump(exclude_unset=True)["ended"] == date(2025, 7, 1)


def test_exact_replace_keeps_what_was_given() -> None:
    # Operations need their fields-set: it decides what they do and how they are written.
    op = Rename(unit="a", name="B")
    dated = replace(op, {"effective": date(2025, 7, 1)}, exact=True)
    expected = op.model_copy(update={"effective": date(2025, 7, 1)})
    assert dated == expected
    assert dated.model_fields_set == expected.model_fields_set == {"unit", "name", "effective"}
    assert dated.model_dump(exclude_unset=True) == expected.model_dump(exclude_unset=True)


def test_trusted_equals_validated() -> None:
    values = {
        "predecessor": "a",
        "successor": "b",
        "change": "merge",
        "event": "e1",
        "effective": date(2025, 7, 1),
    }
    built = trusted(LineageEdge, dict(values))
    assert built == LineageEdge(**values)
    assert built.model_dump_json() == LineageEdge(**values).model_dump_json()
    # model_copy of a trusted record must not touch the set it shares with others
    other = trusted(LineageEdge, dict(values))
    built.model_copy(update={"change": "absorb"})
    assert other.model_fields_set == set(LineageEdge.model_fields)


def test_empty_effects_share_one_list_that_cannot_change() -> None:
    org = Org.create(name="Demo", units=[Unit(id="a", name="A", kind="office", level="x")])
    after = apply(org, [{"op": "rename", "unit": "a", "name": "B", "effective": "2025-07-01"}])
    effects = after.history[-1].effects
    assert effects.ended == [] and effects.ended is EMPTY
    assert after.history[-1].undo.remove is EMPTY
    with pytest.raises(TypeError, match="cannot change"):
        effects.ended.append("x")
    assert EMPTY == []
    # it dumps, compares and loads like any empty list
    assert effects.model_dump()["ended"] == []
    assert type(effects).model_validate(effects.model_dump()) == effects
