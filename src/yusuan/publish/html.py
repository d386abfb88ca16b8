"""HTML: one self-contained page (inline CSS, no script, nothing fetched), the narrative and then
each table with its merged header as rowspan/colspan. Jinja2 autoescapes every text."""

from __future__ import annotations

from decimal import Decimal

import jinja2

from yusuan.model import Disclosure
from yusuan.publish.layout import (
    HeadCell,
    Printed,
    Value,
    cover,
    money_text,
    narrative,
    printed_tables,
)

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>
body { font-family: "Noto Serif CJK SC", "SimSun", serif; margin: 2em auto; max-width: 1200px; }
h1 { text-align: center; font-size: 1.6em; }
h2 { font-size: 1.3em; margin-top: 1.6em; }
h3 { font-size: 1.1em; }
p { text-indent: 2em; line-height: 1.8; }
section.table { margin-top: 3em; page-break-before: always; }
.id { font-weight: bold; }
.caption { text-align: center; font-size: 1.2em; font-weight: bold; margin: .4em 0; }
.sub { display: flex; justify-content: space-between; text-indent: 0; margin: .3em 0; }
table { border-collapse: collapse; width: 100%; font-size: .85em; }
th, td { border: 1px solid #000; padding: 2px 4px; }
th { background: #f2f2f2; font-weight: normal; }
td.money { text-align: right; white-space: nowrap; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
{% for block in blocks -%}
{% if block.level == 0 %}<h2>{{ block.text }}</h2>
{% elif block.level == 1 %}<h3>{{ block.text }}</h3>
{% elif block.level %}<h4>{{ block.text }}</h4>
{% else %}<p>{{ block.text }}</p>
{% endif %}
{%- endfor %}
{% for t in tables %}
<section class="table">
{% if t.id %}<div class="id">{{ t.id }}</div>{% endif %}
<div class="caption">{{ t.title }}</div>
<p class="sub">{% if t.department %}<span>{{ t.department_line }}</span>　　{% endif %}<span>{{ t.unit }}</span></p>
<table>
<thead>
{% for r in range(t.head_rows) %}<tr>{% for h in head_row(t, r) %}<th{% if h.rowspan > 1 %} rowspan="{{ h.rowspan }}"{% endif %}{% if h.colspan > 1 %} colspan="{{ h.colspan }}"{% endif %}>{{ h.text }}</th>{% endfor %}</tr>
{% endfor %}
</thead>
<tbody>
{% for row in t.body %}<tr>{% for v in row %}<td{% if t.money[loop.index0] %} class="money"{% endif %}>{{ cell(v) }}</td>{% endfor %}</tr>
{% endfor %}
</tbody>
</table>
</section>
{% endfor %}
</body>
</html>
"""

_ENV = jinja2.Environment(autoescape=True, trim_blocks=False, lstrip_blocks=False)


def _cell(value: Value) -> str:
    if isinstance(value, Decimal):
        return money_text(value)
    return value or ""


def _head_row(table: Printed, row: int) -> list[HeadCell]:
    return sorted((h for h in table.head if h.row == row), key=lambda h: h.col)


def render_html(doc: Disclosure) -> str:
    """The page as text."""
    template = _ENV.from_string(_PAGE)
    return template.render(
        title=cover(doc),
        blocks=narrative(doc),
        tables=printed_tables(doc),
        cell=_cell,
        head_row=_head_row,
    )


def render_html_bytes(doc: Disclosure) -> bytes:
    """The page as UTF-8 (its <meta charset> says so)."""
    return render_html(doc).encode("utf-8")
