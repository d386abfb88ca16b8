"""The region (地区) of issue #12's list "by region, department, year and status": read off the
leading place name of a department's name, or given on import (`--region`), stored by the
migration 0003 (documents stored before get theirs), listed, filtered and in the API — on
SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from yusuan.cli import cli
from yusuan.store import open_engine
from yusuan.store.region import region_of
from yusuan.store.schema import DocumentRow
from yusuan.web import Config, create_app

from conftest import FIXTURES, SEED

PDF = FIXTURES / "corpus" / "hz-qxj-2026-ys.pdf"  # 杭州市气象局


@pytest.mark.parametrize(
    ("department", "region"),
    [
        ("浙江省财政厅", "浙江省"),
        ("杭州市气象局", "杭州市"),
        ("深圳市信访局", "深圳市"),
        ("上海市普陀区人民政府万里街道办事处", "上海市普陀区"),
        ("中共上海市普陀区委社会工作部", "上海市普陀区"),
        ("中国共产党江苏省委员会办公厅", "江苏省"),
        ("浙江省杭州市西湖区教育局", "浙江省杭州市西湖区"),
        ("徐州市沛县财政局", "徐州市沛县"),
        ("内蒙古自治区财政厅", "内蒙古自治区"),
        ("新疆维吾尔自治区审计厅", "新疆维吾尔自治区"),
        ("上海市浦东新区财政局", "上海市浦东新区"),
        # a word that only ends like a level is no place
        ("广州市城市管理和综合执法局", "广州市"),
        ("宁波市市场监督管理局", "宁波市"),
        ("三门峡市城乡一体化示范区办公室", "三门峡市"),
        ("杭州市民政局", "杭州市"),
        ("市场监督管理局", ""),
        ("街道社区服务中心", ""),
        ("苏州工业园区管理委员会", ""),
        ("共青团浙江省委", ""),  # 省 only from the list of provinces
        ("国家统计局", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_the_region_is_the_leading_place_name(department, region):
    assert region_of(department) == region


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def stored_regions(url: str) -> dict[str | None, str | None]:
    engine = open_engine(url)
    try:
        with Session(engine) as session:
            return dict(session.execute(select(DocumentRow.department, DocumentRow.region)).all())
    finally:
        engine.dispose()


def test_import_infers_the_region_or_takes_it_given(store_url, tmp_path):
    code, _, err = run("import", str(PDF), "--db", store_url)
    assert code == 0, err
    assert stored_regions(store_url) == {"杭州市气象局": "杭州市"}
    # given by hand: it wins, and a later import without --region keeps it
    code, _, err = run("import", str(PDF), "--db", store_url, "--region", " 浙江省 杭州市 ")
    assert code == 0, err
    assert stored_regions(store_url) == {"杭州市气象局": "浙江省 杭州市"}
    code, _, err = run("import", str(PDF), "--db", store_url)
    assert code == 0, err
    assert stored_regions(store_url) == {"杭州市气象局": "浙江省 杭州市"}
    # the seed's department begins with its city
    shutil.copy(SEED, tmp_path / "seed.txt")
    code, _, err = run("import", str(tmp_path / "seed.txt"), "--db", store_url)
    assert code == 0, err
    assert stored_regions(store_url)["三门峡市城乡一体化示范区办公室"] == "三门峡市"


def test_a_document_without_a_place_in_its_name_has_no_region(store_url, tmp_path):
    text_ = SEED.read_text("utf-8").replace("三门峡市城乡一体化示范区办公室", "城乡一体化办公室")
    assert "城乡一体化办公室" in text_
    (tmp_path / "nameless.txt").write_text(text_, "utf-8")
    code, _, err = run("import", str(tmp_path / "nameless.txt"), "--db", store_url)
    assert code == 0, err
    assert list(stored_regions(store_url).values()) == [None]


def test_migration_0003_gives_documents_stored_before_their_region(store_url):
    """A store at 0002 with a document: opened by this yusuan, it is at 0003 and the document
    has the region its department's name begins with."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    from yusuan.store.database import MIGRATIONS

    old = create_engine(store_url)
    if old.dialect.name == "sqlite":
        Path(old.url.database or "").parent.mkdir(parents=True, exist_ok=True)
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        for n, department in enumerate(("上海市普陀区财政局", "城乡一体化办公室", None)):
            connection.execute(
                text(
                    "INSERT INTO documents (content_hash, paths, identity, department, "
                    "imported_at, status, errors, warnings) VALUES "
                    "(:h, :p, :i, :d, CURRENT_TIMESTAMP, '无问题', 0, 0)"
                ),
                {"h": f"{n:064d}", "p": f"/x/{n}.pdf", "i": f"d{n}", "d": department},
            )
    old.dispose()
    assert stored_regions(store_url) == {
        "上海市普陀区财政局": "上海市普陀区",
        "城乡一体化办公室": None,
        None: None,
    }


def test_the_list_and_the_api_show_and_filter_by_region(tmp_path):
    url = f"sqlite:///{tmp_path}/data/yusuan.db"
    shutil.copy(SEED, tmp_path / "seed.txt")
    assert run("import", str(PDF), "--db", url)[0] == 0
    assert (
        run("import", str(tmp_path / "seed.txt"), "--db", url, "--region", "河南省三门峡市")[0] == 0
    )
    with TestClient(create_app(Config(db_url=url))) as client:
        listed = client.get("/api/documents").json()
        assert [d["region"] for d in listed] == ["杭州市", "河南省三门峡市"]
        # the contract's fields are all still there
        assert {"id", "department", "year", "kind", "status", "errors", "decided"} <= set(listed[0])
        only = client.get("/api/documents", params={"region": "河南省"}).json()
        assert [d["department"] for d in only] == ["三门峡市城乡一体化示范区办公室"]
        assert client.get("/api/documents", params={"region": "上海市"}).json() == []
        one = client.get(f"/api/documents/{only[0]['id']}").json()
        assert one["region"] == "河南省三门峡市"

        page = client.get("/").text
        assert "<th>地区</th>" in page
        assert '<option value="杭州市">杭州市</option>' in page
        assert "<td>河南省三门峡市</td>" in page
        filtered = client.get("/", params={"region": "杭州市"}).text
        assert "杭州市气象局" in filtered and "三门峡市城乡一体化" not in filtered
        assert '<option value="杭州市" selected>' in filtered
