"""The review pages, server-rendered in Chinese: the list of disclosures with its filters, a
disclosure's page (profile, tables as printed, each finding beside the crop of its page, with
确认 / 忽略 and a reason), and the upload form.

Decisions are the store's (`store.queries.decide`), the very records `yusuan review` keeps.
Each crop is the HTML report's own (`render.report.crops.PageCrops`), cut from the stored
file; when that file is gone the finding quotes its source line instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from yusuan.audit.finding import Severity
from yusuan.errors import YusuanError
from yusuan.model import Disclosure
from yusuan.render.report.crops import PageCrops
from yusuan.render.report.rows import SEVERITY_NAMES
from yusuan.review.decisions import Verdict
from yusuan.store.queries import decide
from yusuan.web.api import DocumentId, import_upload, portal
from yusuan.web.app import CROPS_KEPT
from yusuan.web.cache import kept_answer, store_version, version
from yusuan.web.csrf import FIELD, MARK, check_form, set_cookie, token_for
from yusuan.web.data import (
    KINDS,
    STATUSES,
    StoredFinding,
    cells_of,
    document_paths,
    findings_of,
    get_document,
    list_documents,
    printed_tables,
    regions,
)
from yusuan.web.uploads import sent_name

router = APIRouter(include_in_schema=False)
# the pages that post a form (the document page, kept, is given its token's mark instead)
FORM_PAGES = frozenset({"upload.html"})


def render_page(
    request: Request, name: str, code: int = 200, csrf_token: str | None = None, **values: Any
) -> HTMLResponse:
    """A page; its forms carry the client's CSRF token (`web.csrf`), given to it as a cookie
    when it has none yet (`csrf_token`: what to put there instead, the mark of a kept page)."""
    p = portal(request)
    token, new = csrf_token or "", False
    if csrf_token is None and name in FORM_PAGES:
        token, new = token_for(p.secret, request)
    html = p.templates.get_template(name).render(
        token_needed=bool(p.config.token),
        severity_names=SEVERITY_NAMES,
        csrf_field=FIELD,
        csrf_token=token,
        **values,
    )
    response = HTMLResponse(html, status_code=code)
    if new:
        set_cookie(response, token)
    return response


@router.get("/", response_class=HTMLResponse)
async def index(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    year: Annotated[str, Query(max_length=8)] = "",
    kind: Annotated[str, Query(max_length=8)] = "",
    status: Annotated[str, Query(max_length=8)] = "",
    region: Annotated[str, Query(max_length=80)] = "",
) -> Response:
    """The season's disclosures, filtered by region, department (part of its name), year,
    kind and status. Rendered once per version of the store and filters (`web.cache`)."""
    p = portal(request)
    chosen = (q.strip(), year.strip(), kind, status, region.strip())
    key = "list\x00" + "\x00".join(chosen)
    current = store_version(p.engine)
    kept = await kept_answer(
        p.answers,
        key,
        0,
        current,
        lambda: (_index_html(request, q, year, kind, status, region), "text/html"),
    )
    return kept.response(request)


def _index_html(request: Request, q: str, year: str, kind: str, status: str, region: str) -> bytes:
    engine = portal(request).engine
    chosen_year = int(year) if year.strip().isdigit() and len(year.strip()) == 4 else None
    listed = list_documents(
        engine,
        q.strip() or None,
        chosen_year,
        kind if kind in KINDS else None,
        status if status in STATUSES else None,
        region=region.strip() or None,
    )
    return bytes(
        render_page(
            request,
            "list.html",
            documents=listed,
            q=q,
            year=year,
            kind=kind,
            status=status,
            region=region,
            regions=regions(engine),
            kinds=KINDS,
            statuses=STATUSES,
        ).body
    )


def _crops(
    request: Request,
    document_id: int,
    imported_at: str,
    doc: Disclosure | None,
    found: list[StoredFinding],
) -> dict[str, str]:
    """The crop (a data: URI) of each finding that has one, cut once and kept (a re-import
    may bring another file under the same id: its import time is part of the key)."""
    p = portal(request)
    out: dict[str, str] = {}
    with PageCrops() as crops:
        for f in found:
            key = (document_id, imported_at, f.fingerprint)
            with p.crops_lock:
                known = key in p.crops
                made = p.crops.get(key)
            if not known:
                made = crops.crop(doc, f.finding) if doc is not None else None
                with p.crops_lock:
                    p.crops[key] = made
                    while len(p.crops) > CROPS_KEPT:
                        p.crops.popitem(last=False)
            if made:
                out[f.fingerprint] = made
    return out


def _quotes(doc: Disclosure | None, found: list[StoredFinding]) -> dict[str, str]:
    """Each finding's source line (what is shown when there is no crop)."""
    if doc is None:
        return {}
    return {
        f.fingerprint: doc.source_line(f.finding.location.line, f.finding.location.path) or ""
        for f in found
    }


@router.get("/documents/{document_id}", response_class=HTMLResponse)
async def document_page(request: Request, document_id: DocumentId) -> Response:
    """A disclosure: its profile, its findings beside their pages, its tables as printed.
    Rendered once per version of the document and its decisions (`web.cache`)."""
    p = portal(request)
    current = version(p.engine, document_id, names=True)
    if current is None:
        return render_page(request, "missing.html", 404, document_id=document_id)
    kept = await kept_answer(
        p.answers,
        "page",
        document_id,
        current,
        lambda: (_document_html(request, document_id), "text/html"),
    )
    # made once for every client: each gets its own CSRF token where the page holds the mark
    token, new = token_for(p.secret, request)
    response = kept.response(request, (MARK, token))
    if new:
        set_cookie(response, token)
    return response


def _document_html(request: Request, document_id: int) -> bytes:
    p = portal(request)
    listed = get_document(p.engine, document_id)
    if listed is None:  # removed between the version read and now: the next view says so
        return b""
    found = findings_of(p.engine, document_id)
    shown = [f for f in found if f.finding.severity is not Severity.INFO]
    doc = p.model(document_id, listed.imported_at)  # None: the stored rows still show
    paths = document_paths(p.engine, document_id)
    names = [sent_name(Path(path)) or Path(path).name for path in paths]
    return bytes(
        render_page(
            request,
            "document.html",
            csrf_token=MARK,
            doc=listed,
            names=names,
            profile=doc.profile if doc is not None else None,
            findings=shown,
            infos=len(found) - len(shown),
            crops=_crops(request, document_id, listed.imported_at, doc, shown),
            quotes=_quotes(doc, shown),
            tables=printed_tables(cells_of(p.engine, document_id)),
        ).body
    )


@router.post("/documents/{document_id}/decisions")
def decide_page(
    request: Request,
    document_id: DocumentId,
    fingerprint: Annotated[str, Form(max_length=64)],
    verdict: Annotated[str, Form(max_length=16)],
    reason: Annotated[str, Form(max_length=2000)],
    who: Annotated[str, Form(max_length=120)] = "",
    token: Annotated[str, Form(max_length=400)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> RedirectResponse:
    """Record 确认 / 忽略 with its reason, as `yusuan review confirm/ignore` does."""
    p = portal(request)
    check_form(p.secret, request, csrf, p.bearer_ok(request))
    p.require(request, token)
    if not reason.strip():
        raise HTTPException(422, "理由不能为空：写明为什么")
    try:
        chosen = Verdict.parse(verdict)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    known = {f.fingerprint for f in findings_of(p.engine, document_id)}
    if fingerprint not in known:
        raise HTTPException(404, "此文档没有这个问题")
    decide(p.engine, fingerprint, chosen, reason.strip(), who.strip() or "网页审核")
    return RedirectResponse(f"/documents/{document_id}#f-{fingerprint}", status_code=303)


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> HTMLResponse:
    return render_page(request, "upload.html", results=[])


@router.post("/upload", response_class=HTMLResponse)
async def upload_page(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    token: Annotated[str, Form(max_length=400)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """One file or several: each kept, audited and stored; the results listed, each linking
    to its page (a file that fails says why in one line, the others go on)."""
    p = portal(request)
    check_form(p.secret, request, csrf, p.bearer_ok(request))
    p.require(request, token)
    results: list[dict[str, Any]] = []
    for file in files:
        try:
            answer = await run_in_threadpool(import_upload, p, file)
            results.append({"name": file.filename, "ok": True, **answer})
        except HTTPException as exc:
            results.append({"name": file.filename, "ok": False, "error": exc.detail})
        except YusuanError as exc:
            results.append({"name": file.filename, "ok": False, "error": exc.reason})
    if len(results) == 1 and results[0]["ok"]:
        return RedirectResponse(f"/documents/{results[0]['id']}", status_code=303)
    return render_page(request, "upload.html", results=results)
