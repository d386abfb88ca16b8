"""The explore pages: one disclosure's money drawn (ECharts, served from the package), and two
disclosures — two years of one department, or two departments — side by side."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from yusuan.model import Disclosure
from yusuan.web.api import DocumentId, portal
from yusuan.web.data import Listed, get_document, list_documents
from yusuan.web.explore import compare_rows, explore_data
from yusuan.web.pages import render_page

router = APIRouter()


@router.get(
    "/api/documents/{document_id}/explore",
    summary="一份公开文件的图表数据（收入来源、功能分类树、基本/项目支出、经济分类、历年三公经费与机关运行经费）",
    responses={404: {"description": "无此文档"}},
)
def explore_api(request: Request, document_id: DocumentId) -> dict[str, Any]:
    listed = get_document(portal(request).engine, document_id)
    if listed is None:
        raise HTTPException(404, f"库中没有编号为 {document_id} 的文档")
    return explore_data(portal(request).engine, listed, _models(request))


def _models(request: Request) -> Callable[[Listed], Disclosure | None]:
    """A stored document's model, kept by the portal (for what only its narrative states)."""
    p = portal(request)
    return lambda listed: p.model(listed.id, listed.imported_at)


@router.get(
    "/documents/{document_id}/explore", response_class=HTMLResponse, include_in_schema=False
)
def explore_page(request: Request, document_id: DocumentId) -> HTMLResponse:
    engine = portal(request).engine
    listed = get_document(engine, document_id)
    if listed is None:
        return render_page(request, "missing.html", 404, document_id=document_id)
    others = [d for d in list_documents(engine) if d.id != listed.id]
    return render_page(
        request,
        "explore.html",
        doc=listed,
        charts=explore_data(engine, listed, _models(request)),
        others=others,
    )


@router.get("/compare", response_class=HTMLResponse, include_in_schema=False)
def compare_page(
    request: Request,
    a: Annotated[int, Query(ge=1, le=2**31 - 1)],
    b: Annotated[int, Query(ge=1, le=2**31 - 1)],
) -> HTMLResponse:
    """Two disclosures side by side: their totals, 三公 and each function 类, with the change."""
    engine = portal(request).engine
    first, second = get_document(engine, a), get_document(engine, b)
    if first is None or second is None:
        return render_page(request, "missing.html", 404, document_id=a if first is None else b)
    if (first.year or 0) > (second.year or 0):  # the earlier year on the left
        first, second = second, first
    rows = compare_rows(engine, first, second)
    chart = {
        "names": [r[0] for r in rows],
        "a": [r[1] or "0" for r in rows],
        "b": [r[2] or "0" for r in rows],
        "labels": [_label(first), _label(second)],
    }
    return render_page(request, "compare.html", a=first, b=second, rows=rows, chart=chart)


def _label(d: Any) -> str:
    return f"{d.department or '?'} {d.year or ''}年{d.kind or ''}"
