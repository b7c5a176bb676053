"""The viewer page without a browser: escaping, the CSP, the data, the CLI, Jupyter."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import date

import pytest
from typer.testing import CliRunner

import orgraph
from orgraph.cli import app
from orgraph.render.html import AUTO_DEPTH_UNITS, Viewer, repr_html, script_json, viewer_html
from tests.browser.orgs import CLOSER, DAM_HA, HOSTILE, dam_ha, hostile_org, payload, synthetic


@pytest.fixture
def dam_ha_page(dam_ha_file) -> str:
    return dam_ha_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    ["</script>", "</SCRIPT >", "<!--", "-->", "<script>", "a & b", "\u2028\u2029", CLOSER],
)
def test_script_json_never_closes_the_element(text: str) -> None:
    out = script_json({"name": text, "list": [text]})
    assert "<" not in out and ">" not in out and "&" not in out
    assert "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == {"name": text, "list": [text]}


def test_hostile_names_stay_inside_the_json() -> None:
    page = viewer_html(hostile_org())
    # The only markup is the page's own: two scripts, no img/svg element anywhere.
    assert page.count("<script") == 2
    assert page.count("</script>") == 2
    assert "<img" not in page and "<svg" not in page and "<!--" not in page
    data = payload(page)
    names = {e[2] for box in data["views"][0]["boxes"] for e in box[9]}
    assert HOSTILE in names and CLOSER in names
    assert data["title"] == f"Hostile {HOSTILE}"


def test_csp_forbids_the_network_and_pins_the_inline_code(dam_ha_page: str) -> None:
    metas = re.findall(
        r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', dam_ha_page
    )
    assert len(metas) == 1
    policy = metas[0].replace("&#x27;", "'")
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "data: blob:"
    assert "connect-src" not in directives  # falls back to default-src 'none'
    script = re.findall(r"<script>(.*?)</script>", dam_ha_page, re.S)
    style = re.findall(r"<style>(.*?)</style>", dam_ha_page, re.S)
    assert len(script) == 1 and len(style) == 1

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert directives["script-src"] == digest(script[0])
    assert directives["style-src"] == digest(style[0])


def test_no_external_reference(dam_ha_page: str) -> None:
    assert not re.search(r"\b(src|href)\s*=", dam_ha_page.split("<body>")[0])
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", dam_ha_page))
    assert urls <= {"http://www.w3.org/2000/svg"}


def test_before_after_views_carry_the_diff_statuses(dam_ha_page: str) -> None:
    data = payload(dam_ha_page)
    keys = [data["views"][i]["key"] for i in data["compare"]]
    assert keys == ["before", "after", "changes"]
    changes = data["views"][data["compare"][2]]
    assert changes["diff"] is True
    status = {e[0]: e[4] for box in changes["boxes"] for e in box[9]}
    assert status["ubkt"] == ["merged"]
    assert status["thanh-tra"] == ["merged"]
    assert status["co-quan-ubkt-thanh-tra"] == ["new"]
    assert status["phong-dan-toc"] == ["dissolved"]
    assert status["huyen-uy"] == ["kept"]
    assert [s["status"] for s in data["legend"]][:4] == ["new", "merged", "split", "dissolved"]


def test_timeline_views_are_the_structure_as_of_each_date(dam_ha_page: str) -> None:
    before, after = dam_ha()
    data = payload(dam_ha_page)
    dates = sorted({e.effective for e in after.history if e.effective})
    assert [t[0] for t in data["timeline"]] == [d.isoformat() for d in [before.date, *dates]]
    for when, index in data["timeline"]:
        drawn = {e[0] for box in data["views"][index]["boxes"] for e in box[9]}
        assert drawn == {u.id for u in after.as_of(date.fromisoformat(when)).units()}, when


def test_details_lineage_posts_and_holders(dam_ha_page: str) -> None:
    data = payload(dam_ha_page)
    details = {d["id"]: d for d in data["details"] if d["ended"] is None or d["id"] == "ubkt"}
    ubkt = details["ubkt"]
    assert ubkt["became"] == [
        {"id": "co-quan-ubkt-thanh-tra", "change": "merge", "date": "2018-10-01"}
    ]
    merged = details["co-quan-ubkt-thanh-tra"]
    assert {x["id"] for x in merged["came_from"]} == {"ubkt", "thanh-tra"}
    assert "co-quan-ubkt-thanh-tra" in data["names"]
    posts = {p["title"]: p for p in details["phong-nong-nghiep-ptnt"]["posts"]}
    assert any(not p["holders"] for p in posts.values())  # a vacant deputy post
    commune = {p["title"]: p["holders"] for p in details["xa-quang-lam"]["posts"]}
    secretary = commune["Bí thư Đảng ủy xã Quảng Lâm"]
    assert [h["name"] for h in secretary] == ["Lê Văn Khánh"]
    assert secretary[0]["also"] == ["Chủ tịch Ủy ban nhân dân xã Quảng Lâm (Xã Quảng Lâm)"]


def test_acting_holder_and_link_details() -> None:
    data = payload(viewer_html(hostile_org()))
    by_id = {d["id"]: d for d in data["details"]}
    (head,) = by_id["b"]["posts"]
    assert head["holders"][0]["acting"] is True
    assert head["holders"][0]["also"] == [f"<script>alert(3)</script> ({CLOSER})"]
    assert by_id["b"]["links"] == [
        {"kind": "guidance", "dir": "to", "other": "a", "note": "</script><b>note</b>"}
    ]
    assert by_id["a"]["links"][0]["dir"] == "from"


def test_depth_default_and_checks() -> None:
    small = hostile_org()
    assert payload(viewer_html(small))["depth"] is None
    assert payload(viewer_html(small, depth=1))["depth"] == 1
    big = synthetic(AUTO_DEPTH_UNITS + 50)
    assert payload(viewer_html(big))["depth"] == 2
    with pytest.raises(ValueError, match="depth"):
        viewer_html(small, depth=-1)
    with pytest.raises(ValueError, match="no dated history"):
        viewer_html(small, history=True)


def test_jupyter_html_is_a_sandboxed_frame() -> None:
    small = repr_html(hostile_org())
    assert small.startswith("<div>") and "<img" not in small.replace("&lt;img", "")
    assert 'sandbox="allow-scripts allow-downloads"' in small
    assert "4 units" in small
    assert Viewer(hostile_org())._repr_html_() == small
    large = repr_html(synthetic(400))
    assert "400 units (1 central, 10 province, 100 district, 289 office)" in large
    assert "&quot;depth&quot;: 1" in large  # the viewer opens collapsed to one level


runner = CliRunner()


def test_cli_writes_the_viewer(tmp_path) -> None:
    out = tmp_path / "chart.html"
    result = runner.invoke(
        app,
        [
            "render",
            str(DAM_HA / "org.yaml"),
            "--scenario",
            str(DAM_HA / "streamlining.yaml"),
            "--history",
            "--depth",
            "1",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "html viewer, before/after, timeline" in result.output
    data = payload(out.read_text(encoding="utf-8"))
    assert data["depth"] == 1 and data["compare"] and data["timeline"]
    assert data["title"] == orgraph.load(DAM_HA / "org.yaml").name


def test_cli_viewer_errors_are_one_line(tmp_path) -> None:
    org = str(DAM_HA / "org.yaml")
    result = runner.invoke(app, ["render", org, "--history", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "no dated history" in result.output
    result = runner.invoke(app, ["render", org, "--history", "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 2
    assert "--history needs an HTML output" in result.output
    result = runner.invoke(app, ["render", org, "-f", "html", "-o", str(tmp_path / "x.view")])
    assert result.exit_code == 0 and payload((tmp_path / "x.view").read_text("utf-8"))["views"]
    result = runner.invoke(app, ["render", org, "--root", "nope", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert not (tmp_path / "x.html").exists()


def test_script_is_every_part_in_order() -> None:
    from importlib.resources import files

    from orgraph.render.html._page import SCRIPT_PARTS

    folder = files("orgraph.render.html").joinpath("js")
    on_disk = {p.name for p in folder.iterdir() if p.name.endswith(".js")}
    assert on_disk == {f"{name}.js" for name in SCRIPT_PARTS}
    page = viewer_html(hostile_org())
    (script,) = re.findall(r"<script>(.*?)</script>", page, re.S)
    where = [script.index(folder.joinpath(f"{n}.js").read_text("utf-8")) for n in SCRIPT_PARTS]
    assert where == sorted(where)
    assert script.rstrip().endswith("})();")
