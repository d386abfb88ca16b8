"""The portal (`yusuan serve`): the store's disclosures in a browser — the list, each
document's findings beside its pages with 确认 / 忽略, its tables, uploads — and a JSON API
with its OpenAPI description. FastAPI on uvicorn; pages are Jinja2 templates, autoescaped."""

from __future__ import annotations

from yusuan.web.app import Config, create_app

__all__ = ["Config", "create_app"]
