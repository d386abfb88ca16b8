"""The explore pages' data, from the stored cells: the function tree adds up to the
expenditure table's total, 三公 is drawn across the department's years, two years compare."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from yusuan.web import Config, create_app

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
    client.post(f"/documents/{doc}/decisions", data=form)

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
