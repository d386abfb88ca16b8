"""Never a traceback: whatever arrives — text in column order, truncated, shuffled, interleaved
or corrupted; a PDF cut short, with bytes flipped or streams broken — is read and audited, or
refused with one line naming the file (a YusuanError), never anything else.

The mangles are in `mangling.py`; `benchmarks/mangle.py` runs them at scale over the corpus to
find crashes, and each crash it found has a regression test here. The seeds are fixed
(`derandomize`), so a run is the same on every machine.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from mangling import PDF_MANGLES, TEXT_MANGLES, interleave
from yusuan.audit import audit
from yusuan.audit.compare import Verdict, agree
from yusuan.cli import cli
from yusuan.errors import InputError, InternalError, YusuanError
from yusuan.read import read_bytes, read_path
from yusuan.read.text import read_text
from yusuan.render import RENDERERS
from yusuan.render.audit import render_json, render_jsonl, render_text

from conftest import FIXTURES, SEED

# Text as users extract it: the seed (pdfminer boxes), pdftotext -raw and pdfminer column order.
TEXTS = {p.name: p.read_text("utf-8") for p in (SEED, *sorted((FIXTURES / "mangle").glob("*.txt")))}
# Small PDFs the family tests already read: a tables-only file, two whole disclosures.
PDFS = {
    name: (FIXTURES / "corpus" / name).read_bytes()
    for name in (
        "js-rd-2019-ys-tables.pdf",
        "hz-qxj-2026-ys.pdf",
        "sh-putuo-zfb-2025-ys-unit.pdf",
    )
}
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
CORPUS_PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(
    not CORPUS_PDFS, reason=f"skipped: the shared corpus is not at {CORPUS} (not part of a clone)"
)

MANGLED = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def result_or_one_line(data: bytes, name: str) -> None:
    """Read and audit `data`: a report, or a YusuanError on one line that names the file."""
    try:
        report = audit(read_bytes(data, name))
    except YusuanError as exc:
        message = str(exc)
        note(message)
        assert "\n" not in message
        assert message.startswith(f"{name}: ")
        assert not isinstance(exc, InternalError), message  # a crash, caught at the boundary
    else:
        # a rule that crashed is reported as a warning, not hidden; it is a crash all the same
        crashed = [f.message for f in report.findings if f.rule == "internal.rule-error"]
        assert not crashed
        # and what was read prints, every way the commands print it
        assert render_text([report], verbose=True).startswith(f"# {name}")
        for render in (render_json, render_jsonl):
            render([report])
        for render in RENDERERS.values():
            render([report.doc])


def mangle_text(rng: random.Random, text: str, names: list[str]) -> str:
    for name in names:
        text = TEXT_MANGLES[name](rng, text)
    return text


text_mangles = st.lists(st.sampled_from(sorted(TEXT_MANGLES)), min_size=1, max_size=3)


@MANGLED
@given(
    base=st.sampled_from(sorted(TEXTS)),
    names=text_mangles,
    rng=st.randoms(use_true_random=False),
)
def test_mangled_text_is_read_or_refused_in_one_line(base, names, rng):
    text = mangle_text(rng, TEXTS[base], names)
    note(f"{base}: {names}")
    result_or_one_line(text.encode("utf-8"), "mangled.txt")


@settings(MANGLED, max_examples=10)  # two whole documents a case: the slowest input
@given(
    pair=st.lists(st.sampled_from(sorted(TEXTS)), min_size=2, max_size=2),
    rng=st.randoms(use_true_random=False),
)
def test_interleaved_texts_are_read_or_refused(pair, rng):
    text = interleave(rng, TEXTS[pair[0]], TEXTS[pair[1]])
    result_or_one_line(text.encode("gb18030"), "interleaved.txt")


@MANGLED
@given(
    base=st.sampled_from(sorted(TEXTS)),
    names=text_mangles,
    rng=st.randoms(use_true_random=False),
)
def test_read_text_itself_gives_a_result_or_a_yusuan_error(base, names, rng):
    try:
        audit(read_text(mangle_text(rng, TEXTS[base], names), "direct.txt"))
    except YusuanError as exc:
        assert not isinstance(exc, InternalError), str(exc)
        assert "\n" not in str(exc)


@MANGLED
@given(
    base=st.sampled_from(sorted(PDFS)),
    name=st.sampled_from(sorted(PDF_MANGLES)),
    rng=st.randoms(use_true_random=False),
)
def test_mangled_pdf_is_read_or_refused_in_one_line(base, name, rng):
    note(f"{base}: {name}")
    result_or_one_line(PDF_MANGLES[name](rng, PDFS[base]), "mangled.pdf")


@needs_corpus
@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(
    index=st.integers(0, max(len(CORPUS_PDFS) - 1, 0)),
    name=st.sampled_from(sorted(PDF_MANGLES)),
    names=text_mangles,
    rng=st.randoms(use_true_random=False),
)
def test_corpus_mangled(index, name, names, rng):
    """The shared corpus (when beside the checkout): each document's PDF mangled, and its text
    layer (pdfium's, in drawing order) mangled."""
    import pypdfium2 as pdfium

    path = CORPUS_PDFS[index]
    note(f"{path.name}: {name}, text {names}")
    data = path.read_bytes()
    result_or_one_line(PDF_MANGLES[name](rng, data), path.name)
    pdf = pdfium.PdfDocument(data)
    try:
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    result_or_one_line(mangle_text(rng, text, names).encode("utf-8"), path.name + ".txt")


# Regressions: each crash the campaign found, at its smallest.


def test_a_project_row_without_a_name_is_no_index_error():
    """pdfminer text with lines split at random: a 项目支出表 row of figures alone (no name)
    met the check for a unit printed before its project (rows.py read `row.name[0]`)."""
    text = "公开表2\n199\n.48\n公开表11\n目标类\n特定目标类\n"
    doc = read_text(text, "split.txt")
    assert doc.tables
    audit(doc)


def test_a_figure_of_more_digits_than_decimal_precision_is_compared_not_crashed():
    """Corrupted text ran a row's figures together into one of 30 digits: comparing it as
    rounded to another's precision raised decimal.InvalidOperation inside table.row-sum."""
    figure = "7" * 28 + ".73"
    text = TEXTS[SEED.name].replace("合计 793.55 716.73 76.83", f"合计 793.55 {figure} 76.83")
    assert figure in text
    report = audit(read_text(text, "long.txt"))
    assert not [f for f in report.findings if f.rule == "internal.rule-error"]
    assert agree(Decimal("0.01"), Decimal("1" * 27)) is Verdict.DIFFERENT
    assert agree(Decimal("1" * 27 + ".00"), Decimal("1" * 27 + ".004")) is Verdict.SAME


def test_a_pdf_page_that_cannot_be_loaded_is_refused_naming_the_page():
    """Bytes dropped from the middle: the cross-references point past the page objects, and
    pdfium fails on a page after opening the file."""
    data = PDFS["sh-putuo-zfb-2025-ys-unit.pdf"]
    cut = len(data) // 10
    with pytest.raises(InputError, match=r"^cut\.pdf: page \d+ of \d+ cannot be read") as exc:
        read_bytes(data[:cut] + data[cut + 2000 :], "cut.pdf")
    assert "damaged" in str(exc.value)


def test_an_unexpected_error_in_a_reader_is_one_line_naming_file_and_place(monkeypatch):
    """The last line of defence: a bug in a reader becomes an InternalError that says it is
    yusuan's error, names the file, the exception and where it was raised — never hidden."""

    def broken(lines):
        raise IndexError("list index out of range")

    monkeypatch.setattr("yusuan.read.text._candidates", broken)
    with pytest.raises(InternalError) as exc:
        read_text("公开表1\n", "bug.txt")
    message = str(exc.value)
    assert message.startswith("bug.txt: internal error reading it (IndexError: list index")
    assert " at text.py:" in message and "please report" in message  # its last frame in yusuan
    assert "\n" not in message
    with pytest.raises(InternalError):
        read_bytes("公开表1\n".encode(), "bug.txt")


# The command: no traceback, one line per unusable file, exit 0/1/2.


def cli_audit(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["audit", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_cli_refuses_a_truncated_pdf_in_one_line_and_reads_the_rest(tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(PDFS["js-rd-2019-ys-tables.pdf"][:4000])
    code, out, err = cli_audit(str(cut), str(SEED))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"yusuan: {cut}: not a readable PDF")
    assert str(SEED) in out  # the other file is still reported


@pytest.mark.parametrize("mangle", ["shuffle-lines", "truncate", "corrupt-chars"])
def test_cli_audits_mangled_text_without_traceback(tmp_path, mangle):
    path = tmp_path / f"{mangle}.txt"
    path.write_text(TEXT_MANGLES[mangle](random.Random(7), TEXTS[SEED.name]), "utf-8")
    code, out, _err = cli_audit(str(path))
    assert code in (0, 1, 2)
    assert code == 2 or out.rstrip().splitlines()[-1].startswith(("summary", "小结"))


@pytest.mark.parametrize("mangle", ["flip-bytes", "break-stream", "break-xref"])
def test_cli_audits_a_damaged_pdf_without_traceback(tmp_path, mangle):
    path = tmp_path / f"{mangle}.pdf"
    path.write_bytes(PDF_MANGLES[mangle](random.Random(3), PDFS["hz-qxj-2026-ys.pdf"]))
    code, _, err = cli_audit("--format", "json", str(path))
    assert code in (0, 1, 2)
    assert code != 2 or len(err.strip().splitlines()) == 1


def test_cli_reports_an_internal_error_in_one_line(tmp_path, monkeypatch):
    def broken(lines):
        raise KeyError("boom")

    monkeypatch.setattr("yusuan.read.text._candidates", broken)
    path = tmp_path / "a.txt"
    path.write_text("公开表1\n", "utf-8")
    code, _, err = cli_audit(str(path))
    assert code == 2
    assert err.startswith(f"yusuan: {path}: internal error reading it (KeyError")
    assert len(err.strip().splitlines()) == 1


def test_read_path_names_the_file_of_a_mangled_pdf(tmp_path):
    path = tmp_path / "flipped.pdf"
    path.write_bytes(PDF_MANGLES["truncate"](random.Random(1), PDFS["js-rd-2019-ys-tables.pdf"]))
    try:
        audit(read_path(path))
    except YusuanError as exc:
        assert str(exc).startswith(f"{path}: ")


def test_cli_reports_a_crash_outside_the_rules_in_one_line_and_goes_on(monkeypatch, tmp_path):
    """A bug in the audit itself (outside any rule, which the engine reports as a finding):
    one line naming the file, exit 2, the other files still reported."""
    import yusuan.audit

    real = yusuan.audit.audit
    other = tmp_path / "other.txt"
    other.write_bytes(SEED.read_bytes())

    def broken(doc, **kwargs):
        if doc.meta.path == str(SEED):
            raise ZeroDivisionError("boom")
        return real(doc, **kwargs)

    monkeypatch.setattr(yusuan.audit, "audit", broken)
    code, out, err = cli_audit(str(SEED), str(other))
    assert code == 2
    assert err.startswith(f"yusuan: {SEED}: internal error auditing it (ZeroDivisionError: boom")
    assert err.rstrip().endswith("please report it") and len(err.strip().splitlines()) == 1
    assert out.startswith(f"# {other}")


def test_cli_reports_a_crash_while_annotating_in_one_line(monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise ValueError("bad box")

    monkeypatch.setattr("yusuan.render.annotate.annotate_pdf", broken)
    pdf = FIXTURES / "corpus" / "js-rd-2019-ys-tables.pdf"
    code, _, err = cli_audit("--annotate", str(tmp_path / "out.pdf"), str(pdf))
    assert code == 2  # the report is printed, the annotated copy could not be made
    assert err.startswith(f"yusuan: {pdf}: internal error annotating it (ValueError: bad box")
    assert len(err.strip().splitlines()) == 1
