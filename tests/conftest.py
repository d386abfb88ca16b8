"""Shared fixtures: the seed disclosure and the paths of fixture files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from yusuan.model import Disclosure
from yusuan.read import read_path

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed" / "000_fc947a31a4e8e830.txt"


@pytest.fixture(scope="session")
def seed() -> Disclosure:
    return read_path(SEED)


# --- The store's databases (tests/test_store.py, tests/test_review.py) ---------------------
# Every store test runs on SQLite and on a real PostgreSQL server: $YUSUAN_TEST_PG_URL, else
# one this session starts from Debian's postgresql (initdb/pg_ctl; as the `postgres` user when
# run as root) in a temporary folder on a free port, and stops at the end. In CI it must run.


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    from pgserver import running_postgres

    given = os.environ.get("YUSUAN_TEST_PG_URL")
    if given:
        yield given
        return
    with running_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database for one test, on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/yusuan-data/yusuan.db"
        return
    from pgserver import fresh_database

    server = request.getfixturevalue("postgres_server")
    with fresh_database(server) as url:
        yield url


# Debian's chromium, driven by playwright (never a browser of its own download), with the flags
# a sandboxed root on a closed network needs: the browser tests of the reports and the portal.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless chromium; skipped where it is missing, but never in CI (`make test` installs
    it there)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (`make test` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
