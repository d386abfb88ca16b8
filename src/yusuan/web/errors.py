"""Error answers: JSON for the API (its contract: `{"detail": …}`), an HTML page in Chinese for
everything a browser opens or posts (a form's 403, 404, 413, 422 shown as a page, not as
JSON text)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader
from starlette.exceptions import HTTPException

from yusuan.errors import YusuanError

TITLES = {
    400: "请求有误",
    401: "需要令牌",
    403: "拒绝请求",
    404: "未找到",
    405: "不支持此操作",
    413: "文件过大",
    422: "无法处理",
}
_FIELDS = {
    "fingerprint": "问题",
    "verdict": "结论",
    "reason": "理由",
    "who": "审核人",
    "files": "文件",
    "file": "文件",
}
_templates = Environment(loader=PackageLoader("yusuan.web", "templates"), autoescape=True)


def is_api(path: str) -> bool:
    """Whether a path answers in JSON (the API's contract) rather than as a page."""
    return path.startswith("/api/") or path in ("/healthz", "/openapi.json")


def error_page(status: int, detail: str) -> bytes:
    """The HTML page of an error: its Chinese title, the one-line reason."""
    title = TITLES.get(status, "出错了")
    html = _templates.get_template("error.html").render(title=title, detail=detail, status=status)
    return html.encode("utf-8")


def _html(status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    return HTMLResponse(error_page(status, detail), status_code=status, headers=headers)


def _fields(exc: RequestValidationError) -> str:
    """A form's invalid fields, in one line."""
    names = []
    for error in exc.errors():
        where = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
        name = where[0] if where else "?"
        names.append(_FIELDS.get(name, name))
    return "表单内容不完整或无效：" + "、".join(dict.fromkeys(names))


async def on_http(request: Request, exc: Any) -> Response:
    if is_api(request.url.path):
        return await http_exception_handler(request, exc)
    detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "出错了")
    return _html(exc.status_code, detail, getattr(exc, "headers", None))


async def on_invalid(request: Request, exc: Any) -> Response:
    if is_api(request.url.path):
        return await request_validation_exception_handler(request, exc)
    return _html(422, _fields(exc))


async def on_yusuan(request: Request, exc: Any) -> Response:
    # a document or store problem is the user's to read, in one line, never a traceback
    if is_api(request.url.path):
        return JSONResponse({"detail": exc.reason}, status_code=422)
    return _html(422, exc.reason)


HANDLERS = (
    (HTTPException, on_http),
    (RequestValidationError, on_invalid),
    (YusuanError, on_yusuan),
)

__all__ = ["HANDLERS", "TITLES", "error_page", "is_api"]
