"""The GOV.UK dataset against the shipped snapshot, counted here from the raw JSON."""

from __future__ import annotations

import csv
import io
import json
import lzma
from collections import Counter
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

import orgraph
from orgraph.datasets import uk_govuk

# shared/ lies beside the repository (beside the worktrees' folder for a worktree).
SHARED = next(
    (
        folder / "shared" / "data" / "govuk-organisations"
        for folder in Path(__file__).parents[3:5]
        if (folder / "shared" / "data" / "govuk-organisations").is_dir()
    ),
    Path("shared/data/govuk-organisations"),
)

# The typed operation (and the field that tells its cases apart) each closed status becomes.
OPERATION_OF = {
    ("dissolve", None): "no_longer_exists",
    ("replace", "replaced"): "replaced",
    ("replace", "renamed"): "changed_name",
    ("leave_scope", "devolved"): "devolved",
    ("absorb", None): "merged",
    ("split_onto", None): "split",
    ("leave_scope", "left"): "left_gov",
}


@pytest.fixture(scope="module")
def raw() -> list[dict[str, Any]]:
    blob = (
        files("orgraph.datasets")
        .joinpath("data", "govuk-organisations-2026-08-22.json.xz")
        .read_bytes()
    )
    return json.loads(lzma.decompress(blob))


@pytest.fixture(scope="module")
def org() -> orgraph.Org:
    return uk_govuk.organisations()


def _slug(ref: dict[str, Any]) -> str:
    return ref["id"].rsplit("/", 1)[-1]


def test_the_shipped_snapshot_is_the_shared_file(raw):
    if not (SHARED / "organisations.json").exists():
        pytest.skip("the shared copy is not beside the repository")
    assert raw == json.loads((SHARED / "organisations.json").read_text(encoding="utf-8"))


def test_notice_carries_the_licence_attribution():
    notice = files("orgraph.datasets").joinpath("data", "GOVUK-NOTICE.md").read_text("utf-8")
    assert uk_govuk.ATTRIBUTION.split(". Source")[0] in notice
    assert "Open Government Licence v3.0" in uk_govuk.ATTRIBUTION


def test_every_organisation_is_a_unit_and_the_live_ones_are_active(raw, org):
    assert len(raw) == 1262
    for item in raw:
        unit = org.unit(item["details"]["slug"])
        assert unit.name == item["title"].strip()
        assert unit.attrs["govuk_status"] == item["details"]["govuk_status"]
        assert (unit.ended is not None) == (item["details"]["govuk_status"] == "closed")
    statuses = Counter(u.attrs["govuk_status"] for u in org.units())
    # wales-office is listed as a successor but not described: added, and marked so
    assert statuses == {
        "live": 356,
        "exempt": 299,
        "joining": 11,
        "transitioning": 1,
        "not_in_file": 1,
    }


def test_ended_per_status_equals_the_file(raw, org):
    expected = Counter(
        item["details"]["govuk_closed_status"]
        for item in raw
        if item["details"]["govuk_status"] == "closed"
    )
    assert expected == {
        "no_longer_exists": 345,
        "replaced": 64,
        "changed_name": 60,
        "devolved": 60,
        "merged": 43,
        "split": 14,
        "left_gov": 9,
    }
    ended: Counter[str] = Counter()
    for event in org.history:
        op = event.operation
        if not event.effects.ended:
            continue
        key = (op.op, getattr(op, "reason", None))
        ended[OPERATION_OF[key]] += len(event.effects.ended)
    assert ended == expected


def test_each_ended_body_has_lineage_to_exactly_its_listed_successors(raw, org):
    out: dict[str, set[str]] = {}
    for edge in org.lineage:
        out.setdefault(edge.predecessor, set()).add(edge.successor)
    for item in raw:
        if item["details"]["govuk_status"] != "closed":
            continue
        listed = {_slug(r) for r in item["superseding_organisations"]}
        assert out.get(item["details"]["slug"], set()) == listed, item["details"]["slug"]
    closed = {i["details"]["slug"] for i in raw if i["details"]["govuk_status"] == "closed"}
    assert set(out) <= closed


def test_split_bodies_have_two_or_more_successors_and_the_others_one(org):
    for event in org.history:
        op = event.operation
        if not event.effects.ended:
            continue
        count = sum(1 for e in org.lineage if e.event == event.id)
        if op.op == "split_onto":
            assert count >= 2
        elif op.op in ("absorb", "replace"):
            assert count == 1


def test_administrative_parent_rule_and_other_parents_as_links(raw, org):
    by_slug = {i["details"]["slug"]: i for i in raw}
    base = org.as_of(date(1990, 1, 1))  # before every closure: links not yet re-pointed
    many = [i for i in raw if len(i["parent_organisations"]) > 1]
    assert len(many) == 44
    for item in many:
        slug = item["details"]["slug"]
        parents = [_slug(p) for p in item["parent_organisations"]]
        ministerial = [p for p in parents if by_slug[p]["format"] == "Ministerial department"]
        chosen = base.unit(slug).parent
        assert chosen == (ministerial or parents)[0]
        others = {k.source for k in base.links(kind="other_parent") if k.target == slug}
        assert others == set(parents) - {chosen}


def test_dated_closures_keep_their_date_and_history_is_in_order(raw, org):
    days = [e.effective for e in org.history]
    assert days == sorted(days)
    dated = {
        i["details"]["slug"]: date.fromisoformat(i["details"]["closed_at"][:10])
        for i in raw
        if i["details"]["closed_at"] and i["details"]["govuk_status"] == "closed"
    }
    kept = sum(1 for slug, day in dated.items() if org.unit(slug).ended == day)
    assert kept >= len(dated) - 5  # a few end earlier, with their successor
    assert org.check() == []


def test_as_of_before_every_closure_has_every_body_open(org):
    first = min(e.effective for e in org.history)
    before = org.as_of(first.replace(day=1) if first.day > 1 else first)
    assert before.check() == []
    assert len(org.as_of(date(1990, 1, 1)).units()) == 1262


def test_cli_writes_the_dataset_with_its_attribution(tmp_path, org):
    from typer.testing import CliRunner

    from orgraph.cli import app

    out = tmp_path / "uk.json"
    result = CliRunner().invoke(app, ["dataset", "uk-govuk", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Open Government Licence v3.0" in result.output
    loaded = orgraph.load(out)
    assert loaded == org
    assert loaded.as_of(date(2015, 1, 1)).equivalent(org.as_of(date(2015, 1, 1)))


def test_unknown_founding_dates_stay_unknown(tmp_path, org):
    # The snapshot gives no founding date: none is invented (wales-office is established
    # by the closure of the body it succeeds), and each shows as unknown, not as a date.
    from typer.testing import CliRunner

    from orgraph.cli import app

    founded = {u.id: u.founded for u in org.units(include_ended=True) if u.founded}
    assert founded == {"wales-office": date(2024, 7, 1)}
    assert len(org.as_of(date(1900, 1, 1)).units()) == len(org.units(include_ended=True)) - 1
    path = tmp_path / "uk.json"
    orgraph.save(org, path)
    runner = CliRunner()
    shown = runner.invoke(app, ["show", str(path), "department-for-international-development"])
    assert shown.exit_code == 0, shown.output
    assert "founded" not in shown.stdout and "ended: 2020-09-02" in shown.stdout
    data = json.loads(runner.invoke(app, ["show", str(path), "cabinet-office", "--json"]).stdout)
    assert data["founded"] is None
    table = runner.invoke(app, ["units", str(path), "--csv", "--all"])
    assert table.exit_code == 0, table.output
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert {r["founded"] for r in rows if r["id"] != "wales-office"} == {""}
