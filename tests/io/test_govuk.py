"""read_govuk on small hand-made GOV.UK files: every rule of orgraph.io.govuk."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from orgraph import FileError, UnreadableFileError
from orgraph.io.govuk import SNAPSHOT, read_govuk

API = "https://www.gov.uk/api/organisations/"


def body(
    slug: str,
    fmt: str = "Executive agency",
    *,
    status: str = "live",
    closed: str | None = None,
    closed_at: str | None = None,
    parents: tuple[str, ...] = (),
    successors: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "id": API + slug,
        "title": slug.replace("-", " ").title(),
        "format": fmt,
        "details": {
            "slug": slug,
            "closed_at": closed_at,
            "govuk_status": status,
            "govuk_closed_status": closed,
        },
        "parent_organisations": [{"id": API + p} for p in parents],
        "superseding_organisations": [{"id": API + s} for s in successors],
    }


def test_parent_rule_prefers_a_ministerial_department_and_keeps_others_as_links():
    org, report = read_govuk(
        [
            body("board", "Other"),
            body("dept", "Ministerial department"),
            body("agency", parents=("board", "dept")),
        ]
    )
    assert org.unit("agency").parent == "dept"
    assert [(k.source, k.target, k.kind) for k in org.links()] == [
        ("board", "agency", "other_parent")
    ]
    assert org.unit("dept").kind == "ministerial_department" and report.warnings == []


def test_a_parent_that_would_make_a_cycle_is_a_link_only():
    org, _ = read_govuk([body("a", parents=("b",)), body("b", parents=("a",))])
    assert org.unit("a").parent == "b" and org.unit("b").parent is None
    assert [(k.source, k.target) for k in org.links()] == [("a", "b")]


def test_each_status_becomes_its_operation_with_its_lineage():
    org, report = read_govuk(
        [
            body("gone", status="closed", closed="no_longer_exists"),
            body("m", status="closed", closed="merged", successors=("live",)),
            body("r", status="closed", closed="replaced", successors=("live",)),
            body("n", status="closed", closed="changed_name", successors=("live",)),
            body("s", status="closed", closed="split", successors=("live", "other")),
            body("dv", status="closed", closed="devolved", successors=("wales",)),
            body("lg", status="closed", closed="left_gov"),
            body("live"),
            body("other"),
            body("wales", "Devolved government"),
        ]
    )
    ops = {e.operation.op + ":" + str(getattr(e.operation, "reason", "")) for e in org.history}
    assert ops == {
        "dissolve:",
        "absorb:",
        "replace:replaced",
        "replace:renamed",
        "split_onto:",
        "leave_scope:devolved",
        "leave_scope:left",
    }
    edges = sorted((e.predecessor, e.successor, e.change) for e in org.lineage)
    assert edges == [
        ("dv", "wales", "devolved"),
        ("m", "live", "absorb"),
        ("n", "live", "replace"),
        ("r", "live", "replace"),
        ("s", "live", "split"),
        ("s", "other", "split"),
    ]
    assert all(e.effective == SNAPSHOT for e in org.history)  # none is dated
    assert report.warnings == []


def test_undated_closure_is_dated_by_its_successor_and_order_is_predecessor_first():
    org, report = read_govuk(
        [
            body("a", status="closed", closed="merged", successors=("b",)),
            body(
                "b",
                status="closed",
                closed="merged",
                successors=("c",),
                closed_at="2015-04-01T00:00:00.000+01:00",
            ),
            body("c"),
        ]
    )
    assert [e.operation.op for e in org.history] == ["absorb", "absorb"]
    assert org.unit("a").ended == org.unit("b").ended == date(2015, 4, 1)
    assert [u.id for u in org.as_of(date(2015, 3, 31)).units()] == ["a", "b", "c"]
    assert [u.id for u in org.as_of(date(2015, 4, 1)).units()] == ["c"]
    assert report.warnings == []


def test_sub_units_of_a_body_that_ends_without_successor_move_to_their_next_parent():
    org, _ = read_govuk(
        [
            body("old", status="closed", closed="no_longer_exists", closed_at="2014-01-01"),
            body("dept", "Ministerial department"),
            body("unit", "Other", parents=("old",)),
            body("team", "Other", parents=("dept", "old")),
        ]
    )
    assert org.unit("unit").parent is None
    assert org.unit("team").parent == "dept"
    assert [e.operation.op for e in org.history] == ["reparent", "dissolve"]


def test_defects_are_warned_with_the_organisation():
    _, report = read_govuk(
        [
            body("a", status="closed", closed="merged", successors=("x", "y")),
            body("x"),
            body("y"),
            body("b", parents=("nowhere",)),
            body("c", status="closed", closed="replaced", successors=("missing",)),
        ]
    )
    assert report.warnings == [
        "b: parent 'nowhere' is not in the file; ignored",
        "a: merged with 2 successor(s) breaks GOV.UK's rule",
        "c: successor 'missing' is not in the file; added as a unit named by its id",
    ]


def test_bad_files_give_one_line_errors(tmp_path: Path):
    with pytest.raises(FileError, match=r"expected a JSON list"):
        read_govuk({"not": "a list"})  # type: ignore[arg-type]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "x"}]), encoding="utf-8")
    with pytest.raises(FileError) as info:
        read_govuk(bad)
    assert str(info.value).startswith(f"{bad}: [0]: title: Field required")
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="not JSON"):
        read_govuk(bad)
    with pytest.raises(UnreadableFileError, match="file not found"):
        read_govuk(tmp_path / "none.json")


def test_cli_imports_govuk_json(tmp_path: Path):
    from typer.testing import CliRunner

    from orgraph import load
    from orgraph.cli import app

    source = tmp_path / "orgs.json"
    source.write_text(
        json.dumps([body("a", status="closed", closed="merged", successors=("b",)), body("b")]),
        encoding="utf-8",
    )
    out = tmp_path / "uk.json"
    result = CliRunner().invoke(app, ["import", str(source), "-f", "govuk", "-o", str(out)])
    assert result.exit_code == 0, result.output
    org = load(out)
    assert [(e.predecessor, e.successor) for e in org.lineage] == [("a", "b")]
