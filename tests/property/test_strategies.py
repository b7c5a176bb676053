"""The public strategies of ``orgraph.testing``: arguments, validity, coverage, reprs."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import Phase, event, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import orgraph
import orgraph.testing
from orgraph import Org, Unit, apply
from orgraph.testing import OPERATION_KINDS, operations, orgs, scenarios
from orgraph.testing._drawers import _BUILDERS

from ._support import replay_namespace

ONE = Org.create(name="X", units=[Unit(id="a", name="A", kind="office", level="district")])


@pytest.mark.parametrize(
    "make",
    [
        lambda: orgs(min_units=5, max_units=2),
        lambda: orgs(min_units=-1),
        lambda: orgs(max_units=1.5),
        lambda: orgs(max_depth=0),
        lambda: orgs(levels=()),
        lambda: orgs(levels="district"),
        lambda: orgs(levels=("not a code",)),
        lambda: orgs(levels=("a", "a")),
        lambda: orgs(blocs=("x y",)),
        lambda: orgs(with_posts=1),
        lambda: operations("not an org"),
        lambda: operations(ONE, kinds=()),
        lambda: operations(ONE, kinds={"teleport"}),
        lambda: operations(ONE, kinds="merge"),
        lambda: scenarios(ONE, min_size=3, max_size=1),
        lambda: scenarios(ONE, max_size=-1),
        lambda: scenarios(None),
    ],
)
def test_bad_arguments_are_refused_when_the_strategy_is_built(make):
    with pytest.raises(InvalidArgument):
        make()


def test_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        orgs(1, 5)  # type: ignore[misc]
    with pytest.raises(TypeError):
        scenarios(ONE, 1, 3)  # type: ignore[misc]


def test_module_surface():
    public = {name for name in vars(orgraph.testing) if not name.startswith("_")}
    exported = {"DEFAULT_BLOCS", "DEFAULT_LEVELS", "OPERATION_KINDS", "operations", "orgs"}
    assert set(orgraph.testing.__all__) == exported | {"scenarios"}
    assert set(orgraph.testing.__all__) <= public
    assert set(OPERATION_KINDS) == set(_BUILDERS)
    assert "testing" not in orgraph.__all__


def test_the_core_never_imports_hypothesis():
    import subprocess
    import sys

    code = (
        "import sys, orgraph, orgraph.io, orgraph.ops, orgraph.engine, orgraph.history; "
        "assert 'hypothesis' not in sys.modules, 'the core imported hypothesis'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@given(
    orgs(
        min_units=2,
        max_units=12,
        max_depth=2,
        levels=("province", "commune"),
        blocs=(),
        with_links=False,
    )
)
def test_orgs_respect_their_arguments(org):
    assert org.check() == []
    assert 2 <= len(org.units(include_ended=True)) <= 12
    assert all(org.depth(u.id) < 2 for u in org.units(include_ended=True))
    assert {u.level for u in org.units(include_ended=True)} <= {"province", "commune"}
    assert all(u.bloc is None for u in org.units(include_ended=True))
    assert org.links() == []


@given(orgs(max_units=6, with_posts=False, with_people=False, with_history=True))
def test_orgs_with_history_are_valid_and_dated_in_order(org):
    assert org.check() == []
    assert org.posts(include_ended=True) == [] or org.history  # posts only from operations
    dates = [e.effective for e in org.history]
    assert None not in dates
    assert dates == sorted(dates)


@given(orgs(max_units=8))
def test_names_are_stored_as_nfc(org):
    for unit in org.units(include_ended=True):
        assert unicodedata.is_normalized("NFC", unit.name)


@given(st.data())
def test_operations_are_valid_and_their_reprs_replay(data):
    org = data.draw(orgs(max_units=10), label="org")
    op = data.draw(operations(org), label="op")
    event(op.op)
    assert op.validate(org) == []
    assert apply(org, [op]).check() == []
    assert eval(repr(op), replay_namespace()) == op


def test_operations_produce_every_kind():
    seen: dict[str, int] = dict.fromkeys(OPERATION_KINDS, 0)

    @settings(max_examples=100, database=None, phases=[Phase.generate], derandomize=True)
    @given(st.data())
    def draw_some(data):
        org = data.draw(orgs(min_units=2, max_units=10), label="org")
        for op in data.draw(scenarios(org, min_size=6, max_size=8), label="ops"):
            seen[op.op] += 1

    draw_some()
    assert all(seen.values()), f"never drawn: {[k for k, n in seen.items() if not n]} in {seen}"


@given(st.data())
def test_kinds_restricts_the_operations(data):
    org = data.draw(orgs(min_units=2, max_units=8), label="org")
    kinds = data.draw(st.sets(st.sampled_from(OPERATION_KINDS), min_size=1), label="kinds")
    op = data.draw(operations(org, kinds=kinds | {"restore"}), label="op")
    assert op.op in kinds | {"restore"}


@given(st.data())
def test_scenarios_apply_in_order(data):
    org = data.draw(orgs(max_units=8), label="org")
    ops = data.draw(scenarios(org, min_size=2, max_size=4), label="ops")
    assert 2 <= len(ops) <= 4
    result = apply(org, ops)
    assert result.check() == []
    assert len(result.history) == len(org.history) + len(ops)
