"""Issue #13, "into the rest": a compiled disclosure, published as a PDF, imports into the
store and shows in the portal like a published one — its tables stored cell for cell, no error
found, its page served with its department's name."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from fastapi.testclient import TestClient

from yusuan.compile.load import load
from yusuan.compile.run import build
from yusuan.publish import write
from yusuan.render.csv import long_rows
from yusuan.web import Config, create_app

EXAMPLE = Path(__file__).parents[1] / "examples" / "seed-2023.yaml"


def test_a_compiled_pdf_uploads_with_no_error_and_its_cells_are_the_derived_ones(tmp_path):
    disclosure = build(load(EXAMPLE), path=str(EXAMPLE)).disclosure
    pdf = tmp_path / "seed-2023.pdf"
    write(disclosure, "pdf", pdf)
    config = Config(db_url=f"sqlite:///{tmp_path}/data/yusuan.db")  # type: ignore[call-arg]
    with TestClient(create_app(config)) as client:
        answer = client.post(
            "/api/documents", files={"file": (pdf.name, pdf.read_bytes(), "application/pdf")}
        )
        assert answer.status_code == 201, answer.text
        data = answer.json()
        assert data["summary"]["error"] == 0
        assert data["document"]["department"] == disclosure.meta.department
        cells = client.get(f"/api/documents/{data['id']}/cells").json()
        stored = Counter(
            (c["table_id"], c["row_code"] or "", c["row_name"], c["column"], Decimal(c["value"]))
            for c in cells
        )
        derived = Counter(
            (table, code, name, column, Decimal(value))
            for table, _side, code, name, column, value in long_rows(disclosure)
        )
        assert stored == derived
        page = client.get(f"/documents/{data['id']}")
        assert page.status_code == 200
        assert disclosure.meta.department in page.text
        listed = client.get("/api/documents").json()
        assert [d["id"] for d in listed] == [data["id"]]
