"""A disclosure's whole model as the store keeps it: every field of `yusuan.model.Disclosure`
(the source lines, their pages and boxes too, which the JSON renderer leaves out), as
zlib-compressed JSON, and read back to an equal Disclosure.

The encoding is driven by the dataclasses' fields and their types, not written out by hand, so
a field added to the model is kept without touching this module. Not pickle: a store outlives
a code version, and a pickle of an older model would load into the wrong shape or not at all.
Each stored model carries its format — `FORMAT_VERSION` and a signature of the model's fields
and types — and a model of another format is refused (`StaleModel`), for the caller to read
the document again from its file, or to say in one line that it cannot.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
import zlib
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from yusuan.audit.across.departments import Identity
from yusuan.model import Disclosure

FORMAT_VERSION = 1  # bump when the encoding itself changes (not needed for a model change)

Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]


class StaleModel(ValueError):
    """A stored model of another format (an older yusuan) or not a model at all."""


def _hints(cls: type) -> dict[str, Any]:
    # the model module uses postponed annotations: resolve them in its own namespace
    return typing.get_type_hints(cls)


def _describe(tp: Any) -> str:
    """A type as the signature spells it: nested dataclasses by their fields."""
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        inner = ",".join(
            f"{f.name}:{_describe(_hints(tp)[f.name])}" for f in dataclasses.fields(tp)
        )
        return f"{tp.__name__}{{{inner}}}"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return f"{tp.__name__}[{'|'.join(str(m.value) for m in tp)}]"
    args = typing.get_args(tp)
    if args:
        origin = typing.get_origin(tp)
        name = "union" if _is_union(origin) else getattr(origin, "__name__", str(origin))
        return f"{name}[{','.join(_describe(a) for a in args)}]"
    return getattr(tp, "__name__", str(tp))


@cache
def model_format() -> str:
    """The format of the models this code writes: version and a hash of the model's shape."""
    shape = hashlib.sha256(_describe(Disclosure).encode("utf-8")).hexdigest()[:16]
    return f"{FORMAT_VERSION}:{shape}"


def _is_union(origin: Any) -> bool:
    return origin is typing.Union or origin is types.UnionType


def _same(value: Any) -> Any:
    return value


@cache
def _codec(tp: Any) -> tuple[Encode, Decode]:
    """The encoder (to JSON's types) and decoder (back) of values of type `tp`."""
    if tp in (str, int, bool, type(None)):
        return _same, _same
    if tp is float:
        # JSON has no integer/float distinction: 1.0 comes back as 1 unless made a float
        return _same, float
    if tp is Decimal:
        # its text keeps every digit and the exponent (1.50 stays 1.50)
        return str, Decimal
    if isinstance(tp, type) and issubclass(tp, Enum):
        return (lambda v: v.value), tp
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _dataclass_codec(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if _is_union(origin):
        arms = [a for a in args if a is not type(None)]
        if len(arms) != 1 or len(args) != 2:
            raise TypeError(f"the store cannot keep a field of type {tp}: one type or None only")
        enc, dec = _codec(arms[0])
        return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        enc, dec = _codec(args[0])
        return (lambda v: [enc(x) for x in v]), (lambda v: tuple(dec(x) for x in v))
    if origin is tuple and args:
        codecs = [_codec(a) for a in args]
        return (
            lambda v: [c[0](x) for c, x in zip(codecs, v, strict=True)],
            lambda v: tuple(c[1](x) for c, x in zip(codecs, v, strict=True)),
        )
    raise TypeError(f"the store cannot keep a field of type {tp}")


def _dataclass_codec(cls: type) -> tuple[Encode, Decode]:
    hints = _hints(cls)
    fields = [(f.name, *_codec(hints[f.name])) for f in dataclasses.fields(cls)]

    def encode(value: Any) -> dict[str, Any]:
        return {name: enc(getattr(value, name)) for name, enc, _ in fields}

    def decode(data: Any) -> Any:
        if not isinstance(data, dict):
            raise StaleModel(f"{cls.__name__} 应为对象")
        return cls(**{name: dec(data[name]) for name, _, dec in fields if name in data})

    return encode, decode


def dump_model(doc: Disclosure) -> bytes:
    """The disclosure's whole model, compressed (see `load_model`)."""
    encode, _ = _codec(Disclosure)
    text = json.dumps(
        {"format": model_format(), "model": encode(doc)},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return zlib.compress(text.encode("utf-8"), 6)


def load_model(data: bytes) -> Disclosure:
    """The disclosure `dump_model` stored; StaleModel when it was stored in another format."""
    try:
        stored = json.loads(zlib.decompress(data).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise StaleModel(f"不是 yusuan 存入的模型（{exc}）") from exc
    if not isinstance(stored, dict) or stored.get("format") != model_format():
        got = stored.get("format") if isinstance(stored, dict) else None
        raise StaleModel(f"模型格式 {got} 与本版本的 {model_format()} 不同")
    _, decode = _codec(Disclosure)
    try:
        doc = decode(stored["model"])
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise StaleModel(f"模型无法读回（{type(exc).__name__}: {exc}）") from exc
    if not isinstance(doc, Disclosure):
        raise StaleModel("模型不是一份公开文件")
    return doc


def dump_identity(identity: Identity) -> str:
    """What `same_department` matches a document's department by, as JSON text (small: the
    store compares it before loading any model)."""
    encode, _ = _codec(Identity)
    return json.dumps(encode(identity), ensure_ascii=False, separators=(",", ":"))


def load_identity(text: str | None) -> Identity | None:
    """The `Identity` `dump_identity` stored; None when there is none, or of another shape."""
    if not text:
        return None
    _, decode = _codec(Identity)
    try:
        found = decode(json.loads(text))
    except (StaleModel, KeyError, TypeError, ValueError):
        return None
    return found if isinstance(found, Identity) else None
