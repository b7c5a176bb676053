"""An id typed decomposed (NFD, as macOS file names and some keyboards give) finds its
record in every look-up, as ids read from files are normalised to NFC."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgraph
from orgraph import Appointment, Link, Org, Person, Post, Rename, Unit, apply, save
from orgraph.cli import app
from orgraph.history_queries import function_history, name_history, post_lineage
from orgraph.lineage import LineageIndex, became, came_from, edges_of, final_successors
from orgraph.metrics import metrics

HUYEN, UY_BAN, CU, NGUOI, GHE = "huyện", "ủy-ban", "cũ", "người-ấn", "ủy-ban.trưởng"


def nfd(text: str) -> str:
    out = unicodedata.normalize("NFD", text)
    assert out != text  # each id here has a letter that decomposes
    return out


@pytest.fixture(scope="module")
def org() -> Org:
    base = Org.create(
        name="t",
        date=date(2020, 1, 1),
        units=[
            Unit(id=HUYEN, name="Huyện", kind="district", level="district"),
            Unit(id=UY_BAN, name="Ủy ban", kind="office", level="x", parent=HUYEN),
            Unit(id=CU, name="Cũ", kind="office", level="x", parent=HUYEN, functions={"tax"}),
        ],
        posts=[Post(id=GHE, unit=UY_BAN, title="Trưởng", role="head")],
        people=[Person(id=NGUOI, name="Ấn")],
        appointments=[Appointment(person=NGUOI, post=GHE, start=date(2019, 1, 1))],
        links=[Link(source=UY_BAN, target=CU, kind="guidance")],
    )
    # Built with NFD ids in Python: the operations normalise them as files do.
    return apply(
        base,
        [
            Rename(unit=nfd(UY_BAN), name="Ủy ban mới", effective=date(2021, 1, 1)),
            {"op": "absorb", "sources": [nfd(CU)], "into": nfd(UY_BAN), "effective": "2022-01-01"},
        ],
    )


def test_record_look_ups(org: Org) -> None:
    assert org.unit(nfd(UY_BAN)).id == UY_BAN
    assert org.has_unit(nfd(UY_BAN)) and nfd(UY_BAN) in org
    assert org.post(nfd(GHE)).id == GHE and org.has_post(nfd(GHE))
    assert org.person(nfd(NGUOI)).id == NGUOI and org.has_person(nfd(NGUOI))
    assert [a.post for a in org.appointments(person=nfd(NGUOI))] == [GHE]
    assert [a.person for a in org.appointments(post=nfd(GHE))] == [NGUOI]
    assert len(org.appointments(person=nfd(NGUOI), post=nfd(GHE))) == 1
    assert [p.id for p in org.posts(nfd(UY_BAN))] == [GHE]
    assert [p.id for p in org.holders(nfd(GHE))] == [NGUOI]
    assert [p.id for p in org.posts_of(nfd(NGUOI))] == [GHE]
    head = org.head(nfd(UY_BAN))
    assert head is not None and head.id == GHE


def test_tree_look_ups(org: Org) -> None:
    assert [u.id for u in org.children(nfd(HUYEN))] == [UY_BAN]
    assert org.has_children(nfd(HUYEN))
    parent = org.parent(nfd(UY_BAN))
    assert parent is not None and parent.id == HUYEN
    assert [u.id for u in org.ancestors(nfd(UY_BAN))] == [HUYEN]
    assert [u.id for u in org.subtree(nfd(HUYEN))] == [HUYEN, UY_BAN]
    assert org.depth(nfd(UY_BAN)) == 1
    assert metrics(org, root=nfd(UY_BAN)) == metrics(org, root=UY_BAN)


def test_link_look_ups() -> None:
    plain = Org.create(
        name="t",
        units=[
            Unit(id=UY_BAN, name="A", kind="office", level="x"),
            Unit(id=CU, name="B", kind="office", level="x"),
        ],
        links=[Link(source=UY_BAN, target=CU, kind="guidance")],
    )
    assert plain.has_link(nfd(UY_BAN), nfd(CU), "guidance")
    assert plain.link(nfd(UY_BAN), nfd(CU), "guidance").target == CU
    assert len(plain.links(unit=nfd(CU))) == 1


def test_lineage_and_history_queries(org: Org) -> None:
    assert [u.id for u in came_from(org, nfd(UY_BAN))] == [CU]
    assert [u.id for u in became(org, nfd(CU))] == [UY_BAN]
    assert final_successors(org, nfd(CU)) == ([UY_BAN], "absorb")
    assert edges_of(org, nfd(CU)) == edges_of(org, CU) != []
    index = LineageIndex(org)
    assert [u.id for u in index.came_from(nfd(UY_BAN), transitive=True)] == [CU]
    assert [s.name for s in name_history(org, nfd(UY_BAN))] == ["Ủy ban", "Ủy ban mới"]
    assert [s.name for s in name_history(org, nfd(NGUOI))] == ["Ấn"]
    assert [s.unit for s in function_history(org, "tax")] == [CU, UY_BAN]
    assert post_lineage(org, nfd(GHE)) == []


def test_operations_hold_nfc_ids() -> None:
    op = orgraph.parse_operation({"op": "appoint", "person": nfd(NGUOI), "post": nfd(GHE)})
    assert (op.person, op.post) == (NGUOI, GHE)
    assert Rename(unit=nfd(UY_BAN), name="X").unit == UY_BAN


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["show", "{f}", nfd(UY_BAN)], "Ủy ban mới"),
        (["lineage", "{f}", "--unit", nfd(UY_BAN)], CU),
        (["tree", "{f}", "--root", nfd(UY_BAN)], "Ủy ban mới"),
        (["posts", "{f}", "--unit", nfd(UY_BAN)], GHE),
    ],
)
def test_command_line_ids(tmp_path: Path, org: Org, args: list[str], shown: str) -> None:
    path = tmp_path / "org.yaml"
    save(org, path)
    result = CliRunner().invoke(app, [a.format(f=path) for a in args])
    assert result.exit_code == 0, result.output
    assert shown in result.stdout


def test_a_chart_root(org: Org) -> None:
    from orgraph.render import to_dot

    assert to_dot(org, root=nfd(UY_BAN)) == to_dot(org, root=UY_BAN)


def test_as_of_takes_iso_text_and_refuses_other_types(org: Org) -> None:
    assert org.as_of("2021-06-01").equivalent(org.as_of(date(2021, 6, 1)))
    assert org.as_of("2021-06-01").unit(UY_BAN).name == "Ủy ban mới"
    with pytest.raises(ValueError, match="as_of needs a date"):
        org.as_of("1 June 2021")
    with pytest.raises(TypeError, match="as_of needs a date, not int"):
        org.as_of(20210601)  # type: ignore[arg-type]
