"""The portal in headless Chromium (Debian's /usr/bin/chromium driven by playwright, never a
browser of its own): upload the seed through the form, see its findings on its page, decide
one and see it marked; nothing is fetched from elsewhere; a screenshot is checked."""

from __future__ import annotations

import io
import os
from pathlib import Path

import httpx
import pytest
from PIL import Image, ImageStat

from yusuan.web import Config

from conftest import SEED
from portal_server import running_portal

pytestmark = pytest.mark.browser


def test_upload_the_seed_see_its_findings_and_decide_one(tmp_path, browser):
    with running_portal(Config(db_url=f"sqlite:///{tmp_path}/data/yusuan.db")) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{url}/upload")
        page.set_input_files("input[name=files]", str(SEED))
        page.click("form.upload button[type=submit]")
        page.wait_for_url(f"{url}/documents/*")
        document = page.url
        assert "三门峡市城乡一体化示范区办公室" in page.inner_text("h1")
        findings = page.locator("section.finding")
        assert findings.count() > 10
        assert page.locator("section.finding.error").count() > 0
        # a text input has no page to crop: each finding quotes its source line
        assert page.locator("section.finding blockquote").count() > 0
        assert page.locator("table.printed").count() > 5

        first = page.locator("section.finding.error").first
        fingerprint = (first.get_attribute("id") or "")[2:]
        first.locator("input[name=reason]").fill("已电话核实，属口径差异")
        first.locator("input[name=who]").fill("李四")
        first.locator("button[value=忽略]").click()
        page.wait_for_load_state("load")
        marked = page.locator(f"#f-{fingerprint}")
        assert "decided" in (marked.get_attribute("class") or "")
        assert "已忽略（已电话核实，属口径差异）（李四）" in marked.inner_text()

        page.goto(f"{url}/?q=三门峡")
        row = page.locator("#documents tbody tr").first
        assert "三门峡" in row.inner_text() and row.locator("td").nth(6).inner_text() == "1"

        page.goto(f"{document}#f-{fingerprint}")  # the decided finding in view
        shot = page.screenshot(full_page=False)
        (tmp_path / "portal.png").write_bytes(shot)
        if os.environ.get("YUSUAN_KEEP_SCREENSHOT"):  # to look at it by hand
            Path(os.environ["YUSUAN_KEEP_SCREENSHOT"]).write_bytes(shot)
        page.close()
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    assert image.size == (1280, 1000)
    stat = ImageStat.Stat(image)
    assert max(stat.stddev) > 20  # not a blank page: text, the red of errors, the header
    colours = image.getcolors(1 << 20) or []
    assert len(colours) > 50
    # the stylesheet was served and applied: the decided finding in view has its green
    # ground, and an error its red left border
    seen = {rgb for _, rgb in colours}
    assert (0xF3, 0xFA, 0xF3) in seen and (0xCC, 0x00, 0x00) in seen
    assert all(r.startswith(url) for r in requests), "the portal fetched from elsewhere"


def test_open_the_charts_and_compare_two_years(tmp_path, browser):
    from test_portal_explore import seed_of

    with running_portal(Config(db_url=f"sqlite:///{tmp_path}/data/yusuan.db")) as url:
        ids = []
        for name, data in (("2023.txt", SEED.read_bytes()), ("2022.txt", seed_of(2022, "37.50"))):
            answer = httpx.post(f"{url}/api/documents", files={"file": (name, data)}, timeout=120)
            assert answer.status_code == 201
            ids.append(answer.json()["id"])
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{url}/documents/{ids[0]}")
        page.click("text=图表与对比")
        page.wait_for_selector("#chart-functions[data-drawn=yes]")
        page.wait_for_selector("#chart-sangong[data-drawn=yes]")
        page.wait_for_selector("#chart-income[data-drawn=yes]")
        page.wait_for_selector("#chart-operating[data-drawn=yes]")
        assert page.get_attribute("body", "data-charts") == "6"
        # both years state their 机关运行经费 (the narrative): no year is left out
        assert "（图中不画，不作 0）" not in page.inner_text("#operating-notes")
        assert page.locator("#chart-functions canvas").count() == 1
        chart = Image.open(io.BytesIO(page.locator("#chart-functions").screenshot()))
        assert max(ImageStat.Stat(chart.convert("RGB")).stddev) > 20  # drawn, not blank
        if os.environ.get("YUSUAN_KEEP_SCREENSHOT"):
            Path(os.environ["YUSUAN_KEEP_SCREENSHOT"] + ".explore.png").write_bytes(
                page.screenshot(full_page=True)
            )

        page.click("form.filters button[type=submit]")  # compare with the other year
        page.wait_for_selector("#chart-compare[data-drawn=yes]")
        text = page.inner_text("#comparison")
        assert "三公：公务用车购置及运行费" in text and "10.00" in text
        page.close()
    assert errors == []
    assert all(r.startswith(url) for r in requests), "the portal fetched from elsewhere"


def test_a_cross_site_form_post_is_refused(tmp_path, browser):
    """Another site (localhost, the portal being 127.0.0.1) posts a 确认 form at the portal
    the reviewer has open: refused with the page in Chinese, nothing decided; the same form
    from the portal's own page goes through."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from yusuan.store import open_engine
    from yusuan.store.queries import decisions
    from yusuan.web.csrf import REFUSED

    db = f"sqlite:///{tmp_path}/data/yusuan.db"
    with running_portal(Config(db_url=db)) as url:
        made = httpx.post(f"{url}/api/documents", files={"file": ("s.txt", SEED.read_bytes())})
        doc = made.json()["id"]
        found = httpx.get(f"{url}/api/documents/{doc}/findings").json()
        fingerprint = next(f["fingerprint"] for f in found if f["severity"] == "error")
        hostile = (
            f'<!DOCTYPE html><form id="f" method="post" action="{url}/documents/{doc}/decisions">'
            f'<input name="fingerprint" value="{fingerprint}"><input name="verdict" value="忽略">'
            '<input name="reason" value="伪造"><input name="csrf" value="guess.0000">'
            '<button type="submit">go</button></form>'
        ).encode()

        class Hostile(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(hostile)

            def log_message(self, *_: object) -> None:
                pass

        other = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
        threading.Thread(target=other.serve_forever, daemon=True).start()
        try:
            page = browser.new_page()
            page.goto(f"{url}/documents/{doc}")  # the reviewer has the portal open: its cookie
            page.goto(f"http://localhost:{other.server_address[1]}/")
            with page.expect_navigation():
                page.click("#f button")
            assert REFUSED in page.inner_text("#error-detail")
            assert page.inner_text("h1") == "拒绝请求"
            engine = open_engine(db)
            assert fingerprint not in decisions(engine)
            # from the portal's own page the same decision is taken
            page.goto(f"{url}/documents/{doc}")
            form = page.locator(f"#f-{fingerprint} form.decide")
            form.locator("input[name=reason]").fill("核实无误")
            form.locator("button[value=确认]").click()
            page.wait_for_url(f"{url}/documents/{doc}*")
            assert "已确认（核实无误）" in page.inner_text(f"#f-{fingerprint}")
            assert decisions(engine)[fingerprint].reason == "核实无误"
            engine.dispose()
            page.close()
        finally:
            other.shutdown()
