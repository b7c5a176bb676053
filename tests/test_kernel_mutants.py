"""Behaviours that mutants of the kernel (engine, store, undo, guards) survived.

``make mutation`` runs mutmut over ``orgraph/engine.py``, ``_store.py``, ``_undo.py`` and
``_guards.py`` with the fast test subset named in ``[tool.mutmut]``. Each test here
kills mutants that subset left alive. The structure is a district ``d`` with three
offices ``a``, ``b`` and ``c``; every step is dated, a month apart.
"""

from __future__ import annotations

from typing import Any

import pytest

from orgraph import Org, ScenarioError, Unit, apply, load, save


def _offices() -> Org:
    return Org.create(
        name="Kernel",
        units=[
            Unit(id="d", name="Huyện", kind="district", level="district"),
            *(
                Unit(id=i, name=f"Phòng {i.upper()}", kind="office", level="district", parent="d")
                for i in "abc"
            ),
        ],
    )


def _absorb(sources: list[str], into: str, month: int) -> dict[str, Any]:
    return {"op": "absorb", "sources": sources, "into": into, "effective": f"2020-{month:02}-01"}


def _restore(unit: str, month: int) -> dict[str, Any]:
    office = {"id": unit, "name": f"Phòng {unit.upper()}", "kind": "office", "level": "district"}
    return {
        "op": "restore",
        "units": [{**office, "parent": "d"}],
        "effective": f"2020-{month:02}-01",
    }


def _reestablish(unit: str, month: int) -> dict[str, Any]:
    return {"op": "reestablish", "unit": unit, "effective": f"2020-{month:02}-01"}


def test_a_cycle_through_a_unit_that_came_back_under_its_own_id_is_allowed(tmp_path: Any) -> None:
    # b went into a, came back (re-established), and now takes a in: b -> a -> b is the
    # history of a body that came back, not a lineage cycle.
    after = apply(
        _offices(), [_absorb(["b"], "a", 2), _reestablish("b", 3), _absorb(["a"], "b", 4)]
    )
    assert after.unit("a").ended is not None and after.unit("b").ended is None
    assert {(e.predecessor, e.successor) for e in after.lineage} >= {("b", "a"), ("a", "b")}
    assert after.check() == []
    save(after, tmp_path / "org.json")
    assert load(tmp_path / "org.json") == after


def test_every_link_of_an_operation_is_checked_for_a_cycle() -> None:
    # b went into a and was put back by a restore (not a comeback). Absorbing c and a
    # into b: the first link (c -> b) is harmless, the second (a -> b) closes b -> a -> b.
    org = apply(_offices(), [_absorb(["b"], "a", 2), _restore("b", 3)])
    with pytest.raises(ScenarioError) as info:
        apply(org, [_absorb(["c", "a"], "b", 4)])
    assert [v.code for v in info.value.violations] == ["lineage_cycle"]
    assert info.value.violations[0].ids == ("a", "b")


def test_a_path_through_a_comeback_does_not_count_as_a_cycle() -> None:
    # c went into b and b into a; b was re-established and c restored. Absorbing a into
    # c closes c -> b -> a -> c, a path through b, which came back under its own id.
    org = apply(
        _offices(),
        [_absorb(["c"], "b", 2), _absorb(["b"], "a", 3), _reestablish("b", 4), _restore("c", 5)],
    )
    after = apply(org, [_absorb(["a"], "c", 6)])
    assert after.unit("a").ended is not None and after.check() == []
    # Without the comeback the same path is a cycle, and is refused.
    plain = apply(_offices(), [_absorb(["c"], "b", 2), _absorb(["b"], "a", 3), _restore("c", 5)])
    with pytest.raises(ScenarioError) as info:
        apply(plain, [_absorb(["a"], "c", 6)])
    assert [v.code for v in info.value.violations] == ["lineage_cycle"]
