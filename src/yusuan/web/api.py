"""The JSON API, the contract others build on (extend it, never break it):

- `GET /healthz` → 200;
- `POST /api/documents` (multipart field `file`) → 201 `{"id", "document", "summary"}` in the
  audit's JSON shapes (`render.audit.report_data`), 413 over the size limit, 422 for a file
  that is not a disclosure (one line, in Chinese);
- `GET /api/documents` → the list; `GET /api/documents/{id}` → one;
- `GET /api/documents/{id}/findings` → its findings, each with its fingerprint and decision;
- `GET /api/documents/{id}/cells` → its cells, the long rows as JSON objects;
- findings and cells carry an `ETag` (the version of the document and its decisions), the
  list one of the whole store: `If-None-Match` with it → 304 while nothing changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Depends, File, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from yusuan.render.audit import report_data
from yusuan.review.decisions import with_decisions
from yusuan.store.queries import decisions
from yusuan.web.cache import kept_answer, store_version, version
from yusuan.web.csrf import check_site
from yusuan.web.data import (
    cell_data,
    cells_of,
    findings_of,
    get_document,
    list_documents,
)
from yusuan.web.uploads import NotADisclosure, TooLarge, forget, keep, remember_name

router = APIRouter()
bearer = HTTPBearer(auto_error=False, description="仅在 yusuan serve --token 设定时需要")
# ids as the database keeps them (a 64-bit overflow is a bad request, not a server error)
DocumentId = Annotated[int, Path(ge=1, le=2**31 - 1, description="文档编号")]


def portal(request: Request) -> Any:
    return request.app.state.portal


@router.get("/healthz", summary="健康检查")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.post(
    "/api/documents",
    status_code=201,
    summary="上传一份公开文件：审核并存入",
    responses={
        400: {"description": "multipart 请求体格式错误"},
        401: {"description": "需要令牌"},
        403: {"description": "来自其他网站的请求（浏览器所报 Origin / Sec-Fetch-Site）"},
        413: {"description": "超过上传上限"},
        422: {"description": "不是可读的预算/决算公开文件"},
    },
)
async def upload(
    request: Request,
    file: Annotated[UploadFile, File(description="公开文件（PDF、XLSX、XLS、DOCX、HTML 或文本）")],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
) -> dict[str, Any]:
    p = portal(request)
    check_site(request)  # a browser's post from another site (a form aimed at the API)
    p.require(request)
    return await run_in_threadpool(import_upload, p, file)


def import_upload(p: Any, file: UploadFile) -> dict[str, Any]:
    """Keep, audit and store one uploaded file; the contract's answer."""
    try:
        path, digest = keep(file.file, p.uploads, p.config.max_bytes)
    except TooLarge as exc:
        raise HTTPException(413, f"文件超过上传上限 {p.config.max_bytes} 字节") from exc
    remember_name(path, file.filename)
    try:
        imported = p.importer.run(path, digest)
    except NotADisclosure as exc:
        forget(path)  # no disclosure is ever stored from these bytes: nothing to keep
        raise HTTPException(422, exc.reason) from exc
    report = with_decisions(imported.report, decisions(p.engine))
    data = report_data(report)
    document = data["document"]
    document["path"] = file.filename or None  # the name it was sent with, not where it is kept
    return {
        "id": imported.id,
        "outcome": imported.outcome,
        "document": document,
        "summary": data["summary"],
    }


@router.get(
    "/api/documents",
    summary="库中的公开文件列表",
    response_model=list[dict[str, Any]],
    responses={304: {"description": "未变（If-None-Match）"}},
)
async def documents(
    request: Request,
    department: Annotated[
        str | None, Query(max_length=200, description="部门名称的一部分或部门编码")
    ] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    kind: Annotated[Literal["预算", "决算"] | None, Query(description="预算 / 决算")] = None,
    status: Annotated[Literal["有错误", "有警告", "无问题"] | None, Query()] = None,
    region: Annotated[
        str | None, Query(max_length=80, description="地区（或其上级，如 上海市 含 上海市普陀区）")
    ] = None,
) -> Response:
    p = portal(request)
    chosen = (department or "", str(year or ""), kind or "", status or "", region or "")
    current = store_version(p.engine)

    def make() -> tuple[bytes, str]:
        listed = list_documents(p.engine, department, year, kind, status, region=region)
        return _json([d.data() for d in listed]), "application/json"

    # kept under the whole store's version, per filters (web.cache)
    kept = await kept_answer(p.answers, "documents\x00" + "\x00".join(chosen), 0, current, make)
    return cast(Response, kept.response(request))


def _found(request: Request, document_id: int) -> Any:
    listed = get_document(portal(request).engine, document_id)
    if listed is None:
        raise HTTPException(404, f"库中没有编号为 {document_id} 的文档")
    return listed


@router.get(
    "/api/documents/{document_id}",
    summary="一份公开文件",
    responses={404: {"description": "无此文档"}},
)
def document(request: Request, document_id: DocumentId) -> dict[str, Any]:
    return dict(_found(request, document_id).data())


def _json(data: Any) -> bytes:
    # plain JSON already (strings, ints, None): written as it is, not walked again by FastAPI
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


async def _kept(request: Request, what: str, document_id: int, make: Callable[[], Any]) -> Response:
    """The answer kept for this version of the document (`web.cache`), with its ETag; 404
    when there is no such document."""
    p = portal(request)
    current = version(p.engine, document_id)
    if current is None:
        raise HTTPException(404, f"库中没有编号为 {document_id} 的文档")
    kept = await kept_answer(
        p.answers, what, document_id, current, lambda: (_json(make()), "application/json")
    )
    return cast(Response, kept.response(request))


@router.get(
    "/api/documents/{document_id}/findings",
    summary="一份公开文件的审核问题（含审核结论）",
    response_model=list[dict[str, Any]],
    responses={304: {"description": "未变（If-None-Match）"}, 404: {"description": "无此文档"}},
)
async def findings(request: Request, document_id: DocumentId) -> Response:
    engine = portal(request).engine
    return await _kept(
        request,
        "findings",
        document_id,
        lambda: [f.data() for f in findings_of(engine, document_id)],
    )


@router.get(
    "/api/documents/{document_id}/cells",
    summary="一份公开文件的表格数据（长表，每格一行）",
    response_model=list[dict[str, Any]],
    responses={304: {"description": "未变（If-None-Match）"}, 404: {"description": "无此文档"}},
)
async def cells(request: Request, document_id: DocumentId) -> Response:
    engine = portal(request).engine
    return await _kept(
        request, "cells", document_id, lambda: [cell_data(c) for c in cells_of(engine, document_id)]
    )
