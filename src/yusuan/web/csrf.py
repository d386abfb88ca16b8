"""Page forms against cross-site requests (CSRF): a signed double-submit cookie.

A page that holds a form (确认 / 忽略, upload) gives the browser a cookie `yusuan_csrf` —
a random nonce and its HMAC under the server's secret — and puts the same value in a hidden
field of the form. A form post goes ahead only when the field equals the cookie and the
cookie's signature holds: another site can make the browser post, but it can neither read the
cookie nor set one this server signed, so it cannot fill the field. The cookie is also
SameSite=Strict, so a browser does not even send it with another site's post.

Asked of every page form, token configured or not (a configured write token guards who may
write, not from where). A request that carries the write token in its Authorization header
needs none: a browser never adds that header to another site's form.

Requests that are no page forms — the JSON API — are refused only when the browser says they
come from another site (Sec-Fetch-Site: cross-site, or an Origin other than the server's):
scripts and command-line clients send neither.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import Response

COOKIE = "yusuan_csrf"
FIELD = "csrf"
# What a kept page holds where its form's token goes; each answer puts the client's own there
# (a page made once is served to every client).
MARK = "\x1b-yusuan-csrf-\x1b"
REFUSED = "表单校验失败：请从本站页面提交（页面已过期时请刷新后重试）"
CROSS_SITE = "拒绝来自其他网站的请求"


def new_secret() -> str:
    """A secret to sign the cookies with (one per server: its workers must share it)."""
    return secrets.token_hex(32)


def _signature(secret: str, nonce: str) -> str:
    return hmac.new(secret.encode(), nonce.encode(), hashlib.sha256).hexdigest()[:32]


def _valid(secret: str, token: str) -> bool:
    nonce, _, signature = token.partition(".")
    return bool(nonce) and hmac.compare_digest(signature, _signature(secret, nonce))


def token_for(secret: str, request: Request) -> tuple[str, bool]:
    """The client's token: the one its cookie holds when this server signed it, else a new
    one; (token, whether it is new and must be set)."""
    held = request.cookies.get(COOKIE, "")
    if held and len(held) < 200 and _valid(secret, held):
        return held, False
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_signature(secret, nonce)}", True


def set_cookie(response: Response, token: str) -> None:
    # HttpOnly: the form's field is written by the server, no script needs to read it
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")


def check_form(secret: str, request: Request, given: str, bearer_ok: bool) -> None:
    """403 unless the form's field matches the signed cookie (or the request carries the
    write token in its header)."""
    if bearer_ok:
        return
    held = request.cookies.get(COOKIE, "")
    if not (given and held and hmac.compare_digest(given, held) and _valid(secret, held)):
        raise HTTPException(403, REFUSED)


def check_site(request: Request) -> None:
    """403 for a request the browser says another site made (the API: no form token)."""
    if request.headers.get("sec-fetch-site", "") == "cross-site":
        raise HTTPException(403, CROSS_SITE)
    origin = request.headers.get("origin")
    if origin is None:
        return
    host = request.headers.get("host", "")
    if origin == "null" or urlsplit(origin).netloc != host:
        raise HTTPException(403, CROSS_SITE)


__all__ = [
    "COOKIE",
    "CROSS_SITE",
    "FIELD",
    "MARK",
    "REFUSED",
    "check_form",
    "check_site",
    "new_secret",
    "set_cookie",
    "token_for",
]
