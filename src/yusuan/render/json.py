"""The model as JSON: dataclasses as objects, Decimal as strings, enums as their values."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from yusuan.model import Disclosure


def to_data(obj: Any) -> Any:
    """Plain JSON-able data for any model record."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: to_data(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if f.metadata.get("json", True)
        }
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, (tuple, list)):
        return [to_data(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    return obj


def render_json(docs: Sequence[Disclosure]) -> str:
    data = to_data(docs[0]) if len(docs) == 1 else [to_data(d) for d in docs]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
