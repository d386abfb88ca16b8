"""Downloads of a stored disclosure: its cells as CSV (the long form of `yusuan parse --format
csv`), its report as XLSX or JSON — the command line's own writers (`render.report`,
`render.audit`), given a report rebuilt from the store: the stored model, the stored findings
and the reviewers' decisions on them.

The stored file is named as it was uploaded (or by its file name), never by where the server
keeps it. The audit's check counts are not stored: the JSON's `checks` are zeros.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from yusuan.audit import Report
from yusuan.audit.finding import Finding
from yusuan.render.csv import HEADER
from yusuan.review.decisions import Decision, decision_for
from yusuan.web.api import DocumentId, portal
from yusuan.web.data import cells_of, document_paths, findings_of, get_document
from yusuan.web.uploads import sent_name

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(name: str) -> dict[str, str]:
    # an ASCII fallback and the Chinese name (RFC 5987): browsers keep the latter
    return {"Content-Disposition": f"attachment; filename=report; filename*=UTF-8''{quote(name)}"}


def _stem(request: Request, document_id: int) -> str:
    listed = get_document(portal(request).engine, document_id)
    if listed is None:
        raise HTTPException(404, f"库中没有编号为 {document_id} 的文档")
    parts = [
        listed.department or "公开文件",
        f"{listed.year}年" if listed.year else "",
        listed.kind or "",
    ]
    return "".join(parts)


MISSING: dict[int | str, dict[str, Any]] = {404: {"description": "无此文档"}}


def _as(media: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"content": {media: {}}}, **MISSING}


@router.get(
    "/api/documents/{document_id}/cells.csv",
    summary="表格数据下载（CSV，长表）",
    response_class=Response,
    responses=_as("text/csv"),
)
def cells_csv(request: Request, document_id: DocumentId) -> Response:
    stem = _stem(request, document_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for c in cells_of(portal(request).engine, document_id):
        writer.writerow(
            (
                c.table_id or c.table_title,
                c.side,
                c.row_code or "",
                c.row_name,
                c.column,
                format(c.value, "f"),
            )
        )
    # with a BOM: Excel opens a UTF-8 CSV of Chinese text right only with one
    return Response(
        "\ufeff" + out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers=_attachment(f"{stem}表格.csv"),
    )


def stored_report(request: Request, document_id: int) -> Report:
    """The document's report from the store, its file named as uploaded."""
    p = portal(request)
    listed = get_document(p.engine, document_id)
    if listed is None:
        raise HTTPException(404, f"库中没有编号为 {document_id} 的文档")
    doc = p.model(document_id, listed.imported_at)
    if doc is None:
        raise HTTPException(409, "库中此文档的模型无法读回（原文件已不在），请重新导入")
    paths = document_paths(p.engine, document_id)
    kept = doc.meta.path
    name = (sent_name(Path(paths[0])) or Path(paths[0]).name) if paths else kept
    doc = replace(doc, meta=replace(doc.meta, path=name))
    findings: list[Finding] = []
    decided: dict[Finding, Decision] = {}
    for stored in findings_of(p.engine, document_id):
        f = stored.finding
        if f.location.path == kept:
            f = replace(f, location=replace(f.location, path=name))
        findings.append(f)
        if stored.decision is not None:
            decided[f] = stored.decision
    return Report(doc, tuple(findings), 0, 0, 0, (), decided)


@router.get(
    "/api/documents/{document_id}/report.json",
    summary="审核报告下载（JSON）",
    response_class=Response,
    responses={**_as("application/json"), 409: {"description": "模型无法读回"}},
)
def report_json(request: Request, document_id: DocumentId) -> Response:
    from yusuan.render.audit import report_data

    stem = _stem(request, document_id)
    data: Any = report_data(stored_report(request, document_id))
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers=_attachment(f"{stem}审核报告.json"),
    )


@router.get(
    "/api/documents/{document_id}/report.xlsx",
    summary="审核报告下载（XLSX）",
    response_class=Response,
    responses={**_as(XLSX), 409: {"description": "模型无法读回"}},
)
def report_xlsx(request: Request, document_id: DocumentId) -> Response:
    from yusuan.render.report.xlsx import write_xlsx

    stem = _stem(request, document_id)
    report = stored_report(request, document_id)
    with tempfile.TemporaryDirectory(prefix="yusuan-report-") as folder:
        target = Path(folder) / "report.xlsx"
        write_xlsx(target, [report], decision_for)  # the decided marked, as the CLI's
        body = target.read_bytes()
    return Response(body, media_type=XLSX, headers=_attachment(f"{stem}审核报告.xlsx"))
