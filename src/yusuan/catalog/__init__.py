"""The classification catalogs (政府收支分类科目) a disclosure's codes are checked against.

Three code lists (支出功能分类, 部门预算支出经济分类, 政府预算支出经济分类) and the
department→government economic correspondence, bundled as CSV under `data/<year>/`. The
bundled copy is incomplete and says so: every row keeps its `status` and `source`, and
`Catalog.is_complete` tells where an absent code means "not in the book" rather than "not in
our copy". A user with the official book can layer a directory of the same shape on top.
"""

from __future__ import annotations

from yusuan.catalog.check import check_catalog_dir
from yusuan.catalog.csvfile import Problem
from yusuan.catalog.entries import (
    LEVEL_NAMES,
    Entry,
    MappingEntry,
    Part,
    Status,
    UnitType,
    part_of_code,
)
from yusuan.catalog.load import (
    Catalog,
    CatalogError,
    available_years,
    bundled_root,
    load_catalog,
    load_catalog_from,
)
from yusuan.catalog.names import names_match, normalize_name

__all__ = [
    "LEVEL_NAMES",
    "Catalog",
    "CatalogError",
    "Entry",
    "MappingEntry",
    "Part",
    "Problem",
    "Status",
    "UnitType",
    "available_years",
    "bundled_root",
    "check_catalog_dir",
    "load_catalog",
    "load_catalog_from",
    "names_match",
    "normalize_name",
    "part_of_code",
]
