"""The explore pages' data, from the stored cells: the function tree adds up to the
expenditure table's total, income by source, 三公 and 机关运行经费 across the department's years
(a year without a figure is null and says why, never zero), two years compare."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from test_portal_api import csrf_of
from yusuan.store.documents import StoredCell
from yusuan.web import Config, create_app
from yusuan.web.explore import income_sources
from yusuan.web.years import NO_OPERATING, NOT_STORED, operating_from_tables

from conftest import SEED


def seed_of(year: int, car: str = "47.50") -> bytes:
    """The seed as another year's disclosure of the same department (its 公务用车 figure
    changed, so that the years differ)."""
    text = SEED.read_text(encoding="utf-8").replace("2023", str(year))
    return text.replace("47.50", car).encode("utf-8")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Config(db_url=f"sqlite:///{tmp_path}/d/yusuan.db"))) as c:
        yield c


def put(client: TestClient, data: bytes, name: str) -> int:
    answer = client.post("/api/documents", files={"file": (name, data)})
    assert answer.status_code == 201
    return int(answer.json()["id"])


def test_the_function_tree_adds_up_to_the_table(client):
    doc = put(client, SEED.read_bytes(), "seed.txt")
    charts = client.get(f"/api/documents/{doc}/explore").json()
    cells = client.get(f"/api/documents/{doc}/cells").json()
    total = next(
        Decimal(c["value"])
        for c in cells
        if c["table_key"] == "expenditure" and c["row_name"] == "合计" and c["column"] == "合计"
    )
    roots = charts["functions"]
    assert sum(Decimal(n["value"]) for n in roots) == total
    assert all(n["name"][:3].isdigit() and len(n["name"].split()[0]) == 3 for n in roots)
    for node in roots:  # each 类 is the sum of its 款
        assert Decimal(node["value"]) == sum(Decimal(k["value"]) for k in node["children"])
    assert "201 一般公共服务支出" in [n["name"] for n in roots]  # named from the catalog
    parts = {p["name"]: Decimal(p["value"]) for p in charts["basic_project"]}
    assert parts["基本支出"] + parts["项目支出"] == total
    economic = [e["name"] for e in charts["economic"]]
    assert economic and all(name.split()[0] in ("301", "302", "303") for name in economic)


def test_sangong_across_years_and_two_years_compared(client):
    later = put(client, SEED.read_bytes(), "2023.txt")
    earlier = put(client, seed_of(2022, "37.50"), "2022.txt")
    put(client, seed_of(2021, "31.00").replace("三门峡市".encode(), "洛阳市".encode()), "x.txt")
    years = client.get(f"/api/documents/{later}/explore").json()["sangong_years"]
    assert years["years"] == ["2022", "2023"]  # the other department is not its history
    car = next(s for s in years["series"] if s["name"] == "公务用车购置及运行费")
    assert car["values"] == ["37.50", "47.50"]

    page = client.get("/compare", params={"a": later, "b": earlier})
    assert page.status_code == 200
    assert page.text.index("2022年预算") < page.text.index("2023年预算")  # earlier first
    assert "<td>三公：公务用车购置及运行费</td>" in page.text
    assert '<td class="n">10.00</td>' in page.text  # 47.50 − 37.50
    assert client.get("/compare", params={"a": later, "b": 999}).status_code == 404
    explore = client.get(f"/documents/{later}/explore").text
    assert '<script src="/static/echarts.min.js"></script>' in explore
    assert client.get("/static/echarts.min.js").status_code == 200


def test_downloads_of_tables_and_report(client):
    import csv
    import io
    import json

    from openpyxl import load_workbook

    doc = put(client, SEED.read_bytes(), "seed.txt")
    found = client.get(f"/api/documents/{doc}/findings").json()
    first = next(f for f in found if f["severity"] == "error")
    form = {"fingerprint": first["fingerprint"], "verdict": "确认", "reason": "已通知"}
    form["csrf"] = csrf_of(client, f"/documents/{doc}")
    assert client.post(f"/documents/{doc}/decisions", data=form).status_code == 200

    table = client.get(f"/api/documents/{doc}/cells.csv")
    assert table.status_code == 200 and "attachment" in table.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(table.text.removeprefix("\ufeff"))))
    assert rows[0] == ["table", "side", "row_code", "row_name", "column", "value"]
    assert len(rows) - 1 == len(client.get(f"/api/documents/{doc}/cells").json())

    report = json.loads(client.get(f"/api/documents/{doc}/report.json").text)
    assert report["document"]["path"] == "seed.txt"  # as uploaded, not where it is kept
    assert len(report["findings"]) == len(found)
    decided = [f for f in report["findings"] if "decision" in f]
    assert [d["decision"]["verdict"] for d in decided] == ["确认"]
    errors = sum(1 for f in found if f["severity"] == "error")
    assert report["summary"]["error"] == errors - 1  # the confirmed one is no longer new

    book = load_workbook(io.BytesIO(client.get(f"/api/documents/{doc}/report.xlsx").content))
    listed = list(book["问题清单"].iter_rows(values_only=True))
    assert len(listed) - 1 == len(found)
    assert any(cell and "已确认" in str(cell) for row in listed for cell in row)
    assert client.get("/api/documents/9/report.xlsx").status_code == 404


def test_income_by_source_from_the_income_table(client):
    doc = put(client, SEED.read_bytes(), "seed.txt")
    charts = client.get(f"/api/documents/{doc}/explore").json()
    # the seed's 本年收入 is all 一般公共预算 (its 其中：财政拨款 is part of it, not another source)
    assert charts["income_sources"] == [{"name": "一般公共预算", "value": "1634.35"}]
    page = client.get(f"/documents/{doc}/explore").text
    assert 'data-chart="income_sources"' in page


def _cell(table: str, row: str, column: str, value: str, side: str = "") -> StoredCell:
    return StoredCell(table, None, "", "万元", side, None, row, column, Decimal(value))


def test_income_sources_of_the_other_layouts():
    # sources as columns without 本年收入 over them: 上年结转 is no income of the year
    columns = [
        _cell("income", "合计", "合计", "100"),
        _cell("income", "合计", "上年结转", "10"),
        _cell("income", "合计", "一般公共预算拨款收入", "80"),
        _cell("income", "合计", "事业收入", "10"),
    ]
    assert income_sources(columns) == [
        {"name": "一般公共预算拨款收入", "value": "80"},
        {"name": "事业收入", "value": "10"},
    ]
    # an income table of lines (one 金额 column): the 收支总表's income lines before its total
    lines = [
        _cell("income", "收入总计", "金额", "90"),
        _cell("summary", "一、一般公共预算拨款收入", "金额", "70", "收入"),
        _cell("summary", "其中：财政拨款", "金额", "70", "收入"),
        _cell("summary", "事业收入", "金额", "20", "收入"),
        _cell("summary", "本年收入合计", "金额", "90", "收入"),
        _cell("summary", "上年结转结余", "金额", "5", "收入"),
        _cell("summary", "一般公共服务支出", "金额", "95", "支出"),
    ]
    assert income_sources(lines) == [
        {"name": "一般公共预算拨款收入", "value": "70"},
        {"name": "事业收入", "value": "20"},
    ]
    assert income_sources([]) == []


def test_operating_costs_across_years_say_where_a_year_has_none(client):
    """机关运行经费 from the narrative where no table states it; a year not stored and a
    year whose disclosure states none are null with the reason, never drawn as 0."""
    later = put(client, SEED.read_bytes(), "2023.txt")
    silent = seed_of(2020).decode("utf-8").replace("年机关运行经\n\n费支出预算 106.86 万元，", "年")
    assert "费支出预算 106.86" not in silent
    put(client, silent.encode("utf-8"), "2020.txt")
    put(client, seed_of(2021, "37.50"), "2021.txt")
    charts = client.get(f"/api/documents/{later}/explore").json()
    operating = charts["operating_years"]
    assert operating["years"] == ["2020", "2021", "2022", "2023"]
    assert operating["values"] == [None, "106.86", None, "106.86"]
    assert operating["sources"] == ["", "情况说明", "", "情况说明"]
    assert operating["missing"] == {"2020": NO_OPERATING, "2022": NOT_STORED}
    assert operating["labels"][2] == f"2022\n（{NOT_STORED}）"
    sangong = charts["sangong_years"]
    car = next(s for s in sangong["series"] if s["name"] == "公务用车购置及运行费")
    assert car["values"] == ["47.50", "37.50", None, "47.50"]  # the gap is no zero
    assert sangong["missing"] == {"2022": NOT_STORED}

    page = client.get(f"/documents/{later}/explore").text
    assert 'data-chart="operating_years"' in page
    assert f"2020 年：{NO_OPERATING}（图中不画，不作 0）" in page
    assert "2023 年：106.86 万元（据情况说明）" in page
    assert f"2022 年：{NOT_STORED}" in page


def test_operating_costs_from_a_table_and_yuan_in_wan():
    table = [
        _cell("operating_costs", "合计", "合计", "3580.05"),
        _cell("operating_costs", "办公费", "合计", "315.00"),
    ]
    assert operating_from_tables(table) == Decimal("3580.05")
    in_yuan = [
        StoredCell("sangong", None, "", "元", "", None, "", "机关运行经费", Decimal("1234500"))
    ]
    assert operating_from_tables(in_yuan) == Decimal("123.45")
    assert operating_from_tables([]) is None


def test_two_documents_compare_in_wan_whatever_their_unit():
    from yusuan.web.explore import compare_cells

    def sangong(unit: str, value: str) -> list[StoredCell]:
        return [StoredCell("sangong", None, "", unit, "", None, "", "公务接待费", Decimal(value))]

    rows = compare_cells(sangong("元", "125000.00"), sangong("万元", "15.00"), (2022, 2023))
    assert rows == [("三公：公务接待费", "12.50", "15.00", "2.50")]
