"""The store knows last year (issue #11, item 3 through the store): each document's whole
model kept (store.serial), a document checked at import against the stored disclosure it
follows — and checked again when that one is imported after it — and `yusuan audit --db`
taking last year's document and the decisions from the store. On SQLite and PostgreSQL.

The pair: 江苏省人民检察院 2018 says its 财政拨款 rose 3,958.98 万元 on last year, which implies
17,981.98; its 2017 disclosure prints 17,981.68 (tests/test_across.py).
"""

from __future__ import annotations

import json
import shutil
import zlib
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from yusuan.cli import cli
from yusuan.read import read_path
from yusuan.read.combine import combine
from yusuan.store import open_engine, prepare, store
from yusuan.store.schema import DocumentRow, FindingRow
from yusuan.store.serial import StaleModel, dump_model, load_model, model_format

from conftest import FIXTURES

JCY_2017 = FIXTURES / "corpus" / "js-jcy-2017-ys.pdf"
JCY_2018 = FIXTURES / "across" / "js-jcy-2018-ys.txt"
FY_2018 = FIXTURES / "across" / "js-fy-2018-ys.txt"
RD_2019 = [FIXTURES / "corpus" / f"js-rd-2019-ys-{part}.pdf" for part in ("text", "tables")]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def across_findings(url: str, year: int) -> list[FindingRow]:
    engine = open_engine(url)
    try:
        with Session(engine) as session:
            return list(
                session.scalars(
                    select(FindingRow)
                    .join(DocumentRow)
                    .where(DocumentRow.year == year, FindingRow.rule.startswith("across."))
                )
            )
    finally:
        engine.dispose()


# --- the model kept whole ------------------------------------------------------------------


def test_the_seed_comes_back_equal(seed):
    assert load_model(dump_model(seed)) == seed


@pytest.mark.parametrize("path", [JCY_2017, JCY_2018], ids=lambda p: p.name)
def test_a_read_disclosure_comes_back_equal_with_its_lines_pages_and_boxes(path):
    doc = read_path(path)
    back = load_model(dump_model(doc))
    assert back == doc
    # what the JSON renderer leaves out is kept too
    assert back.source == doc.source and back.line_pages == doc.line_pages
    assert back.line_boxes == doc.line_boxes
    if path.suffix == ".pdf":
        assert any(box is not None for box in back.line_boxes)
        assert all(isinstance(x, float) for box in back.line_boxes if box for x in box)
    # money stays Decimal with its printed digits (650.00, not 650)
    cells = [c.value for t in doc.tables for r in t.rows for c in r.cells]
    back_cells = [c.value for t in back.tables for r in t.rows for c in r.cells]
    assert [str(v) for v in back_cells] == [str(v) for v in cells]
    assert all(isinstance(v, Decimal) for v in back_cells)


def test_a_disclosure_of_two_files_comes_back_with_both():
    doc = combine([read_path(p) for p in RD_2019])
    assert doc.sources and doc.source_pages
    assert load_model(dump_model(doc)) == doc


def test_a_stored_document_is_read_back_equal_without_its_file(store_url, tmp_path):
    from yusuan.store import StoreError
    from yusuan.store.across import _models
    from yusuan.store.documents import disclosure_of, find_documents

    path = tmp_path / "jcy-2017.pdf"
    shutil.copy(JCY_2017, path)
    read = read_path(path)
    engine = open_engine(store_url)
    try:
        store(engine, prepare([path]))
        path.unlink()
        _models._held.clear()
        (found,) = find_documents(engine, year=2017)
        assert disclosure_of(engine, found.id) == read
        with pytest.raises(StoreError, match="没有编号"):
            disclosure_of(engine, found.id + 1)
    finally:
        engine.dispose()


def test_a_model_of_another_format_or_no_model_is_refused(seed):
    stored = json.loads(zlib.decompress(dump_model(seed)))
    stored["format"] = "0:older"
    with pytest.raises(StaleModel, match="0:older"):
        load_model(zlib.compress(json.dumps(stored).encode()))
    with pytest.raises(StaleModel):
        load_model(b"not zlib at all")
    stored["format"] = model_format()
    del stored["model"]["meta"]
    with pytest.raises(StaleModel):
        load_model(zlib.compress(json.dumps(stored).encode()))


def test_what_departments_are_matched_by_is_kept_and_matches_as_the_documents_do():
    from yusuan.audit.across.departments import identity_of, same_department, same_identity
    from yusuan.store.serial import dump_identity, load_identity

    docs = [read_path(p) for p in (JCY_2017, JCY_2018, FY_2018)]
    kept = [load_identity(dump_identity(identity_of(d))) for d in docs]
    assert kept == [identity_of(d) for d in docs]
    for a, ka in zip(docs, kept, strict=True):
        for b, kb in zip(docs, kept, strict=True):
            assert ka is not None and kb is not None
            assert same_identity(ka, kb) == same_department(a, b)
    assert load_identity("{not json") is None and load_identity(None) is None


def test_other_departments_models_are_not_decoded_at_import(store_url, monkeypatch):
    """Last year's documents of other departments are told apart by what is stored of their
    department: a region's store is not decoded whole for each document imported."""
    from yusuan.store import across

    assert run("import", str(JCY_2017), "--db", store_url)[0] == 0
    across._models._held.clear()
    decoded = []
    real = across.load_model
    monkeypatch.setattr(across, "load_model", lambda data: decoded.append(1) or real(data))
    code, out, err = run("import", str(FY_2018), "--db", store_url)
    assert code == 0, err
    assert decoded == [] and "库中无可对照" in out
    across._models._held.clear()
    code, out, err = run("import", str(JCY_2018), "--db", store_url)
    assert code == 0, err
    assert len(decoded) == 1 and "对照 2017年预算" in out


# --- at import ------------------------------------------------------------------------------


def _the_jcy_finding(url: str) -> FindingRow:
    (found,) = across_findings(url, 2018)
    assert found.rule == "across.previous-year" and found.severity == "warning"
    assert (found.stated, found.expected) == (Decimal("17981.98"), Decimal("17981.68"))
    assert "js-jcy-2017-ys.pdf:p12" in found.message
    return found


def test_importing_last_year_first_checks_this_year_against_it(store_url):
    code, out, err = run("import", str(JCY_2017), "--db", store_url)
    assert code == 0, err
    assert "库中无可对照" in out
    code, out, err = run("import", str(JCY_2018), "--db", store_url)
    assert code == 0, err
    (line,) = out.strip().splitlines()
    assert "对照 2017年预算（js-jcy-2017-ys.pdf）" in line
    assert "警告 6" not in line  # the comparison's warning is counted with the others
    _the_jcy_finding(store_url)
    assert across_findings(store_url, 2017) == []


def test_importing_last_year_after_this_year_checks_this_year_again(store_url, tmp_path):
    assert run("import", str(JCY_2018), "--db", store_url)[0] == 0
    assert across_findings(store_url, 2018) == []
    engine = open_engine(store_url)
    with Session(engine) as session:
        before = session.scalars(select(DocumentRow).where(DocumentRow.year == 2018)).one()
        warnings = before.warnings
    engine.dispose()
    code, out, err = run("import", str(JCY_2017), "--db", store_url)
    assert code == 0, err
    assert "重新对照 2018年预算（js-jcy-2018-ys.txt）" in out
    found = _the_jcy_finding(store_url)
    engine = open_engine(store_url)
    with Session(engine) as session:
        after = session.scalars(select(DocumentRow).where(DocumentRow.year == 2018)).one()
        assert after.warnings == warnings + 1 and after.status == "有错误"
    engine.dispose()
    # decided, then last year imported again (a copy): the finding replaced, the decision kept
    code, _, err = run(
        "review", "ignore", found.fingerprint, "--reason", "上年预算经调整", "--db", store_url
    )
    assert code == 0, err
    copy = tmp_path / "copy-of-2017.pdf"
    shutil.copy(JCY_2017, copy)
    code, out, err = run("import", str(copy), "--db", store_url)
    assert code == 0, err
    assert "未变" in out and "重新对照 2018年预算" in out
    again = _the_jcy_finding(store_url)
    assert again.fingerprint == found.fingerprint
    code, out, _ = run("review", "list", "--rule", "across", "--db", store_url)
    assert "忽略" in out and found.fingerprint in out


def test_another_departments_document_is_not_compared(store_url):
    assert run("import", str(FY_2018), "--db", store_url)[0] == 0
    code, out, err = run("import", str(JCY_2018), "--db", store_url)
    assert code == 0, err
    assert "库中无可对照" in out
    assert across_findings(store_url, 2018) == []


def test_a_store_of_the_first_schema_is_migrated_and_its_documents_read_again(store_url, tmp_path):
    """A store made before models were kept (revision 0001): opened, it gains the model
    column and keeps its documents; one of them is read again from its file to be compared
    with, and one whose file is gone is said in one line."""
    from alembic import command
    from alembic.config import Config

    from yusuan.store.across import _models
    from yusuan.store.database import MIGRATIONS, create

    _models._held.clear()  # as a new process: no model decoded yet
    old = tmp_path / "js-jcy-2017-ys.pdf"
    shutil.copy(JCY_2017, old)
    prepared = prepare([old])
    engine = create(store_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO documents (content_hash, paths, identity, department, year, kind,"
                " imported_at, status, errors, warnings) VALUES (:h, :p, :i, :d, 2017, '预算',"
                " CURRENT_TIMESTAMP, '有错误', 8, 1)"
            ),
            {
                "h": prepared.content_hash,
                "p": str(old.resolve()),
                "i": prepared.identity,
                "d": prepared.department,
            },
        )
    engine.dispose()
    engine = open_engine(store_url)  # migrated to 0002: the document kept, without a model
    with Session(engine) as session:
        row = session.scalars(select(DocumentRow)).one()
        assert row.model is None and row.year == 2017
    result = store(engine, prepare([JCY_2018]))
    assert result.checked.against == ("2017年预算（js-jcy-2017-ys.pdf）",)
    with Session(engine) as session:  # read again from its file, and kept for next time
        row = session.scalars(select(DocumentRow).where(DocumentRow.year == 2017)).one()
        assert row.model_format == model_format() and load_model(row.model).meta.year == 2017
        row.model_format = "0:older"  # as an older yusuan would have stored it
        session.commit()
    _models._held.clear()  # a new process: the older format is read again from its file
    code, out, err = run("import", str(JCY_2018), "--db", store_url)
    assert code == 0 and "对照 2017年预算" in out and "旧版格式" not in err
    with Session(engine) as session:
        row = session.scalars(select(DocumentRow).where(DocumentRow.year == 2017)).one()
        assert row.model_format == model_format()
        row.model_format = "0:older"
        session.commit()
    engine.dispose()
    _the_jcy_finding(store_url)
    old.unlink()
    _models._held.clear()  # as a new process would: the file is gone, the model too
    code, _out, err = run("import", str(FY_2018), str(JCY_2018), "--db", store_url)
    assert code == 0, err
    (said,) = [line for line in err.splitlines() if "旧版格式" in line]
    assert said.startswith(f"yusuan: {old.resolve()}: ")


# --- yusuan audit --db ----------------------------------------------------------------------


def test_audit_with_db_compares_with_the_stored_year_and_marks_its_decisions(store_url):
    assert run("import", str(JCY_2017), "--db", store_url)[0] == 0
    code, out, err = run("audit", str(JCY_2018), "--db", store_url, "--format", "json")
    assert code == 1, err
    data = json.loads(out)
    (found,) = [f for f in data["findings"] if f["rule"] == "across.previous-year"]
    assert Decimal(str(found["expected"])) == Decimal("17981.68")
    assert "decision" not in found
    # the same finding decided in the store comes back decided
    assert run("import", str(JCY_2018), "--db", store_url)[0] == 0
    fingerprint = _the_jcy_finding(store_url).fingerprint
    assert run("review", "ignore", fingerprint, "--reason", "已核实", "--db", store_url)[0] == 0
    code, out, err = run("audit", str(JCY_2018), "--db", store_url, "--format", "json")
    (found,) = [f for f in json.loads(out)["findings"] if f["rule"] == "across.previous-year"]
    assert found["decision"]["verdict"] == "忽略" and found["decision"]["reason"] == "已核实"
    # --previous names the other document itself: the store's is not added to it
    code, out, err = run(
        "audit", str(JCY_2018), "--db", store_url, "--previous", str(JCY_2017), "--format", "json"
    )
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert rules.count("across.previous-year") == 1


def test_audit_with_db_of_no_store_is_one_line(tmp_path):
    missing = f"sqlite:///{tmp_path}/none.db"
    code, out, err = run("audit", str(JCY_2018), "--db", missing)
    assert code == 2 and out == ""
    assert err.startswith(f"yusuan: {missing}: ") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "none.db").exists()


def test_models_survive_a_replace_of_the_document(store_url, tmp_path):
    """A changed file at a stored path: its model is the new one."""
    path = tmp_path / "jcy.txt"
    path.write_text(JCY_2018.read_text("utf-8"), "utf-8")
    engine = open_engine(store_url)
    store(engine, prepare([path]))
    path.write_text(JCY_2018.read_text("utf-8").replace("2018", "2018 ", 1), "utf-8")
    store(engine, prepare([path]))
    with Session(engine) as session:
        (row,) = session.scalars(select(DocumentRow)).all()
        model = load_model(row.model)
    engine.dispose()
    assert model == read_path(path)  # the file as it is now
    assert model.source[:40] != tuple(JCY_2018.read_text("utf-8").splitlines())[:40]


def test_a_failure_while_checking_again_leaves_the_store_as_it_was(store_url, monkeypatch):
    """The earlier year's import and the later one's new comparison are one transaction."""
    from test_store import snapshot
    from yusuan.store import across

    assert run("import", str(JCY_2018), "--db", store_url)[0] == 0
    engine = open_engine(store_url)
    before = snapshot(engine)

    def broken(session, row, doc, findings):
        raise RuntimeError("disk full")

    monkeypatch.setattr(across, "_replace_findings", broken)
    code, _out, err = run("import", str(JCY_2017), "--db", store_url)
    assert code == 2 and "未能存入，数据库未改动" in err and "disk full" in err
    assert snapshot(engine) == before
    engine.dispose()


def test_a_bug_while_comparing_at_import_is_one_line_and_the_document_is_stored(
    store_url, monkeypatch
):
    from yusuan.store import across

    def broken(*args, **kwargs):
        raise KeyError("boom")

    assert run("import", str(JCY_2017), "--db", store_url)[0] == 0
    monkeypatch.setattr(across, "checks_against", broken)
    code, out, err = run("import", str(JCY_2018), "--db", store_url)
    assert code == 0 and "已导入" in out
    (line,) = [x for x in err.splitlines() if "boom" in x or "internal" in x or "内部" in x]
    assert line.startswith("yusuan: ") and "2017年预算" in line
    assert across_findings(store_url, 2018) == []


def _prepared(doc, digest: str):
    """A constructed disclosure as the store keeps it (its own findings left out)."""
    from yusuan.audit import Report
    from yusuan.store.prepared import prepared_of

    report = Report(doc=doc, findings=(), evaluated=0, failed=0, skipped=0, skipped_reasons=())
    return prepared_of(report, [doc.meta.path or "?"], digest)


@pytest.mark.parametrize("budget_first", [True, False], ids=["budget-first", "final-first"])
def test_a_final_accounts_is_checked_against_the_stored_budget_of_its_year(store_url, budget_first):
    """The 决算's 年初预算数 against the 预算 of its year, whichever is imported first (the
    constructed pair of tests/test_across_constructed.py: 合计 预算数 1010.00 against 1000.00)."""
    from test_across_constructed import D, disclosure, last_year, row
    from yusuan.model import DocKind

    budget = last_year()
    p = "2023-js.pdf"
    final = disclosure(
        p,
        2023,
        [row(p, 3, None, "合计", 合计="980.00", 预算数_合计="1010.00")],
        ("预算数/合计", "合计"),
        kind=DocKind.FINAL,
    )
    order = [(budget, "a" * 64), (final, "b" * 64)]
    engine = open_engine(store_url)
    try:
        results = [
            store(engine, _prepared(doc, digest))
            for doc, digest in (order if budget_first else order[::-1])
        ]
        if budget_first:
            assert results[1].checked.against == ("2023年预算（2023.pdf）",)
        else:
            assert results[1].checked.rechecked == ("2023年决算（2023-js.pdf）",)
        (found,) = across_findings(store_url, 2023)
        assert found.rule == "across.initial-budget" and found.severity == "error"
        assert (found.stated, found.expected) == (D("1010.00"), D("1000.00"))
    finally:
        engine.dispose()
