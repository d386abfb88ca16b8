"""`yusuan parse` as a user runs it: formats, several files, and inputs that cannot be read."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from yusuan.cli import cli

from conftest import SEED


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_parse_json_is_the_model():
    code, out, _ = run("parse", "--format", "json", str(SEED))
    assert code == 0
    data = json.loads(out)
    assert data["meta"]["year"] == 2023
    assert len(data["tables"]) == 12
    cell = data["tables"][2]["rows"][0]["cells"][0]
    assert cell == {"column": "合计", "value": "1634.35"}  # money as decimal strings


def test_parse_csv_is_the_long_format():
    code, out, _ = run("parse", "--format", "csv", str(SEED))
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["table", "side", "row_code", "row_name", "column", "value"]
    assert [
        "预算03表",
        "",
        "2010301",
        "行政运行",
        "基本支出/人员经费/工资福利支出",
        "520.24",
    ] in rows
    assert ["预算01表", "收入", "", "其中：财政拨款", "金额", "1634.35"] in rows
    assert all(r[5] for r in rows[1:])  # only non-empty cells


def test_parse_table_is_readable():
    code, out, _ = run("parse", str(SEED))
    assert code == 0
    assert "预算08表" in out and "因公出国（境）费" in out
    assert "2023年大学生见习岗、聘用人员工资" in out


def test_several_files_and_failures_reported_one_line_each(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 40)
    prose = tmp_path / "prose.txt"
    prose.write_text("今天天气很好。我们去公园散步。\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    code, out, err = run(
        "parse", "--format", "csv", str(empty), str(SEED), str(binary), str(prose), str(missing)
    )
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 4
    assert f"{empty}: the file is empty" in lines[0]
    assert str(binary) in lines[1] and "binary" in lines[1]
    assert str(prose) in lines[2] and "not a disclosure" in lines[2]
    assert str(missing) in lines[3] and "no such file" in lines[3]
    assert "Traceback" not in err
    assert out.startswith("table,side,row_code")  # the good file is still printed
    assert "预算03表" in out


def test_directory_is_refused_clearly(tmp_path):
    code, _, err = run("parse", str(tmp_path))
    assert code == 2
    assert "a directory" in err


def test_csv_for_several_files_names_each(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    code, out, _ = run("parse", "--format", "csv", str(SEED), str(copy))
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][0] == "file"
    assert {r[0] for r in rows[1:]} == {str(SEED), str(copy)}


def test_gb18030_and_utf16_inputs_read_the_same(tmp_path):
    text = SEED.read_text("utf-8")
    gb = tmp_path / "gb.txt"
    gb.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    u16 = tmp_path / "u16.txt"
    u16.write_bytes(text.encode("utf-16"))
    outs = [run("parse", "--format", "csv", str(p))[1] for p in (SEED, gb, u16)]
    assert outs[0] == outs[1] == outs[2]


def test_help_and_version():
    code, out, _ = run("--help")
    assert code == 0 and "parse" in out
    code, out, _ = run("--version")
    assert code == 0 and "yusuan" in out


def test_templates_lists_families_and_one_familys_tables():
    code, out, _ = run("templates")
    assert code == 0 and "prov12" in out and "central8" in out
    code, out, _ = run("templates", "prov12")
    assert code == 0 and "预算03表" in out and "基本支出/人员经费/工资福利支出" in out
    code, out, _ = run("templates", "--format", "json")
    assert {t["name"] for t in json.loads(out)} >= {"prov12", "central8"}
    # a table built from another's rows has no title of its own
    code, out, _ = run("templates", "fujian")
    assert code == 0 and "(built from sangong_list)" in out
    code, _, err = run("templates", "nonesuch")
    assert code == 2 and "no template family" in err
