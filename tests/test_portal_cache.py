"""The portal's kept answers (web.cache): a disclosure's page, findings and cells are made once
per version of the document, yet a decision — from the page or from `yusuan review` in another
process — and a re-import show at once; an unchanged answer is a 304 to its ETag."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from test_portal_api import csrf_of
from yusuan.review.decisions import Verdict
from yusuan.store import open_engine, store
from yusuan.store.prepared import prepare
from yusuan.store.queries import decide
from yusuan.web import Config, create_app
from yusuan.web.cache import Answers

from conftest import SEED


def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/data/yusuan.db"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Config(db_url=url(tmp_path)))) as c:
        yield c


CSRF = re.compile(r'name="csrf" value="[^"]*"')


def unsigned(page: str) -> str:
    """A page without its forms' CSRF token (each client's own, web.csrf)."""
    return CSRF.sub('name="csrf" value=""', page)


def fresh(tmp_path: Path, path: str) -> str:
    """What a portal that has kept nothing answers (a page without its CSRF token)."""
    with TestClient(create_app(Config(db_url=url(tmp_path)))) as other:
        return unsigned(other.get(path).text)


def import_file(tmp_path: Path, path: Path) -> None:
    """`yusuan import` of one file, as another process would: straight into the store."""
    engine = open_engine(url(tmp_path))
    try:
        store(engine, prepare([path]))
    finally:
        engine.dispose()


def an_error(client: TestClient, doc: int) -> str:
    found = client.get(f"/api/documents/{doc}/findings").json()
    return str(next(f["fingerprint"] for f in found if f["severity"] == "error"))


def test_a_decision_from_the_page_shows_at_once(client):
    doc = client.post("/api/documents", files={"file": ("seed.txt", SEED.read_bytes())}).json()[
        "id"
    ]
    before = client.get(f"/documents/{doc}").text
    assert client.get(f"/documents/{doc}").text == before  # kept, the same
    fingerprint = an_error(client, doc)
    form = {"fingerprint": fingerprint, "verdict": "确认", "reason": "核对无误", "who": "李四"}
    form["csrf"] = csrf_of(client, f"/documents/{doc}")
    client.post(f"/documents/{doc}/decisions", data=form, follow_redirects=False)
    after = client.get(f"/documents/{doc}").text
    assert after != before and "核对无误" in after and "核对无误" not in before
    decided = client.get(f"/api/documents/{doc}/findings").json()
    assert next(f for f in decided if f["fingerprint"] == fingerprint)["decision"]["reason"] == (
        "核对无误"
    )


def test_a_decision_by_another_process_shows_at_once(tmp_path, client):
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes())
    import_file(tmp_path, path)
    page = client.get("/documents/1").text
    fingerprint = an_error(client, 1)
    engine = open_engine(url(tmp_path))  # `yusuan review ignore` writes the store directly
    decide(engine, fingerprint, Verdict.parse("忽略"), "另一进程的理由", "王五")
    engine.dispose()
    again = client.get("/documents/1").text
    assert "另一进程的理由" in again and "另一进程的理由" not in page
    assert unsigned(again) == fresh(tmp_path, "/documents/1")


def test_a_reimport_of_a_changed_file_shows_at_once(tmp_path, client):
    path = tmp_path / "seed.txt"
    text = SEED.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    import_file(tmp_path, path)
    page, cells = client.get("/documents/1").text, client.get("/api/documents/1/cells").json()
    # the same file changed where it lies: the same record (id 1), its rows replaced
    changed = text.replace("概况", "概况（修订）", 1)
    printed = (format(Decimal(c["value"]), ",f") for c in cells if Decimal(c["value"]) > 1000)
    figure = next(p for p in printed if p in text)  # as the tables print it, each place
    more = format(Decimal(figure.replace(",", "")) + Decimal("0.01"), ",f")
    path.write_text(changed.replace(figure, more), encoding="utf-8")
    import_file(tmp_path, path)
    assert [d["id"] for d in client.get("/api/documents").json()] == [1]
    assert client.get("/documents/1").text != page
    assert unsigned(client.get("/documents/1").text) == fresh(tmp_path, "/documents/1")
    assert client.get("/api/documents/1/cells").json() != cells
    assert client.get("/api/documents/1/cells").text == fresh(tmp_path, "/api/documents/1/cells")


def test_an_unchanged_answer_is_a_304_to_its_etag(client):
    doc = client.post("/api/documents", files={"file": ("seed.txt", SEED.read_bytes())}).json()[
        "id"
    ]
    for path in (f"/documents/{doc}", f"/api/documents/{doc}/findings"):
        first = client.get(path)
        tag = first.headers["etag"]
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
        unchanged = client.get(path, headers={"If-None-Match": tag})
        assert unchanged.status_code == 304 and unchanged.content == b""
        assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
    fingerprint = an_error(client, doc)
    tag = client.get(f"/api/documents/{doc}/findings").headers["etag"]
    form = {"fingerprint": fingerprint, "verdict": "忽略", "reason": "口径不同"}
    form["csrf"] = csrf_of(client, f"/documents/{doc}")
    client.post(f"/documents/{doc}/decisions", data=form, follow_redirects=False)
    changed = client.get(f"/api/documents/{doc}/findings", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag
    assert client.get("/documents/999").status_code == 404
    assert client.get("/api/documents/999/cells").status_code == 404


def test_every_answer_carries_the_security_headers_and_405_its_methods(client):
    for path in ("/static/portal.css", "/", "/api/documents", "/documents/999"):
        answer = client.get(path)
        assert "script-src 'self'" in answer.headers["content-security-policy"], path
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"
    refused = client.delete("/api/documents")
    assert refused.status_code == 405 and refused.headers["allow"] == "GET, POST"
    assert len(refused.headers.get_list("content-security-policy")) == 1


def test_answers_kept_within_their_bytes_least_recently_used_dropped():
    answers = Answers(kept=10)
    made: list[int] = []

    def make(n: int) -> Callable[[], tuple[bytes, str]]:
        def body() -> tuple[bytes, str]:
            made.append(n)
            return b"x" * 4, "text/plain"

        return body

    for n in (1, 2):
        answers.get("page", n, "v1", make(n))
    answers.get("page", 1, "v1", make(1))  # kept: not made again, now the most recent
    answers.get("page", 3, "v1", make(3))  # 12 bytes: 2, the least recently used, dropped
    assert made == [1, 2, 3] and len(answers) == 2 and answers.size == 8
    answers.get("page", 2, "v1", make(2))
    answers.get("page", 3, "v2", make(3))  # another version: made again, the old one replaced
    assert made == [1, 2, 3, 2, 3] and answers.size <= 10
    answers.get("cells", 9, "v1", lambda: (b"y" * 50, "application/json"))
    assert len(answers) == 1 and answers.size == 50  # the newest kept even when over


def test_the_same_bytes_sent_under_another_name_show_it(client):
    doc = client.post("/api/documents", files={"file": ("甲单位.txt", SEED.read_bytes())}).json()
    assert "甲单位.txt" in client.get(f"/documents/{doc['id']}").text
    again = client.post("/api/documents", files={"file": ("乙单位.txt", SEED.read_bytes())}).json()
    assert again["id"] == doc["id"]
    page = client.get(f"/documents/{doc['id']}").text
    assert page == client.get(f"/documents/{doc['id']}").text
    assert "乙单位.txt" in page and unsigned(page) == unsigned(fresh_page(client, doc["id"]))


def fresh_page(client: TestClient, doc: int) -> str:
    """The page a portal that has kept nothing renders, on the same store and uploads."""
    app = client.app
    with TestClient(create_app(app.state.portal.config)) as other:  # type: ignore[attr-defined]
        return other.get(f"/documents/{doc}").text


def test_the_list_is_kept_per_store_version_and_never_stale(tmp_path, client, monkeypatch):
    """The list page and GET /api/documents: made once while the store is unchanged (304 to
    their ETag), made again after a decision, an import, and a check across documents that
    changed another document's counts — all by another process, straight into the store."""
    from yusuan.web import api, pages

    made: list[str] = []
    for module in (api, pages):
        real = module.list_documents

        def counted(*args, _real=real, _name=module.__name__, **kw):  # type: ignore[no-untyped-def]
            made.append(_name)
            return _real(*args, **kw)

        monkeypatch.setattr(module, "list_documents", counted)

    later = tmp_path / "2023.txt"
    later.write_bytes(SEED.read_bytes())
    import_file(tmp_path, later)
    first, listed = client.get("/"), client.get("/api/documents")
    assert client.get("/").text == first.text and client.get("/api/documents").json() == (
        listed.json()
    )
    assert len(made) == 2  # each made once, then kept
    for path, answer in (("/", first), ("/api/documents", listed)):
        again = client.get(path, headers={"If-None-Match": answer.headers["etag"]})
        assert again.status_code == 304
    assert listed.json()[0]["decided"] == 0

    engine = open_engine(url(tmp_path))  # `yusuan review confirm`, another process
    decide(engine, an_error(client, 1), Verdict.parse("确认"), "属实", "王五")
    engine.dispose()
    assert client.get("/api/documents").json()[0]["decided"] == 1
    page = client.get("/")
    assert page.text != first.text and page.headers["etag"] != first.headers["etag"]
    assert '<td class="n">1</td>' in page.text.split('id="documents"', 1)[1]

    # last year's 预算 imported: 2023's is checked against it again, its findings and counts
    # change — the list shows both documents and the new counts
    before = client.get("/api/documents").json()[0]
    earlier = tmp_path / "2022.txt"
    earlier.write_text(
        SEED.read_text(encoding="utf-8").replace("2023", "2022").replace("47.50", "30.00"),
        encoding="utf-8",
    )
    import_file(tmp_path, earlier)
    now = client.get("/api/documents").json()
    assert len(now) == 2
    assert now == fresh_list(tmp_path)
    rechecked = next(d for d in now if d["id"] == before["id"])
    assert (rechecked["errors"], rechecked["warnings"]) != (before["errors"], before["warnings"])
    assert "2022" in client.get("/").text


def fresh_list(tmp_path: Path) -> list[dict[str, object]]:
    with TestClient(create_app(Config(db_url=url(tmp_path)))) as other:
        return list(other.get("/api/documents").json())


def test_an_answer_asked_for_at_once_is_made_once():
    import threading
    import time

    answers = Answers()
    made: list[int] = []

    def make() -> tuple[bytes, str]:
        made.append(1)
        time.sleep(0.05)  # long enough for every other request to arrive meanwhile
        return b"page", "text/html"

    threads = [threading.Thread(target=answers.get, args=("page", 1, "v1", make)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert made == [1]
    assert answers.peek("page", 1, "v1") is not None and answers.peek("page", 1, "v2") is None
