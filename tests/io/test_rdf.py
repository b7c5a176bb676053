"""The W3C Organization Ontology: the triples other tools expect, and plain ORG data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import rdflib.namespace as ns
from rdflib import Graph, Literal, URIRef

from orgraph import DependencyError, FileError, Org, Unit, UnreadableFileError, load
from orgraph.io.rdf import ORGRAPH, export_rdf, import_rdf, to_rdf
from tests.helpers import small_org
from tests.io.helpers import EXAMPLE, history_org

BASE = "https://example.org/org/"


def unit(ident: str) -> URIRef:
    return URIRef(f"{BASE}unit/{ident}")


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(("name", "fmt"), [("org.ttl", "turtle"), ("org.jsonld", "json-ld")])
def test_output_parses_with_rdflib_and_has_the_org_triples(tmp_path: Path, name, fmt) -> None:
    org = load(EXAMPLE)
    export_rdf(org, tmp_path / name, base=BASE)
    g = Graph().parse(tmp_path / name, format=fmt)
    for post in org.posts(include_ended=True):
        node = URIRef(f"{BASE}post/{post.id}")
        assert (node, ns.RDF.type, ns.ORG.Post) in g
        assert (node, ns.ORG.postIn, unit(post.unit)) in g
        assert (unit(post.unit), ns.ORG.hasPost, node) in g
        assert (node, ns.SKOS.prefLabel, Literal(post.title)) in g
    for u in org.units(include_ended=True):
        assert (unit(u.id), ns.RDF.type, ns.ORG.Organization) in g
        if u.parent is None:
            assert (unit(u.id), ns.RDF.type, ns.ORG.OrganizationalUnit) not in g
        else:
            assert (unit(u.id), ns.RDF.type, ns.ORG.OrganizationalUnit) in g
            assert (unit(u.id), ns.ORG.subOrganizationOf, unit(u.parent)) in g
            assert (unit(u.parent), ns.ORG.hasSubOrganization, unit(u.id)) in g
    ubkt = unit("ubkt")
    assert (ubkt, URIRef(ORGRAPH + "kind"), Literal("inspection_committee")) in g
    assert (ubkt, URIRef(ORGRAPH + "civilServants"), Literal(6, datatype=ns.XSD.integer)) in g
    assert (unit("dam-ha"), ns.ORG.identifier, Literal("200")) in g
    person = URIRef(f"{BASE}person/p-nguyen-xuan-dat")
    assert (person, ns.RDF.type, ns.FOAF.Person) in g
    assert (person, ns.FOAF.name, Literal("Nguyễn Xuân Đạt")) in g
    assert (person, ns.ORG.holds, URIRef(f"{BASE}post/huyen-uy.head")) in g
    assert (unit("ban-tuyen-giao"), ns.ORG.linkedTo, unit("ttbdct")) in g


def test_memberships_have_member_organization_role_and_interval() -> None:
    g = to_rdf(small_org(), base=BASE)
    memberships = list(g.subjects(ns.RDF.type, ns.ORG.Membership))
    assert len(memberships) == 3
    m = next(m for m in memberships if g.value(m, ns.ORG.member) == URIRef(f"{BASE}person/p1"))
    assert g.value(m, ns.ORG.organization) == unit("a")
    assert g.value(m, ns.ORG.role) == URIRef(f"{BASE}role/head")
    assert (URIRef(f"{BASE}role/head"), ns.RDF.type, ns.ORG.Role) in g
    interval = g.value(m, ns.ORG.memberDuring)
    assert (interval, ns.RDF.type, ns.TIME.Interval) in g
    start = g.value(interval, ns.TIME.hasBeginning)
    assert g.value(start, ns.TIME.inXSDDate) == Literal("2016-01-01", datatype=ns.XSD.date)
    assert g.value(interval, ns.TIME.hasEnd) is None


def test_history_is_org_change_events() -> None:
    g = to_rdf(history_org(), base=BASE)
    events = list(g.subjects(ns.RDF.type, ns.ORG.ChangeEvent))
    assert len(events) == 2
    merge = next(e for e in events if (e, ns.ORG.resultingOrganization, unit("ab")) in g)
    assert set(g.objects(merge, ns.ORG.originalOrganization)) == {unit("a"), unit("b")}
    assert g.value(merge, ns.PROV.startedAtTime).toPython().date().isoformat() == "2020-03-01"
    assert (unit("ab"), ns.ORG.resultedFrom, merge) in g
    assert (unit("a"), ns.ORG.changedBy, merge) in g
    assert g.value(merge, ns.DCTERMS.identifier) is not None


def test_ids_that_are_not_iri_safe_are_escaped(tmp_path: Path) -> None:
    org = Org.create(name="x", units=[Unit(id='<Ủy>&"#', name="A", kind="k", level="l")])
    export_rdf(org, tmp_path / "x.ttl", base=BASE)
    assert import_rdf(tmp_path / "x.ttl").equivalent(org)


PLAIN_ORG = """
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix ex: <https://data.example.vn/> .
ex:tinh a org:FormalOrganization ; skos:prefLabel "Tỉnh Quảng Ninh" .
ex:so-noi-vu a org:OrganizationalUnit ; skos:prefLabel "Sở Nội vụ" ;
    org:subOrganizationOf ex:tinh .
ex:giam-doc a org:Post ; skos:prefLabel "Giám đốc" ; org:postIn ex:so-noi-vu ;
    org:role ex:director .
ex:an a foaf:Person ; foaf:name "Nguyễn Văn An" .
"""


def test_plain_org_data_is_read_with_defaults(tmp_path: Path) -> None:
    (tmp_path / "plain.ttl").write_text(PLAIN_ORG, encoding="utf-8")
    org = import_rdf(tmp_path / "plain.ttl")
    assert org.name == "plain"
    tinh, so = org.unit("tinh"), org.unit("so-noi-vu")
    assert (tinh.kind, tinh.level, so.kind, so.parent) == (
        "organization",
        "unknown",
        "unit",
        "tinh",
    )
    assert org.post("giam-doc").role == "director"
    assert org.person("an").name == "Nguyễn Văn An"


def test_invalid_rdf(tmp_path: Path) -> None:
    (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="not valid RDF"):
        import_rdf(tmp_path / "bad.ttl")


def test_invalid_content_is_a_file_error(tmp_path: Path) -> None:
    bad = PLAIN_ORG.replace("org:subOrganizationOf ex:tinh", "org:subOrganizationOf ex:nowhere")
    (tmp_path / "bad.ttl").write_text(bad, encoding="utf-8")
    with pytest.raises(FileError, match="parent 'nowhere' does not exist") as info:
        import_rdf(tmp_path / "bad.ttl")
    assert info.value.item == "unit so-noi-vu"


def test_missing_rdflib_says_how_to_install_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "rdflib", None)
    with pytest.raises(DependencyError, match=r"pip install 'orgraph\[rdf\]'"):
        export_rdf(small_org(), tmp_path / "org.ttl")
    assert not (tmp_path / "org.ttl").exists()


def test_an_invalid_node_is_named_by_its_iri(tmp_path: Path) -> None:
    bad = PLAIN_ORG.replace(
        'skos:prefLabel "Sở Nội vụ" ;',
        'skos:prefLabel "Sở Nội vụ" ;\n    <urn:orgraph:vocab:civilServants> -3 ;',
    )
    (tmp_path / "bad.ttl").write_text(bad, encoding="utf-8")
    with pytest.raises(FileError, match="must be at least 0") as info:
        import_rdf(tmp_path / "bad.ttl")
    assert info.value.item == "<https://data.example.vn/so-noi-vu>"
    assert str(info.value).startswith(f"{tmp_path / 'bad.ttl'}: <https://data.example.vn/so-noi")
