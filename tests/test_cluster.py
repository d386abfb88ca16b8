"""`yusuan import --cluster`: a folder read and audited on a Dask cluster's workers (a
LocalCluster of two worker processes that the tests start) is stored exactly as a local import
of the same folder; the workers get each file's bytes, never a path; an unreadable file and a
worker that dies are each one line, and the rest go on."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from yusuan.batch import AuditSettings
from yusuan.batch.cluster import Cluster
from yusuan.batch.run import ALWAYS, Shipped, _read_one
from yusuan.cli import cli
from yusuan.store import open_engine
from yusuan.store.schema import CellRow, DocumentRow, FindingRow, TableRow

from conftest import FIXTURES, SEED

CORPUS = FIXTURES / "corpus"
# A pair published as two files (paired by content), a whole PDF, a text disclosure.
FILES = ("js-rd-2019-ys-text.pdf", "js-rd-2019-ys-tables.pdf", "hz-qxj-2026-ys.pdf")


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    """A local cluster: a scheduler here, two worker processes. A task that has killed one
    worker is given up after one more (the default three would restart workers for seconds)."""
    from distributed import LocalCluster

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        ) as cluster,
    ):
        yield cluster.scheduler_address


@pytest.fixture
def region(tmp_path: Path) -> Path:
    folder = tmp_path / "region"
    (folder / "sub").mkdir(parents=True)
    for name in FILES:
        shutil.copy(CORPUS / name, folder / name)
    shutil.copy(SEED, folder / "sub" / "seed.txt")
    (folder / "sub" / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def stored(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the documents, tables, cells and findings, in id order, without the
    import's time."""
    engine = open_engine(url)
    out = {}
    try:
        with Session(engine) as session:
            for model in (DocumentRow, TableRow, CellRow, FindingRow):
                columns = [c for c in model.__table__.columns if c.name != "imported_at"]
                rows = session.execute(select(*columns).order_by(columns[0])).all()
                out[model.__tablename__] = [tuple(r) for r in rows]
    finally:
        engine.dispose()
    return out


def test_a_cluster_import_stores_what_a_local_import_stores(address, region, tmp_path):
    local = f"sqlite:///{tmp_path}/local/yusuan.db"
    remote = f"sqlite:///{tmp_path}/cluster/yusuan.db"
    code, out_local, err_local = run("import", str(region), "--db", local, "--jobs", "1")
    assert code == 2  # the broken file
    code, out, err = run("import", str(region), "--db", remote, "--cluster", address)
    assert code == 2, err
    assert out == out_local
    assert err.splitlines()[:-1] == err_local.splitlines()[:-1]  # the same lines but the store's
    # the pair is one disclosure; the broken file is one line and the rest went on
    assert "共 4 份：已导入 3，已更新 0，未变 0，失败 1" in err
    broken = [line for line in err.splitlines() if "broken.pdf" in line]
    assert len(broken) == 1 and broken[0].startswith(f"yusuan: {region / 'sub' / 'broken.pdf'}")
    assert "Traceback" not in err
    assert f"{region / FILES[0]} + {region / FILES[1]}" in out
    mine, theirs = stored(remote), stored(local)
    assert len(mine["documents"]) == 3 and len(mine["findings"]) > 10 and len(mine["cells"]) > 100
    assert mine == theirs  # documents, tables, cells, findings with their fingerprints


def test_the_workers_read_the_bytes_sent_not_a_path():
    """A worker on another machine cannot open the client's path: what it reads is the
    Shipped bytes, under the file's name (which the findings and the store keep)."""
    name = "/nowhere/on/this/machine/seed.txt"
    doc, report = _read_one((Shipped(name, SEED.read_bytes()), AuditSettings(), ALWAYS))
    assert not isinstance(doc, str) and doc.meta.path == name
    assert report is not None and not isinstance(report, str)
    assert {f.location.path for f in report.findings} == {name}
    error, _ = _read_one((Shipped(name, error=f"{name}: no such file"), None, ALWAYS))
    assert error == f"{name}: no such file"


def _dies_on_three(n: int) -> int:
    if n == 3:
        os._exit(1)  # a crash in a native library takes the worker process with it
    return n * 10


def test_a_worker_that_dies_costs_only_its_task(address):
    import sys

    import cloudpickle

    # the workers cannot import this test module: its function travels by value
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    ticks: list[int] = []
    with Cluster(address) as cluster:
        out = cluster(_dies_on_three, [1, 2, 3, 4, 5], lambda: ticks.append(1), str)
    assert out[:2] == [10, 20] and out[3:] == [40, 50]
    assert isinstance(out[2], str) and out[2].startswith("3: 集群上未能完成（KilledWorker")
    assert "\n" not in out[2] and len(ticks) == 5


def test_an_unreachable_cluster_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr("yusuan.batch.cluster.CONNECT_TIMEOUT", "1s")
    code, out, err = run(
        "import", str(SEED), "--db", f"sqlite:///{tmp_path}/s.db", "--cluster", "tcp://127.0.0.1:9"
    )
    assert code == 2 and out == ""
    assert err.startswith("yusuan: --cluster tcp://127.0.0.1:9: 无法连接集群（")
    assert len(err.strip().splitlines()) == 1


def test_import_finds_and_pairs_files_as_audit_does(region, tmp_path):
    """The same walk and pairing as `yusuan audit`: --exclude leaves files out, --no-pair
    keeps the two files of the split disclosure apart, on two processes."""
    db = f"sqlite:///{tmp_path}/s.db"
    code, out, err = run(
        "import", str(region), "--db", db, "--no-pair", "--exclude", "sub/*", "--jobs", "2"
    )
    assert code == 0, err
    assert [line.split("：")[0] for line in out.splitlines()] == [
        f"已导入 {region / name}" for name in sorted(FILES)
    ]
    assert "共 3 份：已导入 3，已更新 0，未变 0，失败 0" in err
    code, out, err = run("import", str(region), "--db", db, "--include", "*.txt", "--jobs", "2")
    assert code == 0, err
    assert out.startswith(f"已导入 {region / 'sub' / 'seed.txt'}：") and len(out.splitlines()) == 1
