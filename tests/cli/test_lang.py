"""``--lang``: every command that prints labels speaks neutral English by default and
Vietnamese with ``--lang vi``; another language is a usage error (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from orgraph import save
from orgraph.cli import app
from tests.lang_orgs import uk_org, uk_pair, uk_scenario, vietnamese_in

runner = CliRunner()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    before, after = uk_pair()
    save(before, tmp_path / "before.json")
    save(after, tmp_path / "after.json")
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(uk_scenario().model_dump(mode="json", exclude_none=True)))
    return {
        "before": str(tmp_path / "before.json"),
        "after": str(tmp_path / "after.json"),
        "plan": str(plan),
    }


def _commands(f: dict[str, str]) -> dict[str, list[str]]:
    return {
        "compare": ["compare", f["before"], f["plan"]],
        "diff": ["diff", f["before"], f["after"]],
        "lineage": ["lineage", f["after"]],
        "apply": ["apply", f["before"], f["plan"], "--dry-run"],
        "metrics": ["metrics", f["before"]],
        "show": ["show", f["after"], "ofq"],
        "tree": ["tree", f["before"]],
    }


def _run(args: list[str]) -> str:
    done = runner.invoke(app, args)
    assert done.exit_code == 0, done.output
    return done.output


#: A phrase each command prints in Vietnamese (from orgraph.labels).
VIETNAMESE = {
    "compare": ["các phương án so với hiện trạng", "đơn vị chấm dứt hoạt động: 3", "hợp nhất"],
    "diff": ["đơn vị chấm dứt hoạt động (3):", "sáp nhập → ofq", "đơn vị đổi tên (1):"],
    "lineage": ["quan hệ kế thừa", "đơn vị tiền thân", "sáp nhập"],
    "apply": ["phương án: Reform 2018", "đơn vị: 1 thành lập mới, 3 chấm dứt hoạt động"],
    "metrics": ["đầu mối", "biên chế", "tầm kiểm soát: trung bình │ 2,5"],
    "show": ["loại: non_ministerial", "biên chế: công chức 410", "kế thừa: efa -> ofq (sáp nhập"],
    "tree": ["(tính đến 2017-01-01)", "Chief Regulator: còn trống"],
}

ENGLISH = {
    "compare": ["scenarios against the baseline", "units removed: 3", "merge"],
    "diff": ["units ended (3):", "absorbed into ofq", "units renamed (1):"],
    "lineage": ["lineage", "predecessor", "absorb"],
    "apply": ["scenario: Reform 2018", "units: 1 established, 3 ended"],
    "metrics": ["active units", "staff quota", "span of control: mean │ 2.5"],
    "show": ["kind: non_ministerial", "quota: civil servants 410", "lineage: efa -> ofq (absorb"],
    "tree": ["(as of 2017-01-01)", "Chief Regulator: vacant"],
}


@pytest.mark.parametrize("name", list(VIETNAMESE))
def test_english_by_default_with_no_vietnamese(files: dict[str, str], name: str) -> None:
    out = " ".join(_run(_commands(files)[name]).split())
    assert vietnamese_in(out) == []
    for phrase in ENGLISH[name]:
        assert phrase in out, phrase


@pytest.mark.parametrize("name", list(VIETNAMESE))
def test_lang_vi(files: dict[str, str], name: str) -> None:
    out = " ".join(_run([*_commands(files)[name], "--lang", "vi"]).split())
    for phrase in VIETNAMESE[name]:
        assert phrase in out, phrase
    for phrase in ENGLISH[name][:2]:
        assert phrase not in out, phrase


@pytest.mark.parametrize("name", [*VIETNAMESE, "render", "report"])
def test_unknown_language_is_a_usage_error(
    files: dict[str, str], tmp_path: Path, name: str
) -> None:
    commands = _commands(files)
    commands["render"] = ["render", files["before"], "-o", str(tmp_path / "c.svg")]
    commands["report"] = ["report", files["before"], files["plan"], "-o", str(tmp_path / "r.md")]
    done = runner.invoke(app, [*commands[name], "--lang", "fr"])
    assert done.exit_code == 2
    assert "--lang" in done.output
    assert not list(tmp_path.glob("c.svg")) and not list(tmp_path.glob("r.md"))


def test_lineage_csv_and_json_keep_their_codes(files: dict[str, str]) -> None:
    csv = _run(["lineage", files["after"], "--csv", "--lang", "vi"])
    assert csv.splitlines()[0].startswith("predecessor_id,predecessor_name,successor_id")
    assert ",absorb," in csv and "sáp nhập" not in csv
    assert '"change": "absorb"' in _run(["lineage", files["after"], "--json", "--lang", "vi"])


def test_function_history_in_vietnamese(tmp_path: Path) -> None:
    org = uk_org()
    save(org, tmp_path / "org.json")
    out = _run(["lineage", str(tmp_path / "org.json"), "--function", "tax", "--lang", "vi"])
    assert "không đơn vị nào đảm nhiệm tax" in " ".join(out.split())
