"""The report as one self-contained HTML page: the summary of every disclosure, then each
error and warning beside a crop of its PDF page with the figure boxed.

Nothing is fetched: the style is inline and each crop a data: URI, so the file can be mailed
or archived and opens the same offline. Every piece of text is escaped (it comes from
published documents). Findings without a box on a page (a text input, a whole-document
finding) quote their source line instead of a crop. Info notes are counted, not listed: they
are what rounding explains, nothing to hand on.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from pathlib import Path

from yusuan.audit import Report
from yusuan.audit.finding import Severity
from yusuan.render.report.crops import PageCrops
from yusuan.render.report.rows import (
    SEVERITY_NAMES,
    SUMMARY_HEADERS,
    Decide,
    FindingRow,
    finding_rows,
    summary_rows,
)

STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
  sans-serif; margin: 24px; color: #222; line-height: 1.5; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; border-bottom: 2px solid #345; }
table.summary { border-collapse: collapse; width: 100%; font-size: 14px; }
table.summary th, table.summary td { border: 1px solid #999; padding: 4px 8px; text-align: left; }
table.summary th { background: #dde4ee; }
table.summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
.s-有错误 { color: #b00; font-weight: bold; } .s-待核 { color: #b60; } .s-通过 { color: #060; }
.finding { display: flex; gap: 16px; border: 1px solid #ccc; border-left: 6px solid #999;
  padding: 10px; margin: 12px 0; break-inside: avoid; page-break-inside: avoid; }
.finding.error { border-left-color: #c00; } .finding.warning { border-left-color: #d80; }
.finding .text { flex: 1 1 45%; min-width: 0; font-size: 14px; }
.finding .page { flex: 1 1 55%; min-width: 0; }
.finding img { max-width: 100%; border: 1px solid #bbb; }
.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 6px 0; }
.finding dt { color: #555; } .finding dd { margin: 0; }
.rule { font-family: monospace; color: #345; }
.level { font-weight: bold; } .error .level { color: #c00; } .warning .level { color: #b60; }
blockquote { margin: 0; padding: 6px 10px; background: #f4f4f4; border-left: 3px solid #bbb;
  white-space: pre-wrap; font-size: 13px; }
.decided { color: #060; } .muted { color: #666; font-size: 13px; }
table.summary th, table.summary td.k { white-space: nowrap; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 12px; } table.summary { font-size: 11px; }
  .finding { display: block; border-color: #999; }  /* the crop below its text, full width */
  .finding .page { margin-top: 6px; }
}
"""


def _figure(value: Decimal | None) -> str:
    return "—" if value is None else format(value, "f")


def _summary(reports: Sequence[Report], decide: Decide | None) -> list[str]:
    out = ['<table class="summary" id="summary">', "<thead><tr>"]
    out += [f"<th>{escape(h)}</th>" for h in SUMMARY_HEADERS]
    out.append("</tr></thead><tbody>")
    listed = {id(r) for r in reports if any(f.severity is not Severity.INFO for f in r.findings)}
    for number, (report, row) in enumerate(
        zip(reports, summary_rows(reports, decide), strict=True)
    ):
        name = escape(row.department or "?")
        # a department with errors or warnings links to them: a region's page is long
        name = f'<a href="#doc-{number}">{name}</a>' if id(report) in listed else name
        short = '<td class="k">{}</td>'  # a year, a kind: never broken over two lines
        out.append(
            f"<tr><td>{name}</td>"
            + short.format("" if row.year is None else row.year)
            + short.format(escape(row.kind))
            + f"<td>{escape(row.template)}</td><td>{escape(row.file)}</td>"
        )
        out.append(
            "".join(f'<td class="n k">{n}</td>' for n in (row.errors, row.warnings, row.infos))
        )
        out.append(f'<td class="k s-{escape(row.status)}">{escape(row.status)}</td></tr>')
    out.append("</tbody></table>")
    return out


def _place(row: FindingRow) -> str:
    where = row.file + (f" 第 {row.page} 页" if row.page is not None else "")
    if row.page is None and row.line:
        where += f" 第 {row.line} 行"
    return where


def _finding(row: FindingRow, crop: str | None) -> list[str]:
    level = row.severity.value
    out = [f'<section class="finding {level}">', '<div class="text">']
    out.append(
        f'<div><span class="level">{SEVERITY_NAMES[row.severity]}</span> '
        f'<span class="rule">{escape(row.rule)}</span></div>'
    )
    out.append(f"<p>{escape(row.message)}</p><dl>")
    items = [
        ("位置", _place(row)),
        ("表", row.table),
        ("行", row.row),
        ("列", row.column),
    ]
    if row.stated is not None or row.expected is not None:
        items += [("所列值", _figure(row.stated)), ("应为值", _figure(row.expected))]
    items += [("建议", row.suggestion), ("决定", row.decision)]
    for name, value in items:
        if value:
            css = ' class="decided"' if name == "决定" else ""
            out.append(f"<dt>{name}</dt><dd{css}>{escape(value)}</dd>")
    out.append("</dl></div>")
    out.append('<div class="page">')
    if crop is not None:
        alt = f"{row.file} 第 {row.page} 页：{row.quote}"
        out.append(f'<img class="crop" alt="{escape(alt, quote=True)}" src="{crop}">')
    elif row.quote:
        out.append(f"<blockquote>{escape(row.quote)}</blockquote>")
    else:
        out.append('<p class="muted">（针对整份文件，无具体位置）</p>')
    out.append("</div></section>")
    return out


def render_html(reports: Sequence[Report], decide: Decide | None = None) -> str:
    """The whole page as a string."""
    total = {s: sum(r.count(s) for r in reports) for s in SEVERITY_NAMES}
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # the page may fetch nothing: a crop is a data: URI, the style is inline
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\">",
        "<title>预算公开审核报告</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>预算公开审核报告</h1>",
        f'<p class="muted">共 {len(reports)} 份公开；错误 {total[Severity.ERROR]} 个，'
        f"警告 {total[Severity.WARNING]} 个，提示 {total[Severity.INFO]} 条（提示不逐条列出）。</p>",
        "<h2>汇总</h2>",
        *_summary(reports, decide),
    ]
    rows = [r for r in finding_rows(reports, decide) if r.severity is not Severity.INFO]
    with PageCrops() as crops:
        current: Report | None = None
        number = {id(r): n for n, r in enumerate(reports)}
        for row in rows:
            if row.report is not current:
                current = row.report
                meta = current.doc.meta
                kind = meta.kind.value if meta.kind else ""
                title = f"{meta.department or meta.path or '?'} {meta.year or ''}年{kind}"
                out.append(f'<h2 id="doc-{number[id(current)]}">{escape(title)}</h2>')
                out.append(f'<p class="muted">{escape(meta.path or "")}</p>')
            out += _finding(row, crops.crop(row.report.doc, row.finding))
    if not rows:
        out.append("<p>没有错误或警告。</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write_html(out: Path, reports: Sequence[Report], decide: Decide | None = None) -> None:
    """Write the page to `out`."""
    out.write_text(render_html(reports, decide), encoding="utf-8")
