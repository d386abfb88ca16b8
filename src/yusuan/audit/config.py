"""Audit settings from `[tool.yusuan]` in pyproject.toml or from yusuan.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from yusuan.errors import YusuanError

KEYS = {"select", "ignore", "catalog", "unit-type"}


@dataclass(frozen=True, slots=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    catalog: str | None = None
    unit_type: str | None = None
    source: str | None = None


def _strings(value: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise YusuanError(f"`{key}` must be a string or a list of strings", where)


def load_settings(explicit: Path | None = None, folder: Path | None = None) -> Settings:
    """The first of: `explicit`, ./yusuan.toml, ./pyproject.toml's [tool.yusuan]."""
    folder = folder or Path.cwd()
    candidates = [explicit] if explicit else [folder / "yusuan.toml", folder / "pyproject.toml"]
    for path in candidates:
        if path is None or not path.is_file():
            if explicit:
                raise YusuanError("no such configuration file", str(explicit))
            continue
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise YusuanError(f"not valid TOML ({exc})", str(path)) from exc
        section = data.get("tool", {}).get("yusuan") if path.name == "pyproject.toml" else data
        if section is None:
            continue
        where = str(path)
        unknown = set(section) - KEYS
        if unknown:
            raise YusuanError(f"unknown setting(s) {sorted(unknown)}; known: {sorted(KEYS)}", where)
        unit_type = section.get("unit-type")
        if unit_type is not None and unit_type not in ("机关", "事业"):
            raise YusuanError("`unit-type` must be 机关 or 事业", where)
        catalog = section.get("catalog")
        if catalog is not None and not isinstance(catalog, str):
            raise YusuanError("`catalog` must be a directory path", where)
        if catalog is not None and not Path(catalog).is_absolute():
            catalog = str(path.parent / catalog)
        return Settings(
            select=_strings(section.get("select", []), "select", where),
            ignore=_strings(section.get("ignore", []), "ignore", where),
            catalog=catalog,
            unit_type=unit_type,
            source=where,
        )
    return Settings()
