"""`yusuan audit --annotate`: never over its input, a missing folder created, the note printed
in the page margin (page content, so it shows in any viewer and on paper), one copy per
PDF for several documents."""

from __future__ import annotations

import hashlib
import json
import shutil
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
from click.testing import CliRunner

from yusuan.cli import cli

from conftest import FIXTURES

CORPUS = FIXTURES / "corpus"
FULL = CORPUS / "hz-qxj-2026-ys.pdf"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _page_text(path: Path, page: int) -> str:
    pdf = pdfium.PdfDocument(path)
    try:
        return pdf[page - 1].get_textpage().get_text_range()
    finally:
        pdf.close()


def test_annotate_refuses_to_overwrite_its_input(tmp_path):
    pdf = tmp_path / "预算.pdf"
    shutil.copy(FULL, pdf)
    before = _digest(pdf)
    code, out, err = run("audit", "--annotate", str(pdf), str(pdf))
    assert code == 2 and not out  # refused before anything is read
    assert (
        err.strip()
        == f"yusuan: {pdf}: --annotate would overwrite its input {pdf}: give another file or folder"
    )
    # the same file by another path: a link, or the folder it is in
    link = tmp_path / "link.pdf"
    link.symlink_to(pdf)
    code, _, err = run("audit", "--annotate", str(link), str(pdf))
    assert code == 2 and "would overwrite its input" in err
    code, _, err = run("audit", "--annotate", str(tmp_path), str(pdf))
    assert code == 2 and "would overwrite its input" in err
    assert _digest(pdf) == before


def test_annotate_creates_a_missing_folder_and_prints_the_note_in_the_margin(tmp_path):
    out = tmp_path / "新建" / "更深" / "marked.pdf"
    code, js, err = run("audit", "--format", "json", "--annotate", str(out), str(FULL))
    assert code == 1, err
    assert err.strip() == f"yusuan: {out}：已标注 2 处问题"
    findings = [f for f in json.loads(js)["findings"] if f["severity"] != "info"]
    original = pdfium.PdfDocument(FULL)
    marked = pdfium.PdfDocument(out)
    try:
        for finding in findings:
            page = finding["location"]["page"]
            width, height = original[page - 1].get_size()
            # in a margin added to the page's right, outside what was printed before
            assert marked[page - 1].get_width() > width + 100
            margin = (
                marked[page - 1].get_textpage().get_text_bounded(width, 0, width + 1000, height)
            )
            margin = "".join(margin.split())
            # the rule, its severity and the start of its message are text there
            assert f"[错误]{finding['rule']}" in margin
            assert "".join(finding["message"].split())[:12] in margin
        untouched = next(
            i
            for i in range(len(original))
            if i + 1 not in {f["location"]["page"] for f in findings}
        )
        assert marked[untouched].get_width() == original[untouched].get_width()
    finally:
        original.close()
        marked.close()


def test_annotate_in_english(tmp_path):
    out = tmp_path / "marked.pdf"
    code, _, err = run("audit", "--lang", "en", "-q", "--annotate", str(out), str(FULL))
    assert code == 1 and err.strip() == f"yusuan: {out}: 2 findings marked"
    pdf = pdfium.PdfDocument(out)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    assert "[error] narrative.share" in text and "stated " in text


def test_several_documents_get_one_copy_each_in_a_folder(tmp_path):
    region = tmp_path / "region"
    (region / "人大").mkdir(parents=True)
    shutil.copy(CORPUS / "js-rd-2019-ys-text.pdf", region / "人大" / "说明.pdf")
    shutil.copy(CORPUS / "js-rd-2019-ys-tables.pdf", region / "人大" / "表格.pdf")
    shutil.copy(FULL, region / "预算.pdf")
    (region / "notes.txt").write_text("不是公开", "utf-8")
    marked = tmp_path / "marked"
    code, _, err = run("audit", "-q", "--include", "*.pdf", "--annotate", str(marked), str(region))
    assert code == 1, err
    assert sorted(p.name for p in marked.iterdir()) == ["表格.pdf", "说明.pdf", "预算.pdf"]
    # the paired disclosure's findings, each in the copy of its own file
    assert "text.placeholder" in "".join(_page_text(marked / "说明.pdf", 9).split())
    lines = [ln for ln in err.splitlines() if "已标注" in ln]
    assert len(lines) == 3
    # OUT a file where a folder is needed: refused before the run
    code, _, err = run("audit", "--annotate", str(FULL), str(region))
    assert code == 2 and "OUT must be a folder" in err


def test_a_rotated_page_gets_its_margin_on_the_right_as_shown():
    from reportlab.pdfgen import canvas

    from yusuan.render.margin import MARGIN, MarginNote, write_margin_notes

    for rotation in (0, 90, 180, 270):
        buffer = BytesIO()
        drawn = canvas.Canvas(buffer, pagesize=(400, 600))
        drawn.drawString(100, 300, "123.45")
        drawn.showPage()
        drawn.save()
        pdf = pdfium.PdfDocument(buffer.getvalue())
        page = pdf[0]
        page.set_rotation(rotation)
        shown = (400, 600) if rotation in (0, 180) else (600, 400)
        note = MarginNote(
            "1", "[错误] 所列 123.45，应为 123.46", (220, 30, 30), (100, 298, 140, 310)
        )
        keep, _ = write_margin_notes(pdf, page, [note])
        saved = BytesIO()
        pdf.save(saved)
        keep.close()
        pdf.close()
        again = pdfium.PdfDocument(saved.getvalue())
        page = again[0]
        assert page.get_rotation() == rotation
        # as shown: as high as before, wider by the margin
        image = page.render(scale=1).to_pil()
        assert image.size == (round(shown[0] + MARGIN), shown[1])
        text = page.get_textpage()
        assert "所列 123.45，应为 123.46" in text.get_text_range()
        # the note's ink is in the margin, right of the page as it was shown
        rgb = image.convert("RGB")
        inked = [
            x
            for x in range(rgb.width)
            for y in range(0, rgb.height, 2)
            if (pixel := rgb.getpixel((x, y)))[0] - pixel[1] > 40  # the note's red
        ]
        assert max(inked) > shown[0] + 20
        again.close()


def test_many_notes_on_one_page_all_fit_in_its_margin():
    from reportlab.pdfgen import canvas

    from yusuan.render.margin import MARGIN, MarginNote, write_margin_notes

    buffer = BytesIO()
    drawn = canvas.Canvas(buffer, pagesize=(400, 300))
    drawn.showPage()
    drawn.save()
    pdf = pdfium.PdfDocument(buffer.getvalue())
    page = pdf[0]
    # thirty notes, all for boxes near the foot: they must stack upwards, not run off
    notes = [
        MarginNote(
            str(k), f"第{k}条说明：所列数与应为数不符，请核对。", (220, 30, 30), (50, 20, 90, 30)
        )
        for k in range(1, 31)
    ]
    keep, _ = write_margin_notes(pdf, page, notes)
    saved = BytesIO()
    pdf.save(saved)
    keep.close()
    pdf.close()
    again = pdfium.PdfDocument(saved.getvalue())
    text = again[0].get_textpage().get_text_bounded(400, 0, 400 + MARGIN, 300)
    again.close()
    flat = "".join(text.split())
    assert all(f"第{k}条说明" in flat for k in range(1, 31))
