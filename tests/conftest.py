"""Shared fixtures: the seed disclosure and the paths of fixture files."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.model import Disclosure
from yusuan.read import read_path

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed" / "000_fc947a31a4e8e830.txt"


@pytest.fixture(scope="session")
def seed() -> Disclosure:
    return read_path(SEED)
