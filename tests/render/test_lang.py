"""Charts speak neutral English by default and Vietnamese with ``lang="vi"``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import orgraph
from orgraph import save
from orgraph.cli import app
from orgraph.render import render_bytes, render_pages, to_dot, to_mermaid, viewer_html
from orgraph.render._layout import layout
from orgraph.render._lists import lists_page
from orgraph.render.options import settings
from orgraph.render.pages import pages
from tests.lang_orgs import uk_org, uk_pair, uk_scenario, vietnamese_in
from tests.render.orgs import svg_texts, unwrap
from tests.render.test_pages import govuk

runner = CliRunner()
OPTIONS = {"quota": True, "people": True, "posts": True}


def _badges(source: str) -> set[str]:
    return set(re.findall(r"<B>([^<]*)</B>", source))


def test_default_chart_of_a_uk_structure_has_no_vietnamese() -> None:
    before, after = uk_pair()
    for text in (
        to_dot(after, before=before, **OPTIONS),
        to_dot(before, **OPTIONS, blocs=True),
        to_mermaid(after, before=before, **OPTIONS),
        # The viewer's own script folds đ to d for search: check the page without it.
        re.sub(
            r"<script>.*?</script>", "", viewer_html(after, before=before, history=True), flags=re.S
        ),
    ):
        assert vietnamese_in(text) == []
    source = to_dot(after, before=before, **OPTIONS)
    assert {"NEW", "MERGED", "RENAMED", "MOVED", "QUOTA"} <= _badges(source)
    assert "new unit (thick border)" in source and "Quota 80: 80 civil servants" in source


def test_vietnamese_chart_words() -> None:
    before, after = uk_pair()
    source = unwrap(to_dot(after, before=before, **OPTIONS, lang="vi"))
    # The legend's swatches, the badges in the boxes and the quota rows.
    assert {"MỚI", "HỢP NHẤT", "ĐỔI TÊN", "CHUYỂN", "BIÊN CHẾ"} <= _badges(source)
    assert "SÁP NHẬP vào Ofqual" in source
    assert "ĐỔI TÊN, tên cũ: Office of" in source
    assert "Biên chế 80: 80 công chức" in source
    assert "Biên chế 70: 60 công chức, 10 viên chức" in source
    assert "đơn vị thành lập mới (viền đậm)" in source
    assert "mũi tên đậm: trở thành (một phần của)" in source
    assert "2017-01-01 → 2018-04-01" in source
    # English words of the chart's own are gone; the data's names are kept as they are.
    assert "Quota" not in source and "NEW" not in _badges(source)
    assert "Teaching Regulation Agency" in source
    single = unwrap(to_dot(before, **OPTIONS, lang="vi"))
    assert "tính đến 2017-01-01" in single and "[kiêm nhiệm]" in single


def test_vietnamese_folded_and_more_rows() -> None:
    org = uk_org()
    chart = layout(org, settings({"collapse": "executive_agency", "quota": True, "lang": "vi"}))
    texts = [e.name for b in chart.boxes for e in b.entries]
    lines = [line.text for b in chart.boxes for e in b.entries for line in e.lines]
    assert "3 × executive_agency" in texts and "Tổng biên chế 450" in lines
    listed = layout(org, settings({"max_list": 2, "lang": "vi", "depth": 1}))
    names = [e.name for b in listed.boxes for e in b.entries]
    assert "+3 đơn vị khác" in names
    page = lists_page(listed)
    assert '<html lang="vi">' in page and "DfE: danh sách đầy đủ" in page
    assert "(sau Office of Qualifications)" in page
    english = lists_page(layout(org, settings({"max_list": 2, "depth": 1})))
    assert '<html lang="en">' in english and "full lists" in english


@pytest.mark.dot
@pytest.mark.skipif(shutil.which("pdfunite") is None, reason="needs pdfunite (poppler-utils)")
def test_govuk_pages_in_vietnamese_and_english(tmp_path: Path) -> None:
    uk = govuk()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        charts = pages(uk, page="A4", lang="vi")
        pdf = render_pages(uk, tmp_path / "uk.pdf", page="A4", lang="vi")
        english = to_dot(uk, depth=2)
    assert len(charts) > 1
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    flat = " ".join(text.decode().split())
    assert "xem tiếp trang 2" in flat and "(tiếp theo trang 1)" in flat
    assert "continued" not in flat
    # A real non-Vietnamese structure: the default chart has no Vietnamese word.
    assert vietnamese_in(english) == []


@pytest.mark.dot
def test_vietnamese_svg_text() -> None:
    before, after = uk_pair()
    texts = svg_texts(render_bytes(after, "svg", before=before, quota=True, lang="vi"))
    joined = "\n".join(texts)
    for word in ("MỚI", "HỢP NHẤT", "ĐỔI TÊN", "Biên chế", "công chức", "đơn vị thành lập mới"):
        assert word in joined
    english = "\n".join(svg_texts(render_bytes(after, "svg", before=before, quota=True)))
    assert vietnamese_in(english) == []


def test_viewer_words_follow_the_language() -> None:
    before, after = uk_pair()
    page = viewer_html(after, before=before, lang="vi")
    data = json.loads(re.search(r'id="orgraph-data">(.*?)</script>', page).group(1))
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert data["lang"] == "vi"
    assert data["words"]["search"] == "Tìm theo tên, id hoặc mã"
    assert data["words"]["status.merged"] == "hợp nhất"
    assert data["words"]["change.absorb"] == "sáp nhập"
    assert [v["label"] for v in data["views"]] == [
        "Trước (2017-01-01)",
        "Sau (2018-04-01)",
        "Thay đổi",
    ]
    assert {s["meaning"] for s in data["legend"]} >= {"đơn vị thành lập mới (viền đậm)"}
    english = viewer_html(after, before=before)
    assert english.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '"search": "Search name, id or code"' in english


@pytest.mark.parametrize("lang", ["fr", "VI", ""])
def test_unknown_language_is_refused(lang: str) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        to_dot(uk_org(), lang=lang)
    with pytest.raises(ValueError, match="unknown language"):
        viewer_html(uk_org(), lang=lang)


@pytest.mark.dot
def test_cli_render_lang(tmp_path: Path) -> None:
    before = uk_org()
    save(before, tmp_path / "org.json")
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(uk_scenario().model_dump(mode="json", exclude_none=True)))
    out = tmp_path / "chart.svg"
    args = ["render", str(tmp_path / "org.json"), "--scenario", str(plan), "-o", str(out)]
    done = runner.invoke(app, [*args, "--lang", "vi", "--quota"])
    assert done.exit_code == 0, done.output
    assert "HỢP NHẤT" in "\n".join(svg_texts(out.read_bytes()))
    html = tmp_path / "chart.html"
    done = runner.invoke(app, [*args[:-1], str(html), "--lang", "vi"])
    assert done.exit_code == 0, done.output
    assert '<html lang="vi">' in html.read_text(encoding="utf-8")
    bad = runner.invoke(app, [*args, "--lang", "fr"])
    assert bad.exit_code == 2 and not out.with_name("x").exists()


def test_footer_says_how_many_notes_are_left_out_in_the_chart_language() -> None:
    from orgraph.labels import label
    from orgraph.render._placed import NOTES_SHOWN, shown_notes
    from orgraph.render.dot import _note

    last = shown_notes([f"L{i}: a ⋯ b" for i in range(NOTES_SHOWN + 5)])[-1]
    # The placement writes the English line; the chart writer must recognise it.
    assert last == label("notes_more", "en", n=5)
    assert _note(last, "vi") == "... và 5 đường khác (xem chú thích)"
    assert _note(last, "en") == last and _note("L1: a ⋯ b", "vi") == "L1: a ⋯ b"


def test_vietnamese_charts_and_show_name_the_usual_tiers(tmp_path: Path) -> None:
    # Level codes of Vietnam's tiers read as Vietnamese planners say them; other codes
    # are data and stay as written, and English keeps every code.
    org = orgraph.Org.create(
        name="Xã",
        units=[
            orgraph.Unit(id="x", name="Xã Quảng An", kind="commune", level="commune"),
            *(
                orgraph.Unit(
                    id=f"t{i}", name=f"Thôn {i}", kind="village", level="village", parent="x"
                )
                for i in (1, 2, 3)
            ),
            orgraph.Unit(id="h", name="Hợp tác xã", kind="coop", level="coop_level", parent="x"),
        ],
    )
    vi = to_dot(org, collapse=["village"], lang="vi")
    assert "3 × thôn" in vi and "× village" not in vi
    assert "3 × village" in to_dot(org, collapse=["village"])
    assert "× coop_level" in to_dot(org, collapse=["coop_level"], lang="vi")
    path = tmp_path / "org.json"
    orgraph.save(org, path)
    shown = CliRunner().invoke(app, ["show", str(path), "x", "--lang", "vi"])
    assert shown.exit_code == 0 and "cấp: xã" in shown.stdout
    english = CliRunner().invoke(app, ["show", str(path), "x"])
    assert "level: commune" in english.stdout
