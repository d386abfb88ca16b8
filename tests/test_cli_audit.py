"""`yusuan audit` and `yusuan rules` as a reviewer runs them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from yusuan.audit.rules import all_rules
from yusuan.cli import cli

from conftest import SEED
from seed_variants import corrected_text


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_errors_exit_1_and_text_quotes_the_source():
    code, out, _ = run("audit", str(SEED))
    assert code == 1
    assert f"{SEED}:133: narrative.amount" in out
    assert "| 1634.35 万元，支出总计16334.35 万元" in out  # the source line, quoted
    assert "→ " in out  # a suggestion
    assert out.rstrip().splitlines()[-1].startswith("小结：")


def test_clean_disclosure_exits_0(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(corrected_text(), "utf-8")
    code, out, _ = run("audit", str(clean))
    assert code == 0
    assert "错误 (" not in out
    assert out.splitlines()[1].startswith("错误 0 · ")


def test_json_shape_for_one_and_several_files(tmp_path):
    code, out, _ = run("audit", "--format", "json", str(SEED))
    assert code == 1
    data = json.loads(out)
    assert set(data) >= {"document", "findings", "summary"}
    assert data["document"]["year"] == 2023
    summary = data["summary"]
    assert summary["error"] == sum(1 for f in data["findings"] if f["severity"] == "error")
    assert set(summary["checks"]) >= {"evaluated", "failed", "skipped"}
    finding = next(f for f in data["findings"] if f["rule"] == "narrative.share")
    assert set(finding) >= {
        "rule",
        "severity",
        "message",
        "location",
        "stated",
        "expected",
        "evidence",
    }
    assert finding["stated"] == "48.57" and finding["expected"] == "48.55"  # percent units
    assert finding["location"]["line"] == 149
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    code, out, _ = run("audit", "--format", "json", str(SEED), str(copy))
    assert isinstance(json.loads(out), list) and len(json.loads(out)) == 2


def test_jsonl_is_one_object_per_file(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(corrected_text(), "utf-8")
    code, out, _ = run("audit", "--format", "jsonl", str(SEED), str(clean))
    lines = out.strip().splitlines()
    assert code == 1
    assert [json.loads(x)["document"]["path"] for x in lines] == [str(SEED), str(clean)]
    assert json.loads(lines[1])["summary"]["error"] == 0


def test_unusable_input_exits_2_and_the_rest_is_reported(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run("audit", "--format", "jsonl", str(empty), str(SEED))
    assert code == 2
    assert "empty" in err and str(empty) in err
    assert len(out.strip().splitlines()) == 1


def test_select_and_ignore_by_id_or_prefix():
    code, out, _ = run("audit", "--format", "json", "--select", "narrative", str(SEED))
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert rules and all(r.startswith("narrative.") for r in rules)
    code, out, _ = run(
        "audit",
        "--format",
        "json",
        "--select",
        "narrative,sangong",
        "--ignore",
        "narrative.share",
        str(SEED),
    )
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert "narrative.share" not in rules and "sangong.sum" in rules
    code, _, err = run("audit", "--select", "no-such-rule", str(SEED))
    assert code == 2 and "no rule matches" in err


def test_settings_from_pyproject_and_yusuan_toml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.yusuan]\nselect = ["perf"]\n', "utf-8")
    _, out, _ = run("audit", "--format", "json", str(SEED))
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"perf.indicator-exceeds-amount"}
    (tmp_path / "yusuan.toml").write_text('ignore = ["perf"]\n', "utf-8")
    _, out, _ = run("audit", "--format", "json", str(SEED))
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert rules and "perf.indicator-exceeds-amount" not in rules
    (tmp_path / "yusuan.toml").write_text('colour = "red"\n', "utf-8")
    code, _, err = run("audit", str(SEED))
    assert code == 2 and "unknown setting" in err


def test_rules_lists_every_rule_with_its_doc():
    code, out, _ = run("rules")
    assert code == 0
    for r in all_rules():
        assert r.id in out
    code, out, _ = run("rules", "--format", "json")
    data = json.loads(out)
    assert {d["id"] for d in data} == {r.id for r in all_rules()}
    assert all(d["doc"] and d["severity"] in ("error", "warning", "info") for d in data)


def renamed_catalog(tmp_path: Path) -> Path:
    """A catalog naming 2010101 otherwise: it gives js-rd-2019's tables file a finding of its
    own (the file is clean against the bundled catalog)."""
    book = tmp_path / "book"
    book.mkdir()
    (book / "function.csv").write_text("code,name\n2010101,另一名称\n", "utf-8")
    return book


def test_a_disclosure_in_two_files_is_read_as_one(tmp_path: Path):
    from conftest import FIXTURES

    text = FIXTURES / "corpus" / "js-rd-2019-ys-text.pdf"
    tables = FIXTURES / "corpus" / "js-rd-2019-ys-tables.pdf"
    book = renamed_catalog(tmp_path)
    code, out, _ = run(
        "audit", "--format", "json", "--as-one", "--catalog", str(book), str(text), str(tables)
    )
    assert code in (0, 1)
    data = json.loads(out)  # one report, not two
    assert data["document"]["path"] == f"{text} + {tables}"
    assert data["document"]["template"] == "jiangsu-province"
    paths = {f["location"].get("path") for f in data["findings"]}
    assert {
        str(text),
        str(tables),
    } <= paths  # narrative findings and table findings, each in its file
    code, out, _ = run("parse", "--format", "json", "--as-one", str(text), str(tables))
    doc = json.loads(out)
    assert doc["sections"] and doc["tables"]
    assert {t["span"]["path"] for t in doc["tables"]} == {str(tables)}


def _sections(out: str) -> list[str]:
    """The report's section headings (错误 (3), 警告 (5) …) in order."""
    return [ln.split(" (")[0] for ln in out.splitlines() if ln and ln[0] != " " and " (" in ln]


def test_text_leads_with_errors_and_shows_info_only_when_verbose():
    code, out, _ = run("audit", str(SEED))
    lines = out.splitlines()
    assert lines[1].startswith("错误 24 · 警告 ") and "（加 -v 显示）" in lines[1]
    assert lines[2] == "错误 (24)"  # the errors come first
    assert _sections(out)[:2] == ["错误", "警告"] and "提示" not in _sections(out)
    assert "可由各数分别四舍五入解释" not in out  # rounding notes are info
    assert "（未显示）" in lines[-1]
    code_v, verbose, _ = run("audit", "-v", str(SEED))
    assert code_v == code == 1
    assert _sections(verbose)[:3] == ["错误", "警告", "提示"]
    assert "可由各数分别四舍五入解释" in verbose
    assert "跳过的检查" in verbose  # and why each check was skipped
    assert verbose.count("\n  ") > out.count("\n  ")


def test_text_locates_a_pdf_finding_by_its_page():
    from conftest import FIXTURES

    pdf = FIXTURES / "corpus" / "hz-qxj-2026-ys.pdf"
    _, out, _ = run("audit", str(pdf))
    _, js, _ = run("audit", "--format", "json", str(pdf))
    errors_js = [f for f in json.loads(js)["findings"] if f["severity"] == "error"]
    first = min(errors_js, key=lambda f: f["location"]["line"])  # the text goes by line
    assert set(first["location"]) >= {"line", "page"}  # the JSON keeps the line, adds the page
    errors = out.split("\n错误 (", 1)[1].split("\n警告 (", 1)[0]
    error_lines = [ln for ln in errors.splitlines() if ln.startswith(f"  {pdf}:")]
    assert error_lines[0].startswith(f"  {pdf}:p{first['location']['page']}: {first['rule']} ")
    assert all(ln[len(f"  {pdf}:") :].startswith("p") for ln in error_lines)


def test_as_one_locates_findings_by_page_in_each_file(tmp_path: Path):
    from conftest import FIXTURES

    text = FIXTURES / "corpus" / "js-rd-2019-ys-text.pdf"
    tables = FIXTURES / "corpus" / "js-rd-2019-ys-tables.pdf"
    book = renamed_catalog(tmp_path)
    _, out, _ = run("audit", "--as-one", "--catalog", str(book), str(text), str(tables))
    seen = set()
    for section in out.split("\n警告 ("):  # errors, then warnings
        located = [ln.split(": ")[0].strip() for ln in section.splitlines() if ln.startswith("  /")]
        assert all(x.startswith((f"{text}:p", f"{tables}:p")) for x in located)
        files = [str(text) if x.startswith(f"{text}:p") else str(tables) for x in located]
        # each file's findings together, the narrative's first, as the files were given
        assert files == sorted(files, key=[str(text), str(tables)].index)
        seen |= set(files)
    assert seen == {str(text), str(tables)}
    _, js, _ = run(
        "audit", "--format", "json", "--as-one", "--catalog", str(book), str(text), str(tables)
    )
    in_tables = [f for f in json.loads(js)["findings"] if f["location"].get("path") == str(tables)]
    assert in_tables and all("page" in f["location"] for f in in_tables)


def test_readme_documents_the_text_report():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    row = next(ln for ln in readme.splitlines() if ln.startswith("| `yusuan audit"))
    assert "[-v]" in row and "`file.pdf:p7`" in row and "`file.txt:133`" in row
    assert "yusuan: FILE: why" in row
    _, help_text, _ = run("audit", "--help")
    assert "-v, --verbose" in help_text


def test_text_shows_reading_warnings_always_and_reading_notes_with_verbose(seed):
    from dataclasses import replace

    from yusuan.audit import audit
    from yusuan.model import Diagnostic, Level, Span
    from yusuan.render.audit import render_text

    doc = replace(
        seed,
        diagnostics=(
            Diagnostic(
                "parse.needs-ocr", "页 3 无文字层", Span(str(SEED), 40, 40), None, Level.WARNING
            ),
            Diagnostic("parse.unread-line", "未读的行", Span(str(SEED), 50, 50), None, Level.INFO),
        ),
    )
    report = audit(doc)
    out = render_text([report])
    assert "读取 (1)" in out and f"  {SEED}:40: parse.needs-ocr [警告] 页 3 无文字层" in out
    assert "parse.unread-line" not in out
    verbose = render_text([report], verbose=True)
    assert "读取 (2)" in verbose and f"  {SEED}:50: parse.unread-line [提示] 未读的行" in verbose
    # a PDF's diagnostic is located by its page
    pdf = replace(doc, line_pages=tuple(1 + k // 30 for k in range(len(doc.source))))
    assert f"  {SEED}:p2: parse.needs-ocr" in render_text([audit(pdf)])


def test_a_catalog_folder_that_is_not_there_is_refused_in_one_line(tmp_path: Path):
    code, out, err = run("audit", "--catalog", str(tmp_path / "missing"), str(SEED))
    assert code == 2 and not out
    assert f"{tmp_path / 'missing'} is not a directory of catalog CSVs" in err
    assert "Traceback" not in err
