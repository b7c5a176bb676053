"""No sequence of valid operations corrupts a structure: a rule-based state machine.

Units and posts live in bundles; operations that end a unit consume it. A rule whose
drawn arguments do not make a valid operation (a cycle, a unit with children and no
successor) checks the other half of the contract: the operation is refused with a
:class:`~orgraph.ScenarioError` and the structure is left exactly as it was.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from datetime import timedelta
from pathlib import Path

import networkx as nx
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from orgraph import (
    AbolishPost,
    Absorb,
    Appoint,
    CreatePost,
    Dissolve,
    Establish,
    Merge,
    Person,
    Post,
    Reparent,
    ScenarioError,
    Unit,
    UnitSpec,
    apply,
    dumps,
    load,
    save,
)
from orgraph.io.document import OrgDocument, from_document
from orgraph.testing import operations, orgs
from orgraph.testing._drawers import _split
from orgraph.testing._view import _View
from orgraph.testing._vocabulary import _names

from ._support import assert_graph_consistent, raw_graph


class OrgMachine(RuleBasedStateMachine):
    units = Bundle("units")
    posts = Bundle("posts")

    def __init__(self) -> None:
        super().__init__()
        self.org = None
        self.last = None  # (structure before, operation) of the last applied operation
        self.counter = 0
        # Every structure the machine has held, with its graph as it was then: each new
        # one is a copy that shares dicts with the one before (see earlier_structures...).
        self.seen: list[tuple[object, object]] = []

    # ------------------------------------------------------------------ helpers
    def _when(self):
        return _View(self.org, region=None, tag="").last + timedelta(days=1)

    def _fresh(self, kind: str) -> str:
        while True:
            self.counter += 1
            ident = f"sm-{kind}{self.counter}"
            if ident not in self.org:
                return ident

    def _try(self, op) -> bool:
        """Apply ``op``; if it is refused, check that nothing changed."""
        before = self.org
        snapshot = dumps(before, format="json")
        try:
            after = apply(before, [op])
        except ScenarioError as exc:
            assert exc.index == 1
            assert exc.violations
            assert dumps(before, format="json") == snapshot
            event(f"refused {op.op}: {exc.violations[0].code}")
            return False
        event(f"applied {op.op}")
        self.org = after
        self.last = (before, op)
        return True

    def _active(self, *idents: str) -> list[str]:
        found = []
        for ident in dict.fromkeys(idents):
            if self.org.has_unit(ident) and self.org.unit(ident).ended is None:
                found.append(ident)
        return found

    # ------------------------------------------------------------------ rules
    @initialize(target=units, org=orgs(max_units=8))
    def start(self, org):
        self.org = org
        self.ended_at_start = {u.id for u in org.units(include_ended=True) if u.ended}
        self.pending_posts = [p.id for p in org.posts()]
        return multiple(*(u.id for u in org.units()))

    @precondition(lambda self: self.pending_posts)
    @rule(target=posts)
    def adopt_post(self):
        return self.pending_posts.pop()

    @rule(target=units, parent=st.none() | units, name=_names())
    def establish(self, parent, name):
        ident = self._fresh("u")
        unit = Unit(id=ident, name=name, kind="office", level="commune", parent=parent)
        return ident if self._try(Establish(unit=unit, effective=self._when())) else multiple()

    @rule(target=posts, unit=units, role=st.sampled_from(["head", "deputy", "specialist"]))
    def create_post(self, unit, role):
        post = Post(id=self._fresh("p"), unit=unit, title="Chức danh", role=role)
        return post.id if self._try(CreatePost(post=post, effective=self._when())) else multiple()

    @rule(target=units, first=consumes(units), second=consumes(units), name=_names())
    def merge(self, first, second, name):
        parent = self.org.unit(first).parent if self.org.has_unit(first) else None
        spec = UnitSpec(
            id=self._fresh("m"), name=name, kind="office", level="district", parent=parent
        )
        op = Merge(sources=[first, second], into=spec, effective=self._when())
        if self._try(op):
            return spec.id
        return multiple(*self._active(first, second))

    @rule(target=units, source=consumes(units), into=units)
    def absorb(self, source, into):
        if self._try(Absorb(sources=[source], into=into, effective=self._when())):
            return multiple()
        return multiple(*self._active(source))

    @rule(target=units, unit=consumes(units), successor=st.none() | units)
    def dissolve(self, unit, successor):
        if self._try(Dissolve(unit=unit, successor=successor, effective=self._when())):
            return multiple()
        return multiple(*self._active(unit))

    @rule(target=units, source=consumes(units), data=st.data())
    def split(self, source, data):
        if not self._active(source):
            return multiple()
        view, when = _View(self.org, region={source}, tag="sm-"), self._when()
        # Drawn as one value so that a failure prints the whole Split, ready to replay.
        op = data.draw(st.composite(lambda draw: _split(draw, view, when, False))(), label="split")
        assert op is not None and op.source == source
        assert self._try(op), "a split drawn by orgraph.testing was refused"
        return multiple(*(part.id for part in op.into))

    @rule(unit=units, parent=st.none() | units)
    def reparent(self, unit, parent):
        self._try(Reparent(unit=unit, parent=parent, effective=self._when()))

    @rule(post=consumes(posts))
    def abolish_post(self, post):
        self._try(AbolishPost(post=post, effective=self._when()))

    @rule(post=posts, new=st.booleans(), replace=st.booleans())
    def appoint(self, post, new, replace):
        people = [p.id for p in self.org.people()]
        if new or not people:
            person = Person(id=self._fresh("n"), name="Nguyễn Văn Mới")
        else:
            person = people[self.counter % len(people)]
        self._try(Appoint(person=person, post=post, replace=replace, effective=self._when()))

    @rule(target=units, data=st.data())
    def any_operation(self, data):
        op = data.draw(operations(self.org), label="operation")
        assert self._try(op), "an operation drawn by orgraph.testing was refused"
        return multiple(*self.org.history[-1].effects.established)

    @precondition(lambda self: self.last is not None)
    @rule()
    def undo_last(self):
        before, op = self.last
        restored = apply(self.org, op.inverse(before))
        assert restored.equivalent(before)
        self.org, self.last = restored, None

    @rule()
    def save_and_load(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "org.yaml"
            save(self.org, path)
            loaded = load(path)
        assert loaded.equivalent(self.org)
        assert loaded.history == self.org.history

    # ------------------------------------------------------------------ invariants
    @precondition(lambda self: self.org is not None)
    @invariant()
    def structure_is_valid(self):
        assert self.org.check() == []

    @precondition(lambda self: self.org is not None)
    @invariant()
    def saving_then_loading_gives_the_same_structure(self):
        # load(save(org)) == org, read back from the text by load's own path (no disk).
        document = OrgDocument.model_validate(json.loads(dumps(self.org, format="json")))
        again, problems = from_document(document)
        assert problems == []
        assert again == self.org

    @precondition(lambda self: self.org is not None)
    @invariant()
    def earlier_structures_never_change(self):
        # Copies share dicts with what they were copied from until they change them; a
        # change made in place to a shared one would show in an earlier structure.
        if not self.seen or self.seen[-1][0] is not self.org:
            self.seen.append((self.org, raw_graph(self.org)))
        for structure, graph in self.seen:
            assert raw_graph(structure) == graph
        assert_graph_consistent(self.org)

    @precondition(lambda self: self.org is not None)
    @invariant()
    def active_sub_unit_counts_are_kept(self):
        # The store keeps a count of active sub-units per unit (dissolve asks it); it must
        # always be what counting gives.
        counts = Counter(u.parent for u in self.org.units() if u.parent is not None)
        assert self.org._store.active_children_counts() == dict(counts)

    @precondition(lambda self: self.org is not None)
    @invariant()
    def active_hierarchy_has_no_cycle(self):
        hierarchy = nx.DiGraph()
        for unit in self.org.units():
            hierarchy.add_node(unit.id)
            if unit.parent is not None:
                parent = self.org.unit(unit.parent)
                assert parent.ended is None, f"{unit.id} is active under ended {parent.id}"
                hierarchy.add_edge(parent.id, unit.id)
        assert nx.is_directed_acyclic_graph(hierarchy)

    @precondition(lambda self: self.org is not None)
    @invariant()
    def every_active_post_has_one_active_unit(self):
        graph = self.org.graph
        for post in self.org.posts():
            owners = [u for u, _, kind in graph.in_edges(post.id, data="kind") if kind == "post"]
            assert owners == [post.unit], f"post {post.id} belongs to {owners}"
            assert self.org.unit(post.unit).ended is None

    @precondition(lambda self: self.org is not None)
    @invariant()
    def lineage_is_acyclic_and_every_ending_is_recorded(self):
        lineage = nx.DiGraph(
            (e.predecessor, e.successor)
            for e in self.org.lineage
            if e.change not in ("rename", "transfer", "reestablish")
        )
        lineage.remove_nodes_from(
            [e.operation.unit for e in self.org.history if e.operation.op == "reestablish"]
        )
        assert nx.is_directed_acyclic_graph(lineage)
        ended_by_events = {ident for e in self.org.history for ident in e.effects.ended}
        for unit in self.org.units(include_ended=True):
            if unit.ended is not None and unit.id not in self.ended_at_start:
                assert unit.id in ended_by_events, f"{unit.id} ended with no event saying so"


TestOrgMachine = OrgMachine.TestCase
