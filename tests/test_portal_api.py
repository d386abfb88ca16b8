"""The portal's JSON API against its contract (issue #12), on a temporary SQLite store: the
upload's answer in the audit's JSON shapes, the list, findings and cells; and hostile input —
script-bearing names and text, oversized, malformed and concurrent uploads, a wrong token."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.read import read_path
from yusuan.store import open_engine
from yusuan.store.queries import counts, decisions
from yusuan.web import Config, create_app

from conftest import FIXTURES, SEED
from portal_server import running_portal

PDF = FIXTURES / "corpus" / "hz-qxj-2026-ys.pdf"


def config(tmp_path: Path, **more: object) -> Config:
    return Config(db_url=f"sqlite:///{tmp_path}/data/yusuan.db", **more)  # type: ignore[arg-type]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(config(tmp_path, max_bytes=1 << 20))) as c:
        yield c


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(client: TestClient, path: str = "/upload") -> str:
    """The CSRF token the page's forms carry (its cookie now held by the client)."""
    found = CSRF.search(client.get(path).text)
    assert found is not None, path
    return found.group(1)


def upload(client: TestClient, data: bytes, name: str = "seed.txt", **kw: object) -> httpx.Response:
    return client.post("/api/documents", files={"file": (name, data)}, **kw)  # type: ignore[arg-type]


def test_healthz_and_openapi(client):
    assert client.get("/healthz").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/healthz", "/api/documents", "/api/documents/{document_id}/findings"} <= set(
        spec["paths"]
    )
    body = spec["paths"]["/api/documents"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in body


def test_upload_answers_in_the_audit_shapes(client):
    report = audit(read_path(SEED))
    answer = upload(client, SEED.read_bytes())
    assert answer.status_code == 201
    data = answer.json()
    assert set(data) >= {"id", "document", "summary"}
    assert data["document"]["department"] == report.doc.meta.department
    assert data["document"]["year"] == report.doc.meta.year
    assert data["document"]["path"] == "seed.txt"  # the name sent, never where it is kept
    assert data["summary"]["error"] == report.count(Severity.ERROR)
    assert data["summary"]["warning"] == report.count(Severity.WARNING)

    listed = client.get("/api/documents").json()
    assert [d["id"] for d in listed] == [data["id"]]
    assert listed[0]["status"] == "有错误" and listed[0]["decided"] == 0

    findings = client.get(f"/api/documents/{data['id']}/findings").json()
    assert len(findings) == len(report.findings)
    assert {f["rule"] for f in findings} == {f.rule for f in report.findings}
    assert all(len(f["fingerprint"]) == 16 for f in findings)

    cells = client.get(f"/api/documents/{data['id']}/cells").json()
    expected = sum(len(row.cells) for t in report.doc.tables for row in t.rows)
    assert len(cells) == expected
    first = report.doc.tables[0]
    assert cells[0]["table_id"] == first.id
    assert Decimal(cells[0]["value"]) == first.rows[0].cells[0].value  # exact, as text


def test_same_file_twice_keeps_one_record(client):
    one = upload(client, SEED.read_bytes(), "a.txt").json()
    two = upload(client, SEED.read_bytes(), "b.txt").json()
    assert one["id"] == two["id"] and two["outcome"] == "未变"
    assert len(client.get("/api/documents").json()) == 1


def test_filters_of_the_list(client):
    upload(client, SEED.read_bytes())
    assert len(client.get("/api/documents", params={"year": 2023, "kind": "预算"}).json()) == 1
    assert client.get("/api/documents", params={"year": 2019}).json() == []
    assert client.get("/api/documents", params={"department": "三门峡"}).json()
    assert client.get("/api/documents", params={"department": "福州"}).json() == []
    assert client.get("/api/documents", params={"kind": "什么"}).status_code == 422


@pytest.mark.parametrize(
    "data",
    [b"", b"hello, world\n", b"%PDF-1.7\n garbage", bytes(range(256)) * 40, b"PK\x03\x04broken"],
    ids=["empty", "text", "bad-pdf", "binary", "bad-zip"],
)
def test_not_a_disclosure_is_422_in_one_chinese_line(tmp_path, client, data):
    answer = upload(client, data, "x.pdf")
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail and "公开文件" in detail
    assert "Traceback" not in answer.text
    assert client.get("/api/documents").json() == []
    assert not any((tmp_path / "data").glob("uploads/*"))  # nothing kept of it


def test_oversized_by_length_is_413_and_nothing_kept(tmp_path, client):
    answer = upload(client, b"x" * ((1 << 20) + 10), "big.txt")
    assert answer.status_code == 413
    assert "上限" in answer.json()["detail"]
    assert client.get("/api/documents").json() == []
    assert not any((tmp_path / "data").glob("uploads/*"))


def test_oversized_chunked_is_cut_off_while_it_arrives(client):
    boundary = "yusuanboundary"

    def body() -> Iterator[bytes]:  # no Content-Length: the server must count as it reads
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        for _ in range(400):  # 4 MB, four times the limit
            yield b"x" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = client.post(
        "/api/documents",
        content=body(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status_code == 413
    assert client.get("/api/documents").json() == []


def test_unknown_document_is_404(client):
    for path in ("/api/documents/7", "/api/documents/7/findings", "/api/documents/7/cells"):
        answer = client.get(path)
        assert answer.status_code == 404 and "7" in answer.json()["detail"]
    assert client.get("/api/documents/99999999999999999999/cells").status_code == 422
    assert client.get("/documents/7").status_code == 404


def test_a_token_guards_writing(tmp_path):
    with TestClient(create_app(config(tmp_path, token="s3cret"))) as client:
        assert upload(client, SEED.read_bytes()).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert upload(client, SEED.read_bytes(), headers=wrong).status_code == 401
        right = {"Authorization": "Bearer s3cret"}
        made = upload(client, SEED.read_bytes(), headers=right)
        assert made.status_code == 201
        assert client.get("/api/documents").status_code == 200  # reading needs none
        doc = made.json()["id"]
        fingerprint = client.get(f"/api/documents/{doc}/findings").json()[0]["fingerprint"]
        form = {"fingerprint": fingerprint, "verdict": "确认", "reason": "核实"}
        form["csrf"] = csrf_of(client, f"/documents/{doc}")
        assert client.post(f"/documents/{doc}/decisions", data=form).status_code == 401
        form["token"] = "s3cret"
        done = client.post(f"/documents/{doc}/decisions", data=form, follow_redirects=False)
        assert done.status_code == 303
        # the token in the header: no browser sends that from another site, no CSRF field
        del form["csrf"], form["token"]
        client.cookies.clear()
        done = client.post(
            f"/documents/{doc}/decisions", data=form, headers=right, follow_redirects=False
        )
        assert done.status_code == 303
        assert client.post(f"/documents/{doc}/decisions", data=form).status_code == 403


def test_script_bearing_names_and_text_are_escaped(client):
    hostile = "<script>alert(1)</script>"
    text = SEED.read_text(encoding="utf-8").replace(
        "三门峡市城乡一体化示范区办公室", f"三门峡市{hostile}办公室", 1
    )
    made = upload(client, text.encode("utf-8"), f'{hostile}"><img src=x onerror=alert(2)>.txt')
    assert made.status_code == 201
    page = client.get(f"/documents/{made.json()['id']}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text  # shown, as text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "<script>alert" not in client.get("/").text


def test_a_decision_from_the_page_is_the_stores(tmp_path, client):
    doc = upload(client, SEED.read_bytes()).json()["id"]
    found = client.get(f"/api/documents/{doc}/findings").json()
    fingerprint = next(f["fingerprint"] for f in found if f["severity"] == "error")
    form = {"fingerprint": fingerprint, "verdict": "忽略", "reason": "口径不同", "who": "张三"}
    form["csrf"] = csrf_of(client, f"/documents/{doc}")
    done = client.post(f"/documents/{doc}/decisions", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].endswith(f"#f-{fingerprint}")
    engine = open_engine(f"sqlite:///{tmp_path}/data/yusuan.db")
    kept = decisions(engine)[fingerprint]
    engine.dispose()
    assert (kept.verdict.value, kept.reason, kept.who) == ("忽略", "口径不同", "张三")
    first = next(
        f
        for f in client.get(f"/api/documents/{doc}/findings").json()
        if f["fingerprint"] == fingerprint
    )
    assert first["decision"]["verdict"] == "忽略"
    assert client.get("/api/documents").json()[0]["decided"] == 1
    assert "已忽略（口径不同）" in client.get(f"/documents/{doc}").text
    empty = client.post(f"/documents/{doc}/decisions", data={**form, "reason": " "})
    assert empty.status_code == 422
    other = client.post(f"/documents/{doc}/decisions", data={**form, "fingerprint": "0" * 16})
    assert other.status_code == 404


def test_pdf_findings_beside_their_page_crop_else_the_quoted_line(tmp_path, client):
    made = upload(client, PDF.read_bytes(), PDF.name)
    assert made.status_code == 201
    doc = made.json()["id"]
    page = client.get(f"/documents/{doc}").text
    assert 'class="crop"' in page and "data:image/png;base64," in page
    for kept in (tmp_path / "data" / "uploads").iterdir():
        kept.unlink()  # the file is gone: the stored model still quotes each line
    with TestClient(create_app(config(tmp_path))) as fresh:
        again = fresh.get(f"/documents/{doc}").text
    assert 'class="crop"' not in again and "<blockquote>" in again


def test_concurrent_uploads_of_one_file_keep_one_record(tmp_path):
    data = SEED.read_bytes()
    answers: list[httpx.Response] = []
    with running_portal(config(tmp_path)) as url:
        start = threading.Barrier(4)

        def send() -> None:
            start.wait()
            answers.append(
                httpx.post(f"{url}/api/documents", files={"file": ("s.txt", data)}, timeout=120)
            )

        threads = [threading.Thread(target=send) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [a.status_code for a in answers] == [201] * 4
        assert len({a.json()["id"] for a in answers}) == 1
        assert len(httpx.get(f"{url}/api/documents").json()) == 1
    engine = open_engine(f"sqlite:///{tmp_path}/data/yusuan.db")
    assert counts(engine)[0] == 1
    engine.dispose()


def test_serve_on_an_unusable_store_says_so_in_one_line(tmp_path):
    from click.testing import CliRunner

    from yusuan.cli import cli

    foreign = tmp_path / "other.db"
    import sqlite3

    with sqlite3.connect(foreign) as db:  # some other application's database
        db.execute("create table accounts (id integer)")
    result = CliRunner().invoke(cli, ["serve", "--db", f"sqlite:///{foreign}"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("yusuan: ")
    assert "Traceback" not in result.output


def test_the_portal_on_either_store(store_url, tmp_path):
    """The same answers on SQLite and on a real PostgreSQL server (uploads kept apart)."""
    portal = Config(db_url=store_url, uploads=tmp_path / "uploads")
    with TestClient(create_app(portal)) as client:
        made = upload(client, SEED.read_bytes())
        assert made.status_code == 201
        doc = made.json()["id"]
        assert upload(client, SEED.read_bytes()).json()["id"] == doc
        assert [d["id"] for d in client.get("/api/documents").json()] == [doc]
        cells = client.get(f"/api/documents/{doc}/cells").json()
        assert Decimal(cells[0]["value"]) == Decimal("1634.35")  # exact on both
        found = client.get(f"/api/documents/{doc}/findings").json()
        first = next(f for f in found if f["severity"] == "error")["fingerprint"]
        form = {"fingerprint": first, "verdict": "确认", "reason": "属实"}
        form["csrf"] = csrf_of(client, f"/documents/{doc}")
        assert client.post(f"/documents/{doc}/decisions", data=form).status_code == 200
        assert client.get("/api/documents").json()[0]["decided"] == 1
        assert "已确认（属实）" in client.get(f"/documents/{doc}").text


def test_the_store_keeps_one_record_when_processes_race(store_url, tmp_path):
    """Without the portal's lock (as several server processes would): each importer has its
    own engine, all store the same bytes at once, one record stays and every one gets its id."""
    import hashlib

    from yusuan.audit.config import Settings
    from yusuan.store.across import Rules
    from yusuan.web.uploads import Importer

    data = SEED.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    kept = tmp_path / digest
    kept.write_bytes(data)
    open_engine(store_url).dispose()  # the schema made once, before the race
    ids: list[object] = []
    start = threading.Barrier(4)

    def run() -> None:
        engine = open_engine(store_url)
        start.wait()
        try:
            ids.append(Importer(engine, Rules((), (), None), Settings()).run(kept, digest).id)
        except Exception as exc:  # reported below: the test shows what failed, not a hang
            ids.append(repr(exc))
        finally:
            engine.dispose()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(ids)) == 1 and isinstance(ids[0], int), ids
    engine = open_engine(store_url)
    assert counts(engine)[0] == 1
    engine.dispose()


def test_serve_with_two_workers(tmp_path):
    """`yusuan serve --workers 2`: the processes share the store and the token."""
    import signal
    import subprocess
    import sys
    import time

    from portal_server import free_port

    port = free_port()
    command = [Path(sys.executable).with_name("yusuan"), "serve", "--port", str(port)]
    command += ["--db", f"sqlite:///{tmp_path}/d/yusuan.db", "--workers", "2", "--token", "t"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        files = {"file": ("s.txt", SEED.read_bytes())}
        assert httpx.post(f"{url}/api/documents", files=files, timeout=120).status_code == 401
        made = httpx.post(
            f"{url}/api/documents", files=files, headers={"Authorization": "Bearer t"}, timeout=120
        )
        assert made.status_code == 201
        for _ in range(4):  # whichever process answers, the same store
            assert [d["id"] for d in httpx.get(f"{url}/api/documents").json()] == [
                made.json()["id"]
            ]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        _, err = server.communicate(timeout=20)
    assert b"Traceback" not in err


def test_the_upload_form_takes_several_files(client):
    files = [
        ("files", ("甲.txt", SEED.read_bytes())),
        ("files", ("<b>乙</b>.pdf", b"%PDF-1.7 broken")),
    ]
    form = {"csrf": csrf_of(client)}
    page = client.post("/upload", files=files, data=form)
    assert page.status_code == 200
    rows = page.text.split('<table class="grid" id="results">', 1)[1]
    assert "甲.txt" in rows and "已导入" in rows and "三门峡市城乡一体化示范区办公室" in rows
    assert "&lt;b&gt;乙&lt;/b&gt;.pdf" in rows and "不是可读的预算/决算公开文件" in rows
    assert len(client.get("/api/documents").json()) == 1
    one = client.post("/upload", files=[files[0]], data=form, follow_redirects=False)
    assert one.status_code == 303 and one.headers["location"].startswith("/documents/")


def test_tables_as_printed_with_their_panels_side_by_side(client):
    doc = upload(client, SEED.read_bytes()).json()["id"]
    page = client.get(f"/documents/{doc}").text
    summary = page.split("2023年部门收支总体情况表", 1)[1].split("<h3>", 1)[0]
    assert summary.count('<table class="grid printed">') == 2  # 收入 | 支出
    income, spending = summary.split('<table class="grid printed">')[1:]
    assert "<th>收入</th>" in income and "<td>一般公共预算</td>" in income
    assert "<th>支出</th>" in spending and "<td>一般公共服务</td>" in spending
    assert '<td class="n">1,634.35</td>' in income  # the figure as printed, exactly
    three = page.split("“三公”经费支出情况表", 1)[1].split("<h3>", 1)[0]
    assert three.count('<table class="grid printed">') == 1 and "因公出国（境）费" in three
