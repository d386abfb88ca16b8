"""Read a budget from its YAML or JSON form into `Budget` (the schema: examples/README.md).

Keys are English, values Chinese where the domain names them (`source: 一般公共预算`). Every
scalar is kept as the text the file wrote, so an amount is `Decimal(text)` exactly and never
passes through float (`12.10` stays 12.10; `0.1` is not 0.1000000000000000055…). Every
problem of the file's shape is collected with its place (`lines[3].amount`) and raised at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import yaml

from yusuan.compile.budget import Budget
from yusuan.errors import YusuanError

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: where (`lines[3].function`, `sheet!C7`) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}：{self.message}" if self.where else self.message


class BudgetError(YusuanError):
    """The input cannot be compiled; `problems` lists every reason, each with its place."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "无法读取"
        more = f"（共 {len(problems)} 处问题）" if len(problems) > 1 else ""
        super().__init__(first + more, path)


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that keeps numbers as their text (the fields decide what they are)."""


def _as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(loader.construct_scalar(node))


_TextLoader.add_constructor("tag:yaml.org,2002:int", _as_text)
_TextLoader.add_constructor("tag:yaml.org,2002:float", _as_text)
_TextLoader.add_constructor("tag:yaml.org,2002:timestamp", _as_text)


def load(path: str | Path) -> Budget:
    """The budget in a .yaml/.yml/.json file; BudgetError lists every problem of its shape."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BudgetError(str(path), [Problem("", f"无法读取：{exc}")]) from exc
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            data = yaml.load(text, Loader=_TextLoader)  # a SafeLoader: no arbitrary objects
        elif suffix == ".json":
            data = json.loads(text, parse_float=str, parse_int=str)
        else:
            raise BudgetError(str(path), [Problem("", "只能读取 .yaml、.yml 或 .json 文件")])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise BudgetError(str(path), [Problem(where, "YAML 格式错误")]) from exc
    except json.JSONDecodeError as exc:
        raise BudgetError(str(path), [Problem(f"第 {exc.lineno} 行", "JSON 格式错误")]) from exc
    reader = _Reader()
    budget = reader.budget(data)
    if reader.problems or budget is None:
        raise BudgetError(str(path), reader.problems or [Problem("", "不是预算数据")])
    return budget


def from_data(data: object) -> Budget:
    """A budget from already-parsed data (numbers as text or numbers); BudgetError on problems."""
    reader = _Reader()
    budget = reader.budget(data)
    if reader.problems or budget is None:
        raise BudgetError("<data>", reader.problems or [Problem("", "不是预算数据")])
    return budget


class _Reader:
    """Builds the model field by field, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def bad(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    # -- scalars
    def text(self, m: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = m.get(key)
        if value is None:
            if default is None:
                self.bad(_join(where, key), "缺少此项")
                return ""
            return default
        if isinstance(value, bool) or not isinstance(value, str):
            self.bad(_join(where, key), "应为文字")
            return ""
        return value.strip()

    def code(
        self, m: Mapping[str, Any], key: str, where: str, required: bool = True, digits: bool = True
    ) -> str:
        """A code as text (a YAML number keeps its digits); `digits` for classification and
        unit codes, while a project's code is whatever the budget system numbers it."""
        value = m.get(key)
        if value is None:
            if required:
                self.bad(_join(where, key), "缺少此项")
            return ""
        text = str(value).strip()
        if not text or (digits and not text.isdigit()):
            self.bad(_join(where, key), f"编码“{text}”应全为数字")
        return text

    def money(self, value: object, where: str) -> Decimal | None:
        if value is None or isinstance(value, bool | list | dict):
            self.bad(where, "应为金额")
            return None
        text = str(value).strip().replace(",", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            self.bad(where, f"“{value}”不是金额")
            return None
        if not amount.is_finite():
            self.bad(where, f"“{value}”不是金额")
            return None
        return amount

    def opt_money(self, m: Mapping[str, Any], key: str, where: str) -> Decimal | None:
        return None if m.get(key) is None else self.money(m[key], _join(where, key))

    def count(self, m: Mapping[str, Any], key: str, where: str) -> int | None:
        value = m.get(key)
        if value is None:
            return None
        text = str(value).strip()
        if isinstance(value, bool) or not text.lstrip("-").isdigit():
            self.bad(_join(where, key), f"“{value}”应为整数")
            return None
        return int(text)

    def flag(self, m: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
        value = m.get(key, default)
        if not isinstance(value, bool):
            self.bad(_join(where, key), "应为 true 或 false")
            return default
        return value

    def choice(self, enum: type[E], value: object, where: str) -> E | None:
        try:
            return enum(str(value).strip())
        except ValueError:
            allowed = "、".join(member.value for member in enum)
            self.bad(where, f"“{value}”不是可选值（{allowed}）")
            return None

    # -- containers
    def mapping(self, value: object, where: str) -> Mapping[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.bad(where, "应为键值表")
            return {}
        return value

    def items(self, m: Mapping[str, Any], key: str, where: str) -> list[tuple[str, Any]]:
        value = m.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.bad(_join(where, key), "应为列表")
            return []
        return [(f"{_join(where, key)}[{i}]", item) for i, item in enumerate(value)]

    def each(
        self, m: Mapping[str, Any], key: str, where: str, build: Callable[[Any, str], T | None]
    ) -> tuple[T, ...]:
        built = (build(item, place) for place, item in self.items(m, key, where))
        return tuple(x for x in built if x is not None)

    def known_keys(self, m: Mapping[str, Any], where: str, keys: set[str]) -> None:
        for key in m:
            if key not in keys:
                self.bad(_join(where, str(key)), "不认识的项（拼写有误？）")

    def money_map(self, value: object, where: str) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for key, raw in self.mapping(value, where).items():
            amount = self.money(raw, _join(where, str(key)))
            if amount is not None:
                out[str(key).strip()] = amount
        return out

    # -- the model
    def budget(self, data: object) -> Budget | None:
        from yusuan.compile.records import read_budget

        return read_budget(self, data)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


__all__ = ["BudgetError", "Problem", "from_data", "load"]
