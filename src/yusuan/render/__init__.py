"""Renderers of a parsed disclosure, keyed by output format."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from yusuan.model import Disclosure
from yusuan.render.csv import render_csv
from yusuan.render.json import render_json
from yusuan.render.table import render_table

Renderer = Callable[[Sequence[Disclosure]], str]

RENDERERS: dict[str, Renderer] = {
    "json": render_json,
    "csv": render_csv,
    "table": render_table,
}
