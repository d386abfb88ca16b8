"""`yusuan audit` and `parse` over a region's folder: folders walked, the files of one
disclosure paired by content, every core used, a summary, Chinese or English, and the
options a reviewer sorts a long run with."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import cli

from conftest import FIXTURES, SEED

CORPUS = FIXTURES / "corpus"
RD_TEXT, RD_TABLES = CORPUS / "js-rd-2019-ys-text.pdf", CORPUS / "js-rd-2019-ys-tables.pdf"
ZX_TABLES = CORPUS / "js-zx-2019-ys-tables.pdf"  # another department's tables, the same year
FULL = CORPUS / "hz-qxj-2026-ys.pdf"  # narrative and tables in one file


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def region(tmp_path: Path) -> Path:
    """A region's folder as a reviewer gets it: files in sub-folders, names saying nothing
    of which file goes with which, a draft to leave out, a file that is no disclosure."""
    root = tmp_path / "region"
    (root / "人大" / "2019").mkdir(parents=True)
    (root / "气象局").mkdir()
    (root / "政协").mkdir()
    shutil.copy(RD_TABLES, root / "人大" / "附件2.pdf")
    shutil.copy(RD_TEXT, root / "人大" / "2019" / "公开说明.pdf")
    shutil.copy(FULL, root / "气象局" / "预算.pdf")
    shutil.copy(ZX_TABLES, root / "政协" / "表格.pdf")
    (root / "气象局" / "草稿.txt").write_text("不是公开文件", "utf-8")
    (root / "readme.md").write_text("# 说明", "utf-8")
    return root


def test_a_folder_is_audited_recursively_with_the_parts_of_one_disclosure_paired(region):
    code, out, err = run(
        "audit", "--format", "jsonl", "--exclude", "草稿*", "--jobs", "2", str(region)
    )
    assert code == 1, err
    docs = [json.loads(line)["document"] for line in out.splitlines()]
    paths = [d["path"] for d in docs]
    narrative, tables = region / "人大" / "2019" / "公开说明.pdf", region / "人大" / "附件2.pdf"
    # the pair in the place of its first file, the narrative first; then the others in order
    assert paths == [
        f"{narrative} + {tables}",
        str(region / "政协" / "表格.pdf"),
        str(region / "气象局" / "预算.pdf"),
    ]
    assert docs[0]["department"] == "江苏省人大常委会办公厅" and docs[0]["year"] == 2019
    # the other department's tables file is not taken for the narrative's: it is said alone
    assert err.splitlines() == [
        f"yusuan: {region / '政协' / '表格.pdf'}: "
        "只有表格，没有找到同一部门同一年度的情况说明文件：单独审核"
    ]


def test_what_cannot_be_read_is_one_line_and_the_rest_goes_on(region):
    code, out, err = run("audit", "--quiet", "--jobs", "2", str(region))
    assert code == 2
    draft = region / "气象局" / "草稿.txt"
    assert f"yusuan: {draft}: " in err and "Traceback" not in err
    lines = out.splitlines()
    assert lines[0].startswith("汇总：4 份公开，错误 ") and lines[0].endswith(
        "，1 份未能读取或审核"
    )
    # one line per disclosure, in order, the failed one too
    assert [ln.split("：")[0].strip() for ln in lines[1:]] == [
        f"{region / '人大' / '2019' / '公开说明.pdf'} + {region / '人大' / '附件2.pdf'}",
        str(region / "政协" / "表格.pdf"),
        str(region / "气象局" / "预算.pdf"),
        str(draft),
    ]
    assert lines[-1].endswith("未能读取或审核")


def test_no_pair_and_a_lone_file_given_alone(region):
    _, out, err = run("audit", "--quiet", "--no-pair", "--include", "*.pdf", str(region))
    assert len(out.splitlines()) == 1 + 4 and not err  # nothing paired, nothing said
    code, _, err = run("audit", "--quiet", str(RD_TEXT))
    assert code == 1 and not err  # one file given: no other part looked for


def test_parse_takes_folders_and_pairs_too(region):
    code, out, err = run("parse", "--format", "json", "--include", "*.pdf", str(region))
    assert code == 0, err
    docs = json.loads(out)
    assert len(docs) == 3
    paired = docs[0]
    assert paired["sections"] and paired["tables"]
    assert {t["span"]["path"] for t in paired["tables"]} == {str(region / "人大" / "附件2.pdf")}


def test_an_empty_folder_is_one_line(tmp_path):
    code, out, err = run("audit", str(tmp_path))
    assert code == 2 and not out
    assert err.strip() == f"yusuan: {tmp_path}: a directory without a file to read " + (
        "(*.pdf *.txt *.xlsx *.xls *.docx *.doc *.html *.htm)"
    )


def test_results_are_the_same_in_one_process_and_in_several(region):
    from yusuan.batch import AuditSettings, run_documents
    from yusuan.batch.discover import discover

    paths = discover([str(region)], include=["*.pdf"])
    one = run_documents(paths, AuditSettings(), jobs=1)
    two = run_documents(paths, AuditSettings(), jobs=2)
    assert [r.paths for r in one] == [r.paths for r in two]
    assert [r.report.findings for r in one] == [r.report.findings for r in two]  # type: ignore[union-attr]
    # a Result crosses processes whole (the store's import and a cluster send them back)
    assert pickle.loads(pickle.dumps(two[0])) == two[0]


def test_a_worker_that_dies_loses_only_its_document(tmp_path, monkeypatch):
    import yusuan.read
    from yusuan.batch import AuditSettings, run_documents

    real = yusuan.read.read_path

    def dying(path):
        if str(path).endswith("crash.txt"):
            os._exit(3)  # as a crash in a native library would
        return real(path)

    crash = tmp_path / "crash.txt"
    crash.write_bytes(SEED.read_bytes())
    monkeypatch.setattr(yusuan.read, "read_path", dying)
    copies = []
    for k in range(5):
        copies.append(tmp_path / f"copy{k}.txt")
        copies[-1].write_bytes(SEED.read_bytes())
    paths = [str(SEED), str(crash), str(FULL), *map(str, copies)]
    results = run_documents(paths, AuditSettings(), jobs=2)
    assert [r.paths for r in results] == [(p,) for p in paths]
    # the documents the dead process broke off are tried again: only its own is lost
    assert all(r.report is not None for k, r in enumerate(results) if k != 1)
    assert results[1].report is None and "worker process died" in (results[1].error or "")


def test_summary_quiet_english_and_exit_zero(region):
    code, out, _ = run("audit", "--lang", "en", "--include", "*.pdf", str(region))
    assert code == 1
    assert "Errors (" in out and "错误 (" not in out
    assert out.splitlines()[-4].startswith("Total: 3 disclosures, ")
    code, out, _ = run(
        "audit", "--lang", "en", "-q", "--exit-zero", "--include", "*.pdf", str(region)
    )
    assert code == 0
    assert len(out.splitlines()) == 4 and " errors " in out.splitlines()[1]
    code, out, _ = run("audit", "--exit-zero", str(SEED), str(tmp := region / "none.txt"))
    assert code == 2  # an input that cannot be used still exits 2
    assert out.splitlines()[-1] == f"  {tmp}：未能读取或审核"


def test_min_severity_leaves_lower_findings_out_of_every_format():
    _, out, _ = run("audit", "--format", "json", "--min-severity", "error", str(SEED))
    data = json.loads(out)
    assert data["findings"] and {f["severity"] for f in data["findings"]} == {"error"}
    assert data["summary"]["warning"] == 0
    _, text, _ = run("audit", "--min-severity", "error", str(SEED))
    assert "\n警告 (" not in text and "\n错误 (" in text
    _, text, _ = run("audit", "--min-severity", "info", str(SEED))
    assert "\n提示 (" in text  # info listed without -v
    assert "跳过的检查" not in text  # the checks skipped stay for -v


def test_the_progress_bar_shows_on_a_terminal_only():
    import io

    from yusuan.batch.run import progress_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown, piped = Terminal(), io.StringIO()
    for stream in (shown, piped):
        bar = progress_bar(3, stream, delay=0)
        for _ in range(3):
            bar.update()
        bar.close()
    assert "0/3 [" in shown.getvalue()  # the bar was drawn (and cleared when done)
    assert piped.getvalue() == ""


def test_the_command_runs_as_installed_with_stderr_piped(region):
    # a real process: the pool, the pairing and the exit status as a script sees them
    done = subprocess.run(
        [sys.executable, "-m", "yusuan", "audit", "-q", "--include", "*.pdf", str(region)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1
    assert done.stdout.startswith("汇总：3 份公开")
    assert "\r" not in done.stderr and "%|" not in done.stderr  # no bar into a pipe


def test_help_is_chinese_and_english_on_request(monkeypatch):
    _, zh, _ = run("audit", "--help")
    assert "退出码：0 无错误" in zh and "只输出汇总" in zh and "Exit status" not in zh
    _, en, _ = run("audit", "--lang", "en", "--help")
    assert "Exit status: 0 no errors" in en and "Summary only" in en and "退出码" not in en
    assert "-v, --verbose" in en and "--min-severity" in en
    monkeypatch.setenv("YUSUAN_LANG", "en")
    _, parse_en, _ = run("parse", "--help")
    assert "Read each FILE" in parse_en
    # and the report too
    _, out, _ = run("audit", "-q", str(SEED))
    assert out.startswith("Total: 1 disclosure, ")


def test_a_workbooks_finding_names_its_sheet_and_row(tmp_path):
    import openpyxl

    from test_read_office import seed_workbook

    book = tmp_path / "公开.xlsx"
    book.write_bytes(seed_workbook())
    _, out, _ = run("audit", "--format", "json", str(book))
    finding = next(f for f in json.loads(out)["findings"] if f["rule"] == "sangong.sum")
    sheet, row = finding["location"]["sheet"], finding["location"]["sheet_row"]
    assert sheet == "预算08表"
    # the row the workbook has there is the row the finding quotes: its stated figure in it
    values = [c.value for c in openpyxl.load_workbook(book)[sheet][row]]
    assert float(finding["stated"]) in values
    _, text, _ = run("audit", str(book))
    assert f"  {book}:{sheet}!{row}:{row}: sangong.sum " in text
    # every line of a sheet's table has its row; a hidden row is skipped, not counted
    from yusuan.read import read_path

    doc = read_path(book)
    rows = [p[1] for p in doc.line_sheets if p and p[0] == "预算03表"]
    assert rows == sorted(rows) and len(set(rows)) == len(rows)
