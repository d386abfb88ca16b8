"""`yusuan claims`: one record per narrative figure, bound and judged."""

from __future__ import annotations

import json

from click.testing import CliRunner

from yusuan.cli import cli

from conftest import SEED


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


def test_claims_jsonl_gives_each_figure_its_binding_and_verdict():
    code, out = run("claims", "--format", "jsonl", str(SEED))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    keys = {"page", "sentence", "text", "value", "unit", "quantity", "measure", "scope"}
    assert all(keys <= set(r) for r in records)
    # the seed's 支出总计 16334.35 (the tables say 1634.35) is an error; its 收入总计 agrees
    total = next(r for r in records if r["value"] == "16334.35")
    assert (total["quantity"], total["measure"], total["scope"]) == (
        "支出总计",
        "本年预算",
        "全部资金",
    )
    assert total["verdict"] == "error" and total["table_value"] == "1634.35"
    income = next(r for r in records if r["quantity"] == "收入总计" and r["value"] == "1634.35")
    assert income["verdict"] == "agrees"
    change = next(r for r in records if r["value"] == "920.42")
    assert change["measure"] == "增减额" and change["verdict"] == "not checked"


def test_claims_text_is_one_line_per_figure():
    code, out = run("claims", str(SEED))
    assert code == 0
    lines = out.splitlines()
    assert any("16334.35" in line and "error" in line for line in lines)
    assert all(line.count("\t") >= 3 for line in lines)


def test_claims_of_a_missing_file_exit_2(tmp_path):
    code, _ = run("claims", str(tmp_path / "missing.txt"))
    assert code == 2
