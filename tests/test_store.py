"""The store (`yusuan import`): one record per file, one transaction per document, Decimal in
and out, on SQLite and on a real PostgreSQL server (the `store_url` fixture: both)."""

from __future__ import annotations

import pickle
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from yusuan.cli import cli
from yusuan.read import read_path
from yusuan.store import Outcome, StoreError, open_engine, prepare, write
from yusuan.store import writer as store_writer
from yusuan.store.prepared import Prepared
from yusuan.store.schema import CellRow, DecisionRow, DocumentRow, FindingRow, TableRow

from conftest import FIXTURES, SEED

PDF = FIXTURES / "corpus" / "hz-qxj-2026-ys.pdf"
SNAPSHOT = (DocumentRow, TableRow, CellRow, FindingRow, DecisionRow)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seed_prepared() -> Prepared:
    return prepare([SEED])


@pytest.fixture
def engine(store_url: str):
    opened = open_engine(store_url)
    yield opened
    opened.dispose()


def changed_seed(folder: Path, name: str = "seed.txt") -> Path:
    """The seed with two figures of its 预算06表 合计 row changed: a changed file of the same
    department, year and kind (the findings on those figures change, the others stay)."""
    text = SEED.read_text("utf-8")
    assert text.count("合计 793.55 716.73 76.83") == 1
    path = folder / name
    path.write_text(text.replace("合计 793.55 716.73 76.83", "合计 793.55 686.68 106.87"), "utf-8")
    return path


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the store, in id order."""
    out = {}
    with Session(engine) as session:
        for model in SNAPSHOT:
            columns = list(model.__table__.columns)
            rows = session.execute(select(*columns).order_by(columns[0])).all()
            out[model.__tablename__] = [tuple(r) for r in rows]
    return out


def test_a_document_is_stored_with_its_tables_cells_and_findings(engine, seed_prepared):
    assert write(engine, seed_prepared) is Outcome.ADDED
    doc = read_path(SEED)
    with Session(engine) as session:
        stored = session.scalars(select(DocumentRow)).one()
        assert (stored.department, stored.year, stored.kind) == (
            "三门峡市城乡一体化示范区办公室",
            2023,
            "预算",
        )
        assert stored.department_code == doc.meta.department_code
        assert stored.template == doc.meta.template
        assert stored.status == "有错误" and stored.errors == seed_prepared.errors > 0
        assert len(stored.content_hash) == 64
        assert stored.paths == str(SEED.resolve())
        assert [t.printed_id for t in sorted(stored.tables, key=lambda t: t.position)] == [
            t.id for t in doc.tables
        ]
        cells = session.execute(
            select(TableRow.printed_id, CellRow.row_name, CellRow.column, CellRow.value).join(
                TableRow
            )
        ).all()
        expected = {
            (t.id, r.name, c.column, c.value) for t in doc.tables for r in t.rows for c in r.cells
        }
        assert {tuple(c) for c in cells} == expected
        assert all(type(c.value) is Decimal for c in cells)
        findings = session.scalars(select(FindingRow).order_by(FindingRow.position)).all()
        assert [(f.rule, f.table_name, f.row_name, f.column_name) for f in findings] == [
            (f.rule, f.table, f.row, f.column) for f in seed_prepared.findings
        ]
        first = next(f for f in findings if f.stated is not None)
        assert type(first.stated) is Decimal
        assert all(len(f.fingerprint) == 16 for f in findings)


def test_a_pdf_finding_keeps_its_page(engine):
    prepared = prepare([PDF])
    write(engine, prepared)
    with Session(engine) as session:
        pages = session.scalars(select(FindingRow.page)).all()
    assert pages and all(isinstance(p, int) and p > 0 for p in pages)


def test_money_is_exact_decimal_in_and_out(engine, seed_prepared):
    big = Decimal("480544221.62")
    tiny = Decimal("0.005")
    cell = seed_prepared.tables[0].cells[0]
    tables = (
        seed_prepared.tables[0].__class__(
            key="t",
            printed_id="T1",
            title="t",
            unit="元",
            cells=(
                cell.__class__("", None, "a", "金额", big),
                cell.__class__("", None, "b", "金额", tiny),
                cell.__class__("", None, "c", "金额", Decimal("123456789012345678.99")),
            ),
        ),
    )
    exact = Prepared(**{**_fields(seed_prepared), "tables": tables, "content_hash": "0" * 64})
    write(engine, exact)
    with Session(engine) as session:
        values = session.scalars(select(CellRow.value).order_by(CellRow.id)).all()
    assert values == [big, tiny, Decimal("123456789012345678.99")]
    assert [format(v, "f") for v in values[:2]] == ["480544221.62", "0.005"]


def _fields(prepared: Prepared) -> dict[str, object]:
    return {name: getattr(prepared, name) for name in Prepared.__dataclass_fields__}


def test_the_same_file_twice_keeps_one_record(engine, seed_prepared, tmp_path):
    assert write(engine, seed_prepared) is Outcome.ADDED
    before = snapshot(engine)
    assert write(engine, seed_prepared) is Outcome.UNCHANGED
    assert snapshot(engine) == before
    copy = tmp_path / "renamed.txt"
    shutil.copy(SEED, copy)
    assert write(engine, prepare([copy])) is Outcome.UNCHANGED  # same content: one record
    with Session(engine) as session:
        stored = session.scalars(select(DocumentRow)).one()
        assert stored.paths.splitlines() == [str(SEED.resolve()), str(copy.resolve())]


def test_a_changed_file_replaces_its_tables_and_findings(engine, tmp_path):
    original = tmp_path / "seed.txt"
    shutil.copy(SEED, original)
    first = prepare([original])
    assert write(engine, first) is Outcome.ADDED
    changed = changed_seed(tmp_path)
    second = prepare([changed])
    assert second.content_hash != first.content_hash
    assert write(engine, second) is Outcome.REPLACED
    with Session(engine) as session:
        stored = session.scalars(select(DocumentRow)).one()
        assert stored.content_hash == second.content_hash
        fingerprints = session.scalars(select(FindingRow.fingerprint)).all()
        values = session.scalars(
            select(CellRow.value).where(CellRow.row_name == "合计", CellRow.column == "人员经费")
        ).all()
    assert sorted(fingerprints) == sorted(f.fingerprint for f in second.findings)
    gone = {f.fingerprint for f in first.findings if f.stated == Decimal("716.73")}
    assert gone and not gone & set(fingerprints)  # the old figure's findings are replaced
    assert Decimal("686.68") in values and Decimal("716.73") not in values
    assert len(snapshot(engine)["tables"]) == len(second.tables)


def test_a_failure_midway_leaves_the_store_as_it_was(engine, tmp_path, monkeypatch):
    original = tmp_path / "seed.txt"
    shutil.copy(SEED, original)
    write(engine, prepare([original]))
    with Session(engine) as session, session.begin():
        session.add(
            DecisionRow(
                fingerprint="f" * 16,
                verdict="忽略",
                reason="r",
                who="w",
                decided_at=__import__("datetime").datetime(2026, 1, 1),
            )
        )
    before = snapshot(engine)
    real = store_writer._insert_findings

    def half_then_fail(session, document_id, findings):
        real(session, document_id, findings[: len(findings) // 2])  # rows really written …
        session.flush()
        raise RuntimeError("disk full")  # … then the failure

    monkeypatch.setattr(store_writer, "_insert_findings", half_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        write(engine, prepare([changed_seed(tmp_path)]))  # a replacement fails
    assert snapshot(engine) == before
    with pytest.raises(RuntimeError, match="disk full"):
        write(engine, prepare([PDF]))  # a new document fails
    assert snapshot(engine) == before


def test_import_command_goes_on_after_a_failure(store_url, tmp_path, monkeypatch):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage")
    code, out, err = run("import", str(broken), str(SEED), "--db", store_url)
    assert code == 2
    assert f"yusuan: {broken}" in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if str(broken) in line]) == 1
    assert out.startswith(f"已导入 {SEED}：三门峡市城乡一体化示范区办公室 2023年预算")
    engine = open_engine(store_url)
    try:
        before = snapshot(engine)
        real = store_writer._insert_findings

        def fail(session, document_id, findings):
            real(session, document_id, findings[:3])
            raise RuntimeError("connection lost")

        monkeypatch.setattr(store_writer, "_insert_findings", fail)
        code, out, err = run("import", str(PDF), str(SEED), "--db", store_url)
        assert code == 2
        assert f"yusuan: {PDF}: 未能存入，数据库未改动（RuntimeError: connection lost）" in err
        assert f"未变 {SEED}" in out  # the next file went on
        assert snapshot(engine) == before
    finally:
        engine.dispose()


def test_import_searches_folders_and_reimports_as_unchanged(store_url, tmp_path):
    region = tmp_path / "region" / "2023"
    region.mkdir(parents=True)
    shutil.copy(SEED, region / "a.txt")
    shutil.copy(PDF, tmp_path / "region" / "b.pdf")
    (region / "notes.md").write_text("not a disclosure", "utf-8")
    code, out, err = run("import", str(tmp_path / "region"), "--db", store_url)
    assert code == 0, err
    assert [line.split()[0] for line in out.splitlines()] == ["已导入", "已导入"]
    assert "共 2 份：已导入 2，已更新 0，未变 0，失败 0" in err
    code, out, err = run("import", str(tmp_path / "region"), "--db", store_url)
    assert code == 0
    assert "共 2 份：已导入 0，已更新 0，未变 2，失败 0" in err


def test_default_store_is_sqlite_under_yusuan_data_audited_by_the_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YUSUAN_DB", raising=False)
    (tmp_path / "yusuan.toml").write_text('ignore = ["table"]\n', "utf-8")
    code, _, err = run("import", str(SEED))
    assert code == 0, err
    assert (tmp_path / "yusuan-data" / "yusuan.db").is_file()
    assert "sqlite:///yusuan-data/yusuan.db" in err
    engine = open_engine()
    with Session(engine) as session:
        rules = set(session.scalars(select(FindingRow.rule)))
    engine.dispose()
    assert rules and not any(r.startswith("table.") for r in rules)


def test_import_refuses_a_setting_that_names_no_rule_before_touching_the_store(
    tmp_path, monkeypatch
):
    """yusuan import checks yusuan.toml as yusuan audit does: an unknown rule id is a usage
    error, not a run audited with nothing selected."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "yusuan.toml").write_text('select = ["nosuch.rule"]\n', "utf-8")
    code, _, err = run("import", str(SEED), "--db", f"sqlite:///{tmp_path}/x.db")
    assert code == 2
    assert "no rule matches 'nosuch.rule'" in err
    assert not (tmp_path / "x.db").exists()


def test_the_store_is_at_alembic_head_and_refuses_a_foreign_database(store_url):
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from yusuan.store.database import MIGRATIONS

    engine = open_engine(store_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head == "0003"
    engine.dispose()
    open_engine(store_url).dispose()  # opening again: nothing to do, nothing lost
    from sqlalchemy import create_engine, text

    other = create_engine(store_url)
    with other.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    other.dispose()
    with pytest.raises(StoreError, match="不是 yusuan 的库"):
        open_engine(store_url)


def test_an_unusable_store_is_one_line(tmp_path):
    code, _, err = run("import", str(SEED), "--db", "nonsense://")
    assert code == 2
    assert err.startswith("yusuan: nonsense://: ") and len(err.strip().splitlines()) == 1
    code, _, err = run(
        "import", str(SEED), "--db", "postgresql+psycopg://u:secret@127.0.0.1:1/none"
    )
    assert code == 2 and "无法打开数据库" in err and "secret" not in err
    assert len(err.strip().splitlines()) == 1


def test_prepared_documents_are_picklable(seed_prepared):
    assert pickle.loads(pickle.dumps(seed_prepared)) == seed_prepared


def test_the_migrations_build_exactly_the_orm_schema(store_url):
    """A change to schema.py without its migration is caught here (alembic autogenerate)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from yusuan.store.schema import Base

    engine = open_engine(store_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_a_bug_while_preparing_is_one_line_and_the_next_file_goes_on(
    store_url, tmp_path, monkeypatch
):
    from yusuan.store import prepared as prepare_module

    real = prepare_module.prepared_of

    def broken(report, paths, digest):
        if str(paths[0]).endswith(".pdf"):
            raise KeyError("boom")
        return real(report, paths, digest)

    monkeypatch.setattr(prepare_module, "prepared_of", broken)
    code, out, err = run("import", str(PDF), str(SEED), "--db", store_url)
    assert code == 2
    assert err.startswith(f"yusuan: {PDF}: internal error importing it (KeyError: 'boom' at ")
    assert "Traceback" not in err and out.startswith("已导入")


def test_stored_documents_and_cells_read_back_as_read(engine, seed_prepared):
    from yusuan.store.documents import cells_of, find_documents

    write(engine, seed_prepared)
    write(engine, prepare([PDF]))
    found = find_documents(engine, department="三门峡市城乡一体化示范区办公室", year=2023)
    assert [(d.kind, d.template) for d in found] == [("预算", seed_prepared.template)]
    assert find_documents(engine, year=2022) == []
    assert len(find_documents(engine, kind="预算")) == 2
    cells = cells_of(engine, found[0].id)
    doc = read_path(SEED)
    assert [(c.table_id, c.side, c.row_code, c.row_name, c.column, c.value) for c in cells] == [
        (t.id, r.side.value, r.code, r.name, c.column, c.value)
        for t in doc.tables
        for r in t.rows
        for c in r.cells
    ]
