"""Laws every operation obeys, each checked on generated structures and operations."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from orgraph import (
    AbolishPost,
    Appointment,
    Dissolve,
    Link,
    Org,
    OrgraphError,
    Person,
    Post,
    Quota,
    Release,
    ScenarioError,
    SetQuota,
    Split,
    SplitPart,
    Unit,
    UnitSpec,
    apply,
    dumps,
    load,
    save,
)
from orgraph.testing import OPERATION_KINDS, operations, orgs, scenarios
from orgraph.testing._sequences import _operations

from ._support import (
    active_subtree,
    assert_graph_consistent,
    difference,
    function_set,
    holdings,
    invalid_operations,
    quota_totals,
    raw_graph,
)

SMALL = {"max_units": 10}


# Laws checked kind by kind, so that each kind gets its share of examples.
PER_KIND = settings(max_examples=max(10, settings().max_examples // 3))


def _org_and_op(data, kind):
    """A small structure and one operation of ``kind`` that applies to it."""
    org = data.draw(orgs(min_units=2, **SMALL), label="org")
    return org, data.draw(operations(org, kinds={kind}), label="op")


@pytest.mark.parametrize("kind", OPERATION_KINDS)
@PER_KIND
@given(data=st.data())
def test_inverse_restores_an_equivalent_org(kind, data):
    org, op = _org_and_op(data, kind)
    after = apply(org, [op])
    back = apply(after, op.inverse(org))
    assert back.equivalent(org)
    assert back.check() == []


@pytest.mark.parametrize("kind", OPERATION_KINDS)
@PER_KIND
@given(data=st.data())
def test_effects_say_what_the_operation_did(kind, data):
    org, op = _org_and_op(data, kind)
    after = apply(org, [op])
    assert after.check() == []
    effects = after.history[-1].effects
    for unit in effects.established:
        assert not org.has_unit(unit) and after.unit(unit).ended is None
    for unit in effects.ended:
        assert org.unit(unit).ended is None and after.unit(unit).ended is not None
    for post in effects.created_posts:
        assert not org.has_post(post) and after.post(post).ended is None
    for post in effects.abolished_posts:
        assert org.post(post).ended is None and after.post(post).ended is not None
    current = holdings(after)
    for appointment in effects.appointed:
        assert (appointment.person, appointment.post) in current
    appointed = {(a.person, a.post) for a in effects.appointed}
    for appointment in effects.released:
        assert appointment.end is not None
        key = (appointment.person, appointment.post)
        assert key not in current or key in appointed
    for move in effects.moved:
        if move.what == "unit":
            assert after.unit(move.id).parent == move.target, move
        elif move.what == "post":
            assert after.post(move.id).unit == move.target, move
        elif move.what == "function":
            if move.target is not None:
                assert move.id in after.unit(move.target).functions, move
            if move.source is not None and after.unit(move.source).ended is None:
                assert move.id not in after.unit(move.source).functions, move


@pytest.mark.parametrize("kind", OPERATION_KINDS)
@PER_KIND
@given(data=st.data())
def test_apply_leaves_its_input_exactly_as_it_was(kind, data):
    # A copy shares its input's records, attribute dicts and edge-key dicts, and each
    # node's adjacency dicts until it changes them (for speed): no operation may change a
    # shared one in place, whether the input is an original or itself a copy.
    org, op = _org_and_op(data, kind)
    before = raw_graph(org)
    after = apply(org, [op])
    twin = apply(org, [op])  # a second copy of the same input
    result = raw_graph(after)
    back = apply(after, op.inverse(org))  # a copy of the copy, changed
    assert raw_graph(org) == before
    assert raw_graph(after) == result == raw_graph(twin)
    for structure in (org, after, twin, back):
        assert_graph_consistent(structure)
        # the count of active sub-units the store keeps is what counting gives
        counts = Counter(u.parent for u in structure.units() if u.parent is not None)
        assert structure._store.active_children_counts() == dict(counts)


@pytest.mark.parametrize("kind", OPERATION_KINDS)
@PER_KIND
@given(data=st.data())
def test_records_built_without_validation_are_valid(kind, data):
    # apply copies records and builds history without validating them again (for speed):
    # each must be exactly what validating its own fields gives.
    org, op = _org_and_op(data, kind)
    after = apply(org, [op])
    event = after.history[-1]
    records = [event, event.effects, *event.effects.moved, *after.lineage]
    records += [event.undo, *after.units(include_ended=True), *after.posts(include_ended=True)]
    records += after.appointments(include_ended=True) + after.links()
    for record in records:
        again = type(record).model_validate(record.model_dump())
        assert again == record
        assert again.model_dump(mode="json") == record.model_dump(mode="json")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(org=st.one_of(orgs(**SMALL), orgs(max_units=6, with_history=True)))
def test_save_then_load_gives_an_equal_org(tmp_path, suffix, org):
    path = tmp_path / f"org{suffix}"
    save(org, path)
    loaded = load(path)
    assert loaded.equivalent(org), difference(org, loaded)
    assert (loaded.name, loaded.date) == (org.name, org.date)
    assert loaded.history == org.history
    assert loaded.lineage == org.lineage
    assert loaded == org, difference(org, loaded)
    # The text is stable: saving what was loaded writes the same file.
    assert dumps(loaded, format=suffix[1:]) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_set_quota_to_unknown_survives_save_and_load(tmp_path, suffix):
    # Regression: test_save_then_load_gives_an_equal_org found this (null was not saved).
    org = Org.create(
        name="X",
        date=date(2020, 1, 1),
        units=[Unit(id="a", name="A", kind="office", level="district", quota=Quota(contracts=3))],
    )
    changed = apply(org, [SetQuota(unit="a", contracts=None)])
    save(changed, tmp_path / f"org{suffix}")
    assert load(tmp_path / f"org{suffix}") == changed


@given(st.data())
def test_a_scenario_with_an_invalid_operation_changes_nothing(data):
    org = data.draw(orgs(**SMALL), label="org")
    before = dumps(org, format="json")
    prefix = data.draw(scenarios(org, min_size=0, max_size=4), label="prefix")
    middle = apply(org, prefix)
    bad = data.draw(invalid_operations(middle), label="bad")
    suffix = data.draw(scenarios(middle, min_size=0, max_size=2), label="suffix")
    with pytest.raises(ScenarioError) as caught:
        apply(org, [*prefix, bad, *suffix])
    assert caught.value.index == len(prefix) + 1
    assert caught.value.violations
    assert dumps(org, format="json") == before


def _disjoint_regions(org: Org, data) -> tuple[set[str], set[str]]:
    """Two active subtrees sharing no unit and no link."""
    active = [u.id for u in org.units()]
    assume(len(active) >= 2)
    a, b = data.draw(st.lists(st.sampled_from(active), min_size=2, max_size=2, unique=True))
    region_a, region_b = active_subtree(org, a), active_subtree(org, b)
    assume(not region_a & region_b)
    assume(
        not any(
            {link.source, link.target} & region_a and {link.source, link.target} & region_b
            for link in org.links()
        )
    )
    return region_a, region_b


@given(st.data())
def test_operations_on_disjoint_parts_commute(data):
    org = data.draw(orgs(min_units=3, max_units=10, max_depth=3), label="org")
    region_a, region_b = _disjoint_regions(org, data)
    first = data.draw(_operations(org, OPERATION_KINDS, region=region_a, tag="a·"), label="first")
    second = data.draw(_operations(org, OPERATION_KINDS, region=region_b, tag="b·"), label="second")
    event(f"{first.op} / {second.op}")
    # Operations apply in date order: on one day, either order is allowed.
    days = [d for d in (first.effective, second.effective, org.date) if d is not None]
    if days:
        day = max(days)
        first = first.model_copy(update={"effective": day})
        second = second.model_copy(update={"effective": day})
    one = apply(org, [first, second])
    other = apply(org, [second, first])
    assert one.equivalent(other)


CONSERVING = (
    "merge",
    "absorb",
    "split",
    "transfer_function",
    "reparent",
    "spin_off",
    "split_onto",
    "replace",
    "move_post",
)


@given(st.data())
def test_restructuring_conserves_quota_functions_and_holders(data):
    org = data.draw(orgs(**SMALL), label="org")
    op = data.draw(_operations(org, CONSERVING, conserving=True), label="op")
    event(op.op)
    after = apply(org, [op])
    assert after.check() == []
    assert quota_totals(after) == quota_totals(org)
    assert function_set(after) == function_set(org)
    assert holdings(after) == holdings(org)


@given(st.data())
def test_as_of_before_a_dated_event_gives_back_the_earlier_structure(data):
    org = data.draw(orgs(max_units=8), label="org")
    ops = data.draw(scenarios(org, min_size=1, max_size=5), label="ops")
    final = apply(org, ops)
    k = data.draw(st.integers(0, len(ops) - 1), label="k")
    when = ops[k].effective - timedelta(days=1)
    first_later = next(i for i, op in enumerate(ops) if op.effective > when)
    # Undoing the later events is not applying them; the records' own dates on ``when``
    # (a unit founded, an appointment started on the next day) then apply to both alike.
    expected = apply(org, ops[:first_later]).as_of(when)
    rebuilt = final.as_of(when)
    assert rebuilt.equivalent(expected)
    assert rebuilt.history == expected.history
    assert rebuilt.lineage == expected.lineage
    assert rebuilt.check() == []


@settings(max_examples=max(10, settings().max_examples // 2))
@given(st.data())
def test_fact_history_says_what_as_of_shows(data):
    # Each spell of a unit's name, parent, kind and funding holds on its first and last
    # day in the structure as_of gives for that day.
    from orgraph.history_queries import FACTS, fact_history

    org = data.draw(orgs(max_units=8), label="org")
    final = apply(org, data.draw(scenarios(org, min_size=1, max_size=5), label="ops"))
    structures: dict[date, Org] = {}
    for unit in final.units(include_ended=True):
        for fact in FACTS:
            spells = fact_history(final, unit.id, fact)
            assert spells, (unit.id, fact)
            assert getattr(unit, fact) == spells[-1].value
            for spell in spells:
                if spell.start is not None and spell.end is not None and spell.start >= spell.end:
                    continue  # set and changed again on one day
                days = [d for d in (spell.start, spell.end and spell.end - timedelta(1)) if d]
                for day in days:
                    if day not in structures:
                        structures[day] = final.as_of(day)
                    then = structures[day]
                    if not then.has_unit(unit.id):
                        continue
                    if fact == "parent" and spell.value and not then.has_unit(spell.value):
                        continue  # the parent's record says it was not founded yet
                    assert getattr(then.unit(unit.id), fact) == spell.value, (fact, day)


def test_unit_spec_functions_serialise_in_a_stable_order():
    # Regression: test_save_then_load_gives_an_equal_org found this (hash-ordered sets).
    names = ["planning", "finance", "environment", "health", "land", "justice", "culture"]
    names += ["education", "inspection", "home_affairs", "agriculture", "transport"]
    spec = UnitSpec(id="x", name="X", functions=frozenset(names))
    assert json.loads(spec.model_dump_json())["functions"] == sorted(names)


def _dated_org() -> Org:
    return Org.create(
        name="X",
        date=date(2020, 1, 1),
        units=[
            Unit(id="a", name="A", kind="office", level="district", founded=date(2020, 1, 1)),
            Unit(id="b", name="B", kind="office", level="district", founded=date(2020, 1, 1)),
        ],
        posts=[Post(id="p", unit="a", title="T", role="head")],
        people=[Person(id="n", name="N")],
        appointments=[Appointment(person="n", post="p", start=date(2020, 1, 1))],
    )


@pytest.mark.parametrize(
    "op",
    [
        Dissolve(unit="a", effective=date(2019, 1, 1)),
        Dissolve(unit="b", effective=date(2019, 1, 1)),
        Release(person="n", post="p", effective=date(2019, 1, 1)),
        AbolishPost(post="p", effective=date(2019, 1, 1)),
    ],
    ids=["dissolve-with-holder", "dissolve-empty", "release", "abolish_post"],
)
def test_operations_dated_too_early_are_refused(tmp_path, op):
    with pytest.raises(ScenarioError):
        after = apply(_dated_org(), [op])
        save(after, tmp_path / "org.yaml")
        load(tmp_path / "org.yaml")


def test_the_first_save_is_already_stable(tmp_path):
    def unit(ident, **fields):
        return Unit(id=ident, name=ident, kind="office", level="district", **fields)

    org = Org.create(
        name="X",
        date=date(2020, 1, 1),
        units=[unit("a"), unit("b"), unit("c", parent="a")],
        links=[
            Link(source="a", target="b", kind="guidance"),
            Link(source="a", target="c", kind="guidance"),
        ],
    )
    parts = [SplitPart(id="c1", name="C1", links=["a"]), SplitPart(id="c2", name="C2")]
    changed = apply(org, [Split(source="c", into=parts)])
    save(changed, tmp_path / "org.json")
    assert dumps(load(tmp_path / "org.json"), format="json") == dumps(changed, format="json")


@pytest.mark.parametrize("name", ["", "e\u0301", "a\x00b"], ids=["empty", "not-nfc", "control"])
def test_any_created_org_survives_save_and_load(tmp_path, name):
    try:
        org = Org.create(name=name)
    except OrgraphError:
        return  # refusing the name is a fine answer too
    save(org, tmp_path / "org.yaml")
    assert load(tmp_path / "org.yaml") == org
