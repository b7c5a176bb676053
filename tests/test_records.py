"""Records orgraph builds itself (copies, history, undo) are plain pydantic records with
frozen containers."""

from __future__ import annotations

import copy
import pickle
from datetime import date

import pytest

from orgraph import LineageEdge, Org, Person, Unit, apply
from orgraph.model import FrozenDict


def test_a_copied_record_is_what_model_copy_gives() -> None:
    # What was replace(): the operations copy records with model_copy.
    unit = Unit(id="a", name="Phòng A", kind="office", level="district")
    org = Org.create(name="Demo", date=date(2025, 1, 1), units=[unit])
    after = apply(org, [{"op": "dissolve", "unit": "a", "effective": "2025-07-01"}])
    expected = unit.model_copy(update={"ended": date(2025, 7, 1)})
    assert after.unit("a") == expected
    assert after.unit("a").model_dump() == expected.model_dump()
    assert org.unit("a").ended is None  # the original is untouched


def test_a_dated_operation_keeps_what_was_given() -> None:
    # What was replace(exact=True): the date an operation takes from its structure is
    # added to what it was given, and it dumps as if typed with it.
    org = Org.create(
        name="Demo",
        date=date(2025, 7, 1),
        units=[Unit(id="a", name="A", kind="office", level="district")],
    )
    after = apply(org, [{"op": "rename", "unit": "a", "name": "B"}])
    op = after.history[-1].operation
    assert op.model_fields_set == {"op", "unit", "name", "effective"}
    assert op.model_dump(exclude_unset=True) == {
        "op": "rename",
        "unit": "a",
        "name": "B",
        "effective": date(2025, 7, 1),
    }


def test_built_lineage_equals_validated() -> None:
    # What was trusted(): history records are built with model_construct.
    org = Org.create(
        name="Demo",
        date=date(2025, 7, 1),
        units=[
            Unit(id="a", name="A", kind="office", level="x"),
            Unit(id="b", name="B", kind="office", level="x"),
        ],
    )
    after = apply(org, [{"op": "absorb", "sources": ["b"], "into": "a"}])
    (built,) = after.lineage
    values = {
        "predecessor": "b",
        "successor": "a",
        "change": "absorb",
        "event": "e1",
        "effective": date(2025, 7, 1),
    }
    assert built == LineageEdge(**values)
    assert built.model_dump_json() == LineageEdge(**values).model_dump_json()
    # model_copy of one built record leaves the others alone
    other = after.history[-1].effects
    built.model_copy(update={"change": "merge"})
    assert after.lineage == (built,) and after.history[-1].effects == other


def test_empty_effects_are_tuples_that_cannot_change() -> None:
    org = Org.create(name="Demo", units=[Unit(id="a", name="A", kind="office", level="x")])
    after = apply(org, [{"op": "rename", "unit": "a", "name": "B", "effective": "2025-07-01"}])
    effects = after.history[-1].effects
    assert effects.ended == () and isinstance(effects.ended, tuple)
    assert after.history[-1].undo.remove == ()
    with pytest.raises(AttributeError):
        effects.ended.append("x")  # type: ignore[attr-defined]
    # it dumps, compares and loads like any empty list
    assert effects.model_dump(mode="json")["ended"] == []
    assert type(effects).model_validate(effects.model_dump()) == effects


ATTRS = {"source": "gso", "codes": [1, 2, {"old": "x"}], "meta": {"tags": ["a"]}}


@pytest.mark.parametrize(
    "make",
    [
        lambda: Unit(id="a", name="A", kind="office", level="x", attrs=ATTRS),
        lambda: Person(id="p", name="P", attrs=ATTRS),
    ],
)
def test_attrs_are_frozen_all_the_way_down(make) -> None:
    record = make()
    attrs = record.attrs
    assert isinstance(attrs, FrozenDict) and attrs["source"] == "gso"
    assert attrs["codes"] == (1, 2, {"old": "x"}) and attrs["meta"] == {"tags": ("a",)}
    with pytest.raises(TypeError, match="cannot change"):
        attrs["k"] = 1
    with pytest.raises(TypeError, match="cannot change"):
        del attrs["source"]
    with pytest.raises(TypeError, match="cannot change"):
        attrs["meta"]["tags"] = ()
    with pytest.raises(TypeError, match="cannot change"):
        attrs["codes"][2]["old"] = "y"
    for method, args in (("update", ({"k": 1},)), ("pop", ("source",)), ("clear", ())):
        with pytest.raises(TypeError, match="cannot change"):
            getattr(attrs, method)(*args)
    assert isinstance(attrs["codes"], tuple)
    # What is written out is plain JSON again, and it reads back equal.
    assert record.model_dump(mode="json")["attrs"] == ATTRS
    assert record.model_dump()["attrs"] == ATTRS
    assert type(record).model_validate(record.model_dump()) == record
    assert type(record).model_validate_json(record.model_dump_json()) == record
    # Copies and pickles are equal records, still frozen.
    for again in (copy.deepcopy(record), pickle.loads(pickle.dumps(record))):
        assert again == record and isinstance(again.attrs, FrozenDict)
    # A plain copy is the way to a changeable one.
    plain = dict(attrs)
    plain["k"] = 1
    assert "k" not in record.attrs
