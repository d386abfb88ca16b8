"""The page forms against cross-site requests (a signed double-submit CSRF cookie, asked with
or without a write token) and the errors of what a browser opens or posts shown as pages in
Chinese — while the API answers JSON as its contract says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from test_portal_api import csrf_of
from yusuan.store import open_engine
from yusuan.store.queries import decisions
from yusuan.web import Config, create_app
from yusuan.web.csrf import COOKIE, CROSS_SITE, REFUSED

from conftest import SEED


def config(tmp_path: Path, **more: object) -> Config:
    return Config(db_url=f"sqlite:///{tmp_path}/data/yusuan.db", **more)  # type: ignore[arg-type]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(config(tmp_path, max_bytes=1 << 20))) as c:
        yield c


def seeded(client: TestClient) -> tuple[int, str]:
    made = client.post("/api/documents", files={"file": ("seed.txt", SEED.read_bytes())})
    assert made.status_code == 201
    doc = made.json()["id"]
    found = client.get(f"/api/documents/{doc}/findings").json()
    return doc, next(f["fingerprint"] for f in found if f["severity"] == "error")


def decided(tmp_path: Path) -> set[str]:
    engine = open_engine(f"sqlite:///{tmp_path}/data/yusuan.db")
    try:
        return set(decisions(engine))
    finally:
        engine.dispose()


def is_page(answer: httpx.Response, status: int, words: str) -> None:
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
    assert words in answer.text and '<html lang="zh-CN">' in answer.text


def test_a_form_post_without_its_token_is_refused_with_a_page(tmp_path, client):
    doc, fingerprint = seeded(client)
    form = {"fingerprint": fingerprint, "verdict": "确认", "reason": "核实"}
    is_page(client.post(f"/documents/{doc}/decisions", data=form), 403, REFUSED)
    token = csrf_of(client, f"/documents/{doc}")
    assert client.cookies.get(COOKIE) == token  # the double submit: cookie and field agree
    # a field that is not the cookie's, or a cookie this server did not sign: refused
    is_page(client.post(f"/documents/{doc}/decisions", data={**form, "csrf": "x.y"}), 403, REFUSED)
    nonce = token.split(".")[0]
    forged = f"{nonce}.{'0' * 32}"
    client.cookies.set(COOKIE, forged)
    answer = client.post(f"/documents/{doc}/decisions", data={**form, "csrf": forged})
    is_page(answer, 403, REFUSED)
    assert decided(tmp_path) == set()
    client.cookies.set(COOKIE, token)
    done = client.post(
        f"/documents/{doc}/decisions", data={**form, "csrf": token}, follow_redirects=False
    )
    assert done.status_code == 303 and decided(tmp_path) == {fingerprint}


def test_the_upload_form_asks_for_its_token_too(client):
    files = [("files", ("甲.txt", SEED.read_bytes()))]
    is_page(client.post("/upload", files=files), 403, REFUSED)
    assert client.get("/api/documents").json() == []
    answer = client.post("/upload", files=files, data={"csrf": csrf_of(client)})
    assert answer.status_code == 200 and len(client.get("/api/documents").json()) == 1


def test_each_client_gets_its_own_token_on_the_kept_page(client):
    doc, _ = seeded(client)
    path = f"/documents/{doc}"
    mine = csrf_of(client, path)
    assert csrf_of(client, path) == mine  # kept: the same while its cookie is
    tag = client.get(path).headers["etag"]
    assert client.get(path, headers={"If-None-Match": tag}).status_code == 304
    client.cookies.clear()
    theirs = csrf_of(client, path)
    assert theirs != mine
    # another token, another tag: a page holding someone else's token is never reused
    assert client.get(path, headers={"If-None-Match": tag}).status_code == 200


def test_workers_sharing_a_secret_take_each_others_cookies(tmp_path):
    one = create_app(config(tmp_path, secret="s" * 64))
    two = create_app(config(tmp_path, secret="s" * 64))
    other = create_app(config(tmp_path, secret="t" * 64))
    with TestClient(one) as a, TestClient(two) as b, TestClient(other) as c:
        doc, fingerprint = seeded(a)
        token = csrf_of(a, f"/documents/{doc}")
        form = {"fingerprint": fingerprint, "verdict": "确认", "reason": "核实", "csrf": token}
        for client in (b, c):
            client.cookies.set(COOKIE, token)
        assert c.post(f"/documents/{doc}/decisions", data=form).status_code == 403
        done = b.post(f"/documents/{doc}/decisions", data=form, follow_redirects=False)
        assert done.status_code == 303


def test_errors_of_forms_and_pages_are_pages_and_the_apis_json(client):
    doc, fingerprint = seeded(client)
    token = csrf_of(client, f"/documents/{doc}")
    form = {"fingerprint": fingerprint, "verdict": "确认", "reason": "核实", "csrf": token}
    # 422: a field missing, an empty reason, an unknown verdict
    missing = {k: v for k, v in form.items() if k != "reason"}
    is_page(client.post(f"/documents/{doc}/decisions", data=missing), 422, "理由")
    empty = client.post(f"/documents/{doc}/decisions", data={**form, "reason": " "})
    is_page(empty, 422, "理由不能为空")
    is_page(client.post(f"/documents/{doc}/decisions", data={**form, "verdict": "x"}), 422, "")
    # 404: a finding it has not, a document there is not, a page there is not
    unknown = client.post(f"/documents/{doc}/decisions", data={**form, "fingerprint": "0" * 16})
    is_page(unknown, 404, "此文档没有这个问题")
    is_page(client.post("/documents/999/decisions", data=form), 404, "")
    is_page(client.get("/nothing-here"), 404, "未找到")
    is_page(client.get("/documents/abc"), 422, "无法处理")
    # 413 from the upload form: a page; from the API: JSON
    big = [("files", ("big.txt", b"x" * (2 << 20)))]
    too_big = client.post("/upload", files=big, data={"csrf": token})
    is_page(too_big, 413, "文件超过上传上限")
    assert "script-src 'self'" in too_big.headers["content-security-policy"]
    api = client.post("/api/documents", files={"file": ("big.txt", b"x" * (2 << 20))})
    assert api.status_code == 413 and "文件超过上传上限" in api.json()["detail"]
    # the API's errors stay JSON
    assert client.get("/api/documents/999").json()["detail"]
    assert client.get("/api/documents/abc").status_code == 422
    assert isinstance(client.get("/api/documents/abc").json()["detail"], list)
    bad = client.post("/api/documents", files={"file": ("a.txt", b"not a disclosure")})
    assert bad.status_code == 422 and isinstance(bad.json()["detail"], str)


def test_the_api_refuses_what_a_browser_says_another_site_sent(client):
    files = {"file": ("seed.txt", SEED.read_bytes())}
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ):
        refused = client.post("/api/documents", files=files, headers=headers)
        assert refused.status_code == 403 and refused.json()["detail"] == CROSS_SITE
    assert client.get("/api/documents").json() == []
    same = client.post("/api/documents", files=files, headers={"Origin": "http://testserver"})
    assert same.status_code == 201


def test_serve_workers_get_the_one_secret(tmp_path, monkeypatch):
    from yusuan.web.app import ENV_CONFIG, config_to_environment, from_environment

    monkeypatch.delenv(ENV_CONFIG, raising=False)
    config_to_environment(config(tmp_path, secret="w" * 64))
    apps = [from_environment(), from_environment()]
    assert [a.state.portal.secret for a in apps] == ["w" * 64, "w" * 64]
    for a in apps:
        a.state.portal.engine.dispose()
