"""Reports speak neutral English by default and Vietnamese with ``lang="vi"``, in every
format: the HTML text, the Markdown, the XLSX cells and the PDF's text."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import orgraph
from orgraph.cli import app
from orgraph.report import build_report, to_html, to_markdown, to_xlsx, write_report
from tests.helpers import need_module
from tests.lang_orgs import uk_org, uk_scenario, vietnamese_in

DAM_HA = Path(__file__).resolve().parents[2] / "examples" / "dam_ha"
runner = CliRunner()


class _Text(HTMLParser):
    """The text a reader sees: no tags, no style sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def xlsx_cells(data: bytes) -> dict[str, list[list[object]]]:
    openpyxl = need_module("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book}


@pytest.fixture(scope="module")
def dam_ha() -> tuple[orgraph.Org, orgraph.Scenario]:
    return orgraph.load(DAM_HA / "org.yaml"), orgraph.load_scenario(DAM_HA / "streamlining.yaml")


@pytest.fixture(scope="module")
def vi_report(dam_ha):
    base, plan = dam_ha
    return build_report(base, [plan], charts=False, lang="vi")


def test_vietnamese_tables(vi_report) -> None:
    head = vi_report.headline
    assert head.title == "Các chỉ tiêu chính"
    assert head.header[:2] == ("Chỉ tiêu", "Hiện trạng") and head.header[3] == "Thay đổi"
    labels = [row[0] for row in head.rows]
    assert labels[0] == "Đầu mối"
    assert {"Biên chế: công chức", "Biên chế: viên chức", "Hợp đồng lao động"} <= set(labels)
    tables = {t.key: t for t in vi_report.sections[0].tables}
    assert tables["units_ended"].title == "Đơn vị chấm dứt hoạt động"
    assert tables["units_ended"].header == ("Đơn vị", "Cấp", "Hình thức", "Đơn vị kế thừa")
    how = {row[2] for row in tables["units_ended"].rows}
    assert {"hợp nhất", "sáp nhập", "giải thể"} & how and not {"merge", "absorb"} & how
    ops = {row[1] for row in tables["operations"].rows}
    assert "hợp nhất" in ops and "merge" not in ops
    assert tables["quota_cut"].rows[-1][:2] == ("tất cả", "tất cả")
    assert vi_report.title.endswith(": so sánh 1 phương án")


def test_vietnamese_html_and_markdown(dam_ha) -> None:
    base, plan = dam_ha
    report = build_report(base, [plan], chart={"depth": 1}, lang="vi")
    page = to_html(report)
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    text = html_text(page)
    for phrase in (
        "Hiện trạng: Đầm Hà district",
        "Các phương án",
        "Các chỉ tiêu chính",
        "Đầu mối",
        "Biên chế cắt giảm theo khối và cấp",
        "Trước và sau: Đầm Hà streamlining",
        "BIÊN CHẾ 22 → 17",  # the chart's badges and rows are Vietnamese too
        "+3 đơn vị trực thuộc",
    ):
        assert phrase in text, phrase
    assert "Headline figures" not in text and "Baseline" not in text
    assert unicodedata.is_normalized("NFC", page)
    markdown = to_markdown(report)
    assert "## Các phương án" in markdown and "| Chỉ tiêu | Hiện trạng |" in markdown
    assert "| Đầu mối | 81 | 74 | -7 |" in markdown
    assert "Sơ đồ trước và sau có trong bản HTML và PDF" in markdown
    # Vietnamese numbers: a decimal comma (4.444 would read as four thousand).
    assert "| Tầm kiểm soát, trung bình | 4,444 | 5,214 | +0,77 |" in markdown
    assert "| Đầu mối, khối không thuộc khối | 30 |" in markdown
    assert "4.444" not in markdown and "khối none" not in markdown


def test_vietnamese_xlsx_cells(vi_report) -> None:
    sheets = xlsx_cells(to_xlsx(vi_report))
    assert list(sheets)[:2] == ["Thông tin chung", "Các chỉ tiêu chính"]
    assert [row[0] for row in sheets["Thông tin chung"]][:3] == [
        "Báo cáo",
        "Hiện trạng",
        "Ngày hiện trạng",
    ]
    assert sheets["Các chỉ tiêu chính"][1][:2] == ["Đầu mối", 81]
    assert sheets["Đơn vị chấm dứt hoạt động"][0][:2] == ["Phương án", "Đơn vị"]


@pytest.mark.usefixtures("pdf_tools")
def test_vietnamese_pdf_text(tmp_path, vi_report) -> None:
    path = write_report(vi_report, tmp_path / "report.pdf")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    flat = unicodedata.normalize("NFC", " ".join(text.decode("utf-8").split()))
    for phrase in ("Các chỉ tiêu chính", "Đầu mối", "Biên chế: công chức", "Đơn vị kế thừa"):
        assert phrase in flat, phrase
    assert "Headline figures" not in flat


def test_english_report_of_a_uk_structure_has_no_vietnamese() -> None:
    report = build_report(uk_org(), [uk_scenario()], charts=False)
    assert vietnamese_in(html_text(to_html(report))) == []
    assert vietnamese_in(to_markdown(report)) == []
    cells = xlsx_cells(to_xlsx(report))
    assert vietnamese_in(repr(cells)) == []
    assert cells["Headline figures"][1][0] == "Active units"
    how = {
        row[2] for row in next(t for t in report.sections[0].tables if t.key == "units_ended").rows
    }
    assert how == {"merge", "absorb"}


def test_unknown_language_is_refused(tmp_path, dam_ha) -> None:
    base, plan = dam_ha
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        build_report(base, [plan], charts=False, lang="fr")
    args = ["report", str(DAM_HA / "org.yaml"), str(DAM_HA / "streamlining.yaml")]
    out = tmp_path / "r.md"
    done = runner.invoke(app, [*args, "-o", str(out), "--no-charts", "--lang", "fr"])
    assert done.exit_code == 2 and not out.exists()
    done = runner.invoke(app, [*args, "-o", str(out), "--no-charts", "--lang", "vi"])
    assert done.exit_code == 0, done.output
    assert "## Các chỉ tiêu chính" in out.read_text(encoding="utf-8")


def test_cli_report_is_english_by_default(tmp_path) -> None:
    orgraph.save(uk_org(), tmp_path / "org.json")
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(uk_scenario().model_dump(mode="json", exclude_none=True)))
    out = tmp_path / "r.md"
    done = runner.invoke(app, ["report", str(tmp_path / "org.json"), str(plan), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert vietnamese_in(out.read_text(encoding="utf-8")) == []
