"""Printing on paper: page fitting at 6 points, and multi-page PDFs (GOV.UK's shape)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from datetime import date
from pathlib import Path

import pytest

from orgraph import Org, Unit
from orgraph.render import render_pages
from orgraph.render.dot import placement_of
from orgraph.render.pages import MIN_PRINTED, pages, printed_size

GOVUK = Path("/work/shared/data/govuk-organisations/organisations.json")


def govuk() -> Org:
    """Live ministerial departments with every live body below them, read from the
    GOV.UK organisations API snapshot (or a synthetic structure of that shape)."""
    if GOVUK.exists():
        records = [
            r for r in json.loads(GOVUK.read_text()) if r["details"]["govuk_status"] == "live"
        ]
        by_id = {r["id"]: r for r in records}
        roots = [r for r in records if r["format"] == "Ministerial department"]
        units, seen = [], set()
        queue = [(r, None) for r in roots]
        while queue:
            record, parent = queue.pop(0)
            if record["id"] in seen:
                continue
            seen.add(record["id"])
            slug = record["details"]["slug"]
            units.append(
                Unit(
                    id=slug,
                    name=record["title"],
                    kind=re.sub(r"\W+", "_", record["format"].lower()).strip("_") or "other",
                    level="uk",
                    parent=parent,
                )
            )
            for child in record["child_organisations"]:
                if child["id"] in by_id:
                    queue.append((by_id[child["id"]], slug))
        return Org.create(
            name="GOV.UK ministerial departments", date=date(2026, 8, 22), units=units
        )
    units = []
    for d in range(24):
        units.append(Unit(id=f"d{d}", name=f"Department for Things {d}", kind="dept", level="uk"))
        for a in range(d % 7 + 3):
            units.append(
                Unit(
                    id=f"d{d}a{a}",
                    name=f"Agency {d}.{a}",
                    kind="agency",
                    level="uk",
                    parent=f"d{d}",
                )
            )
    return Org.create(name="Synthetic departments", date=date(2026, 1, 1), units=units)


@pytest.fixture(scope="module")
def uk() -> Org:
    return govuk()


def test_govuk_fits_a1_or_splits_into_pages(uk: Org) -> None:
    assert len(uk.units()) > 100
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        charts = pages(uk, page="A1")
    assert charts
    for chart in charts:
        assert printed_size(placement_of(chart), "A1") >= MIN_PRINTED or not chart.children
    drawn = {e.unit for c in charts for b in c.boxes for e in b.entries}
    drawn |= {u for c in charts for b in c.boxes for e in b.entries for u in e.folded}
    assert drawn >= {u.id for u in uk.units()} - {
        u.id for u in uk.units() if u.level != "uk"
    } or len(drawn) > 0.9 * len(uk.units())


@pytest.mark.dot
@pytest.mark.skipif(shutil.which("pdfunite") is None, reason="needs pdfunite (poppler-utils)")
def test_pages_pdf_has_markers_and_an_overview(uk: Org, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        charts = pages(uk, page="A4")
        pdf = render_pages(uk, tmp_path / "uk.pdf", page="A4")
    assert len(charts) > 1
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1]) == len(charts)  # type: ignore[index]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    flat = " ".join(text.decode().split())
    assert "continued on page 2" in flat
    assert "(continued from page 1)" in flat
