"""The words of what a reviewer reads around the findings — headings, severity words, summary
lines, notes on files — in Chinese (the default) and English (`--lang en`). The findings'
own messages stay as the rules wrote them."""

from __future__ import annotations

LANGS = ("zh", "en")

_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "reading": "读取",
        "skipped": "跳过的检查",
        "place": "位置：",
        "stated": "所列 {stated}　应为 {expected}　（把握：{sure}）",
        "high": "高",
        "medium": "中",
        "low": "低",
        "header": "# {path}：{dept} {year}年{kind} — 模板 {template}{poor}，{tables} 张表",
        "poor": "（吻合不佳）",
        "headline": "错误 {errors} · 警告 {warnings} · 提示 {info}{hidden}",
        "hidden": "（加 -v 显示）",
        "doc-summary": "小结：{errors} 个错误，{warnings} 个警告，{info} 条提示{hidden}；"
        "检查 {evaluated} 项，{failed} 项不符，{skipped} 项跳过",
        "not-shown": "（未显示）",
        "decided": "已处理",
        "decided-suffix": "；{n} 条已处理（见审核基线）",
        "total": "汇总：{docs} 份公开，错误 {errors} 个，警告 {warnings} 个{failed}",
        "total-failed": "，{n} 份未能读取或审核",
        "line": "  {name}：{what} 错误 {errors}，警告 {warnings}",
        "line-failed": "  {name}：未能读取或审核",
        "narrative-alone": "只有情况说明，没有找到同一部门同一年度的表格文件：单独审核",
        "tables-alone": "只有表格，没有找到同一部门同一年度的情况说明文件：单独审核",
        "ambiguous": "同一部门同一年度还有 {others}，无法确定哪两个文件是一份公开：单独审核",
        "annotated": "{out}：已标注 {placed} 处问题{unplaced}",
        "unplaced": "，{n} 处无页码未标注",
        "note-figures": "所列 {stated}，应为 {expected}",
    },
    "en": {
        "error": "Errors",
        "warning": "Warnings",
        "info": "Info",
        "reading": "Reading",
        "skipped": "Checks skipped",
        "place": "place: ",
        "stated": "stated {stated}  expected {expected}  (confidence: {sure})",
        "high": "high",
        "medium": "medium",
        "low": "low",
        "header": "# {path}: {dept} {year} {kind} — template {template}{poor}, {tables} tables",
        "poor": " (poor fit)",
        "headline": "errors {errors} · warnings {warnings} · info {info}{hidden}",
        "hidden": " (-v to show)",
        "doc-summary": "Summary: {errors} errors, {warnings} warnings, {info} info{hidden}; "
        "{evaluated} checks, {failed} failed, {skipped} skipped",
        "not-shown": " (not shown)",
        "decided": "Decided",
        "decided-suffix": "; {n} decided (see the baseline)",
        "total": "Total: {docs} disclosure{s}, {errors} errors, {warnings} warnings{failed}",
        "total-failed": ", {n} could not be read or audited",
        "line": "  {name}: {what} errors {errors}, warnings {warnings}",
        "line-failed": "  {name}: could not be read or audited",
        "narrative-alone": "a narrative without tables, and no tables file of the same "
        "department and year was found: audited alone",
        "tables-alone": "tables without a narrative, and no narrative file of the same "
        "department and year was found: audited alone",
        "ambiguous": "{others} are of the same department and year too; which two files are "
        "one disclosure is not clear: audited alone",
        "annotated": "{out}: {placed} findings marked{unplaced}",
        "unplaced": ", {n} without a page",
        "note-figures": "stated {stated}, expected {expected}",
    },
}

# Severity headings in a report, and the severity word inside a note or a reading line.
SEVERITY_WORD = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def word(lang: str, key: str, **values: object) -> str:
    """The phrase `key` in `lang` (English for a language not known), filled in."""
    table = _WORDS.get(lang, _WORDS["en"])
    return table[key].format(**values) if values else table[key]
