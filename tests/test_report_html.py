"""The HTML report opened in headless Chromium (Debian's /usr/bin/chromium, driven by
playwright): the summary's rows, each finding's crop loaded, nothing fetched, text escaped."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from yusuan.audit import Report, audit
from yusuan.audit.finding import Finding, Location, Severity
from yusuan.read import read_path
from yusuan.render.report import write_report
from yusuan.render.report.crops import crop_box
from yusuan.render.report.html import render_html

from conftest import FIXTURES, SEED

pytestmark = pytest.mark.browser

FUZHOU = FIXTURES / "corpus" / "fz-ybj-2026-ys.pdf"
# Its tables' pages are turned (/Rotate): the crop must still box the figure.
TURNED = FIXTURES / "corpus" / "js-rd-2019-ys-tables.pdf"


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return [audit(read_path(p)) for p in (FUZHOU, TURNED, SEED)]


def boxed(report: Report) -> int:
    """How many of the report's errors and warnings have a box on their PDF page."""
    doc = report.doc
    return sum(
        1
        for f in report.findings
        if f.severity is not Severity.INFO
        and f.location.path in (None, doc.meta.path)
        and doc.box_of(f.location.line) is not None
        and doc.page_of(f.location.line) is not None
    )


def open_page(browser: Any, path: Path) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests


def test_report_page_in_chromium(tmp_path, browser, reports):
    out = tmp_path / "审核报告.html"
    write_report(out, reports)
    page, requests = open_page(browser, out)
    try:
        assert page.title() == "预算公开审核报告"
        header = page.locator("#summary thead th").all_inner_texts()
        assert header[:5] == ["部门", "年度", "类型", "模板", "文件"] and header[-1] == "状态"
        rows = page.locator("#summary tbody tr")
        assert rows.count() == len(reports)
        first = rows.nth(0).locator("td").all_inner_texts()
        assert first[0] == "福州市医疗保障局" and first[1] == "2026" and first[4] == str(FUZHOU)
        assert first[5] == str(reports[0].count(Severity.ERROR)) and first[-1] == "有错误"
        rows.nth(0).locator("a").click()  # the department leads to its findings
        heading = page.locator("h2:target")
        assert heading.inner_text() == "福州市医疗保障局 2026年预算"

        listed = sum(1 for r in reports for f in r.findings if f.severity is not Severity.INFO)
        assert page.locator("section.finding").count() == listed
        crops = page.locator("img.crop")
        assert crops.count() == sum(boxed(r) for r in reports) > 0
        sizes = crops.evaluate_all("imgs => imgs.map(i => [i.complete, i.naturalWidth])")
        assert all(done and width > 0 for done, width in sizes), sizes
        # the seed is a text: its findings quote their line instead
        assert page.locator("section.finding blockquote").count() >= reports[2].count(
            Severity.ERROR
        )
        assert all(url.startswith(("file:", "data:")) for url in requests), requests
        assert sum(1 for url in requests if url.startswith("file:")) == 1  # the page alone
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        assert (tmp_path / "report.png").stat().st_size > 10_000
    finally:
        page.close()


def test_text_from_documents_is_escaped(tmp_path, browser, reports):
    fuzhou = reports[0]
    line = next(f.location.line for f in fuzhou.findings if fuzhou.doc.box_of(f.location.line))
    hostile = Finding(
        "text.placeholder",
        Severity.ERROR,
        '<script>document.title="pwned"</script><img src="http://example.invalid/x.png">',
        Location(table="<b>表</b>", line=line),
        suggestion='"><iframe src="https://example.invalid">',
    )
    report = dataclasses.replace(fuzhou, findings=(hostile,))
    html = render_html([report])
    assert "<script>" not in html and "<iframe" not in html
    out = tmp_path / "x.html"
    out.write_text(html, "utf-8")
    page, requests = open_page(browser, out)
    try:
        assert page.title() == "预算公开审核报告"
        assert page.locator("script, iframe, section.finding .text img").count() == 0
        assert "<script>" in page.locator("section.finding p").first.inner_text()
        assert page.locator("img.crop").count() == 1  # its line is boxed on the page
        assert all(url.startswith(("file:", "data:")) for url in requests), requests
    finally:
        page.close()


def test_crop_keeps_context_and_stays_on_the_page():
    page = (0.0, 0.0, 595.0, 842.0)
    left, bottom, right, top = crop_box((100.0, 400.0, 180.0, 412.0), page)
    assert right - left >= 320 and bottom < 400 and top > 412  # a short line widened
    assert crop_box((0.0, 0.0, 595.0, 10.0), page)[:2] == (0.0, 0.0)  # clamped to the page
    wide = crop_box((0.0, 400.0, 842.0, 412.0), (0.0, 0.0, 842.0, 595.0), (700.0, 401, 760, 411))
    assert wide[2] - wide[0] == pytest.approx(600.0) and wide[0] <= 700 and wide[2] >= 760


def test_a_turned_page_is_cropped_along_its_printed_line(reports):
    import base64
    import io

    from PIL import Image

    from yusuan.render.report.crops import PageCrops, upright

    turned = reports[1]
    warning = next(f for f in turned.findings if f.severity is Severity.WARNING)
    with PageCrops() as crops:
        uri = crops.crop(turned.doc, warning)
    assert uri is not None and uri.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert image.width > 2 * image.height  # a title runs across, as printed, not down
    page = (0.0, 0.0, 595.0, 842.0)  # turned 90°: the long side runs across
    assert upright(page, page, 90) == (0.0, 0.0, 842.0, 595.0)
    assert upright((10.0, 20.0, 30.0, 25.0), page, 90) == (20.0, 565.0, 25.0, 585.0)
    assert upright((10.0, 20.0, 30.0, 25.0), page, 270) == (817.0, 10.0, 822.0, 30.0)
    assert upright((10.0, 20.0, 30.0, 25.0), page, 0) == (10.0, 20.0, 30.0, 25.0)


def test_a_box_off_its_page_quotes_the_line_instead(reports):
    from yusuan.render.report.crops import PageCrops

    fuzhou = reports[0]
    found = next(
        f
        for f in fuzhou.findings
        if f.severity is not Severity.INFO and fuzhou.doc.box_of(f.location.line) is not None
    )
    boxes = list(fuzhou.doc.line_boxes)
    boxes[found.location.line - 1] = (157.5, -1683.5, 494.4, -1659.0)  # as a reader once placed one
    doc = dataclasses.replace(fuzhou.doc, line_boxes=tuple(boxes))
    with PageCrops() as crops:
        assert crops.crop(doc, found) is None
    html = render_html([dataclasses.replace(fuzhou, doc=doc, findings=(found,))])
    assert "<blockquote>" in html and 'class="crop"' not in html
