"""Fingerprints and decisions (`yusuan review`, the baseline, `yusuan audit --baseline`): a
decided finding stays decided across re-imports, re-runs and renamed files."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner

from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.cli import cli
from yusuan.model import Meta
from yusuan.read import read_path
from yusuan.review import (
    Decision,
    Verdict,
    decision_for,
    fingerprint,
    fingerprints,
    with_decisions,
)
from yusuan.review.baseline import NAME, dump_baseline, load_baseline
from yusuan.review.fingerprint import document_identity, finding_place

from conftest import FIXTURES, SEED

PDF = FIXTURES / "corpus" / "hz-qxj-2026-ys.pdf"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seed_report():
    return audit(read_path(SEED))


def prints(report) -> list[str]:
    return fingerprints(report.findings, report.doc)


# --- fingerprints ---------------------------------------------------------------------------


def test_a_rerun_and_a_renamed_file_keep_every_fingerprint(seed_report, tmp_path):
    elsewhere = tmp_path / "another folder" / "三门峡示范区2023预算.txt"
    elsewhere.parent.mkdir()
    shutil.copy(SEED, elsewhere)
    assert prints(audit(read_path(elsewhere))) == prints(seed_report)
    assert prints(audit(read_path(SEED))) == prints(seed_report)


def test_fingerprints_ignore_line_numbers_and_wording(seed_report, tmp_path):
    # two lines more at the top: every line number moves, no figure does
    shifted = tmp_path / "seed.txt"
    shifted.write_text("\n\n" + SEED.read_text("utf-8"), "utf-8")
    moved = audit(read_path(shifted))
    moved_lines = {f.location.line for f in moved.findings}
    assert moved_lines != {f.location.line for f in seed_report.findings}
    assert prints(moved) == prints(seed_report)
    f = seed_report.findings[0]
    reworded = replace(f, message="另一种说法", suggestion=None)
    assert fingerprint(reworded, seed_report.doc) == fingerprint(f, seed_report.doc)


def test_fingerprints_tell_problems_apart(seed_report):
    assert len(set(prints(seed_report))) == len(seed_report.findings)
    f = next(f for f in seed_report.findings if f.stated is not None)
    other = replace(f, stated=f.stated + Decimal("0.01"))
    assert fingerprint(other, seed_report.doc) != fingerprint(f, seed_report.doc)
    assert fingerprint(replace(f, rule="x.y"), seed_report.doc) != fingerprint(f, seed_report.doc)
    same_figure = replace(f, stated=Decimal(f"{f.stated}0"))  # 716.730 is 716.73
    assert fingerprint(same_figure, seed_report.doc) == fingerprint(f, seed_report.doc)


def test_findings_alike_are_numbered_in_order(seed_report):
    f = next(f for f in seed_report.findings if not f.location.table)
    twin = replace(f, message="同一句里的第二处")
    first, second = fingerprints([f, twin], seed_report.doc)
    assert first == fingerprint(f, seed_report.doc) != second
    assert fingerprints([f, twin, f], seed_report.doc)[2] not in (first, second)


def test_a_narrative_finding_is_placed_by_its_page_and_words():
    report = audit(read_path(PDF))
    f = next(f for f in report.findings if not f.location.table)
    page = report.doc.page_of(f.location.line, f.location.path)
    words = report.doc.source_line(f.location.line, f.location.path)
    assert page and words
    place = finding_place(f, report.doc)
    assert f"|p{page}|" in place and place.endswith("".join(words.split()))


def test_the_document_identity_falls_back_to_the_file_name():
    from yusuan.model import DocKind

    known = Meta(path="/a/b/x.pdf", department=" 某 局 ", year=2026, kind=DocKind.BUDGET)
    assert document_identity(known) == "某局|2026|预算"
    assert document_identity(Meta(path="/a/b/x.pdf", year=2026)) == "x.pdf"


# --- decisions on a report, the baseline ----------------------------------------------------


def _decision(fp: str, verdict: Verdict = Verdict.IGNORED, reason: str = "口径差异") -> Decision:
    return Decision(fp, verdict, reason, "张三", datetime(2026, 12, 7, 3, 0, tzinfo=UTC))


def test_decided_findings_are_marked_and_not_counted(seed_report):
    keys = dict(zip(seed_report.findings, prints(seed_report), strict=True))
    errors = [f for f in seed_report.findings if f.severity is Severity.ERROR]
    first, second = errors[0], errors[1]
    decided = with_decisions(
        seed_report,
        {
            keys[first]: _decision(keys[first]),
            keys[second]: _decision(keys[second], Verdict.CONFIRMED, "已通知单位"),
        },
    )
    assert decision_for(decided, first).label == "已忽略（口径差异）"
    assert decision_for(decided, second).label == "已确认（已通知单位）"
    assert decision_for(decided, errors[2]) is None
    assert decision_for(seed_report, first) is None
    assert decided.count(Severity.ERROR) == seed_report.count(Severity.ERROR) - 2
    assert decided.findings == seed_report.findings  # still listed, as decided


def test_the_baseline_round_trips_and_refuses_a_broken_file(tmp_path):
    decisions = [
        _decision("0123456789abcdef"),
        replace(_decision("fedcba9876543210", Verdict.CONFIRMED), rule="table.row-sum"),
    ]
    path = tmp_path / NAME
    path.write_text(dump_baseline(decisions), "utf-8")
    assert load_baseline(path) == {d.fingerprint: d for d in decisions}
    path.write_text('version = 1\n[[decision]]\nfingerprint = "ab"\nverdict = "也许"\n', "utf-8")
    with pytest.raises(Exception, match=r"第 1 条 \[\[decision\]\] 无效（不认识的结论"):
        load_baseline(path)
    path.write_text('[[decision]]\nfingerprint = "AB12"\nverdict = "Ignored"\n', "utf-8")
    loaded = load_baseline(path)["ab12"]
    assert loaded.verdict is Verdict.IGNORED and loaded.when.tzinfo is not None
    path.write_text("[[decision]]\nverdict = '忽略'\n", "utf-8")
    with pytest.raises(Exception, match="缺少 fingerprint"):
        load_baseline(path)


# --- yusuan review and yusuan audit, against the store ------------------------------------


def _listed(store_url: str, *options: str) -> list[dict[str, object]]:
    code, out, err = run("review", "list", "--db", store_url, "--format", "json", *options)
    assert code == 0, err
    return json.loads(out)


def test_review_flow_on_the_store(store_url, tmp_path):
    code, _, err = run("import", str(SEED), str(PDF), "--db", store_url)
    assert code == 0, err
    listed = _listed(store_url)
    assert {item["status"] for item in listed} == {"新"}
    assert {item["severity"] for item in listed} == {"error", "warning"}
    mine = _listed(store_url, "--department", "气象")
    assert mine and {item["department"] for item in mine} == {"杭州市气象局"}
    sums = _listed(store_url, "--rule", "table")
    assert sums and all(str(item["rule"]).startswith("table.") for item in sums)

    target = str(listed[0]["fingerprint"])
    prefix = next(
        target[:n]
        for n in range(4, 17)
        if sum(str(i["fingerprint"]).startswith(target[:n]) for i in listed) == 1
    )
    code, out, err = run(
        "review", "ignore", prefix, "--reason", "四舍五入", "--who", "李四", "--db", store_url
    )
    assert code == 0, err
    assert out.strip() == f"{target} 已忽略（四舍五入）（李四）"
    other = str(listed[1]["fingerprint"])
    code, out, _ = run("review", "confirm", other, "--reason", "合计有误", "--db", store_url)
    assert code == 0 and "已确认（合计有误）" in out

    ambiguous = "0123456789abcdef"[
        [
            sum(str(i["fingerprint"]).startswith(c) for i in listed) > 1 for c in "0123456789abcdef"
        ].index(True)
    ]
    code, _, err = run("review", "confirm", ambiguous, "--reason", "x", "--db", store_url)
    assert code == 2 and "不唯一" in err and len(err.strip().splitlines()) == 1
    code, _, err = run("review", "confirm", "zz", "--reason", "x", "--db", store_url)
    assert code == 2 and "没有指纹以 zz 开头" in err

    assert [i["fingerprint"] for i in _listed(store_url, "--status", "忽略")] == [target]
    assert [i["fingerprint"] for i in _listed(store_url, "--status", "confirmed")] == [other]
    assert len(_listed(store_url, "--status", "新")) == len(listed) - 2

    baseline = tmp_path / NAME
    code, _, err = run("review", "export", "--baseline", str(baseline), "--db", store_url)
    assert code == 0 and "写出 2 条结论" in err
    saved = load_baseline(baseline)
    assert {d.verdict for d in saved.values()} == {Verdict.IGNORED, Verdict.CONFIRMED}
    assert saved[target].who == "李四" and saved[target].rule == listed[0]["rule"]

    fresh = f"sqlite:///{tmp_path}/other.db"
    code, _, err = run("review", "import-baseline", str(baseline), "--db", fresh)
    assert code == 0 and "新增 2 条" in err
    code, _, err = run("review", "import-baseline", str(baseline), "--db", fresh)
    assert "新增 0 条，更新 0 条，保留库中较新的 2 条" in err


def test_decisions_survive_a_reimport_of_a_changed_file(store_url, tmp_path):
    path = tmp_path / "seed.txt"
    shutil.copy(SEED, path)
    assert run("import", str(path), "--db", store_url)[0] == 0
    listed = _listed(store_url)
    kept = next(i for i in listed if i["table"] and i["table"] != "预算06表")
    code, _, err = run(
        "review", "ignore", str(kept["fingerprint"]), "--reason", "已核实", "--db", store_url
    )
    assert code == 0, err
    text = SEED.read_text("utf-8")
    path.write_text(text.replace("合计 793.55 716.73 76.83", "合计 793.55 686.68 106.87"), "utf-8")
    code, out, _ = run("import", str(path), "--db", store_url)
    assert code == 0 and out.startswith("已更新")
    again = {i["fingerprint"]: i for i in _listed(store_url)}
    assert again[kept["fingerprint"]]["status"] == "忽略"
    assert again[kept["fingerprint"]]["reason"] == "已核实"
    # … and when the same file comes back under another name in another folder
    renamed = tmp_path / "elsewhere" / "renamed.txt"
    renamed.parent.mkdir()
    shutil.copy(SEED, renamed)
    assert run("import", str(renamed), "--db", store_url)[0] == 0
    statuses = [i["status"] for i in _listed(store_url) if i["fingerprint"] == kept["fingerprint"]]
    assert statuses == ["忽略", "忽略"]


def test_audit_with_a_baseline_marks_decided_findings(tmp_path, seed_report):
    folder = tmp_path / "region"
    folder.mkdir()
    path = folder / "示范区.txt"
    shutil.copy(SEED, path)
    keys = dict(zip(seed_report.findings, prints(seed_report), strict=True))
    errors = [f for f in seed_report.findings if f.severity is Severity.ERROR]
    decisions = [_decision(keys[f]) for f in errors]
    decisions[0] = replace(decisions[0], verdict=Verdict.CONFIRMED, reason="已交单位")
    (tmp_path / "b.toml").write_text(dump_baseline(decisions), "utf-8")

    code, out, _ = run("audit", str(path))
    assert code == 1 and "已处理" not in out
    code, out, err = run("audit", str(path), "--baseline", str(tmp_path / "b.toml"))
    assert code == 0, err  # every error decided: none is new
    assert out.splitlines()[1].startswith("错误 0 · ")
    assert f"已处理 ({len(errors)})" in out
    assert "      已确认（已交单位）" in out and "      已忽略（口径差异）" in out
    assert f"{len(errors)} 条已处理" in out.rstrip().splitlines()[-1]

    # the same baseline beside the file is found without being named
    shutil.copy(tmp_path / "b.toml", folder / NAME)
    code, out, _ = run("audit", str(path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    marked = [f for f in data["findings"] if "decision" in f]
    assert len(marked) == len(errors) and data["summary"]["error"] == 0
    assert {f["decision"]["verdict"] for f in marked} == {"确认", "忽略"}

    (folder / NAME).write_text("version = [", "utf-8")
    code, _, err = run("audit", str(path))
    assert code == 2 and f"yusuan: {folder / NAME}: 不是有效的 TOML" in err
    code, _, err = run("audit", str(path), "--baseline", str(tmp_path / "none.toml"))
    assert code == 2 and err.strip() == f"yusuan: {tmp_path / 'none.toml'}: 没有这个基线文件"


def test_the_handed_on_workbook_carries_the_baselines_decisions(tmp_path, seed_report):
    """`audit --baseline … --output x.xlsx`: each decided finding's row says 已确认/已忽略 and
    why, so a department sees what the reviewer already settled."""
    import openpyxl

    path = tmp_path / "示范区.txt"
    shutil.copy(SEED, path)
    keys = dict(zip(seed_report.findings, prints(seed_report), strict=True))
    errors = [f for f in seed_report.findings if f.severity is Severity.ERROR]
    decisions = [_decision(keys[errors[0]])]
    (tmp_path / "b.toml").write_text(dump_baseline(decisions), "utf-8")
    out = tmp_path / "报告.xlsx"
    code, _, err = run(
        "audit", str(path), "--baseline", str(tmp_path / "b.toml"), "--output", str(out)
    )
    assert code == 1, err  # the other errors are still new
    sheet = openpyxl.load_workbook(out)["问题清单"]
    header = [c.value for c in sheet[1]]
    column = header.index("决定")
    decided = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True) if row[column]]
    assert decided == ["已忽略：口径差异"]
