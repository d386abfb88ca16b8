"""HTML input: a saved government page, its paragraphs and `<table>`s in document order.

Parsed with lxml's HTML parser (libxml2): it recovers from the broken markup such pages are
made of, is fast on large pages, and comes anyway with python-docx, so it adds no dependency.
What a reader of the page would not call the disclosure is dropped: script, style, forms'
controls, hidden elements, and navigation, header and footer blocks (by tag, or by class/id
words such as nav, breadcrumb, footer) unless such a block holds most of the page's text (an
ASP.NET page wraps everything in one `<form>`). A table that holds other tables is layout:
its cells are read as blocks. Any other table with two or more columns becomes a grid, with
rowspan and colspan expanded.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from yusuan.errors import InputError
from yusuan.model import Disclosure
from yusuan.read.grid import Grid, Item, Paragraph, grid_text, make_grid
from yusuan.read.text import read_text

MAX_HTML_BYTES = 20 * 1024 * 1024
MAX_CELLS = 200_000  # grid positions over all tables, spans expanded
MAX_COLSPAN = 1_000  # as browsers clamp it

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB = {"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "csgb2312", "gb18030", "euc-cn"}
# A server's default label, never a Chinese page's real encoding: guess as if none were given.
_WESTERN = {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "windows-1252", "cp1252"}
# Server-side template code saved with the page (<%@ page … %>) precedes <html> and would
# push the head into the body.
_SERVER_CODE = re.compile(r"<%.*?%>", re.S)

# fmt: off
_NEVER_CONTENT = frozenset((
    "script", "style", "noscript", "template", "head", "title", "select", "option", "button",
    "input", "textarea", "object", "embed", "svg", "canvas", "iframe", "map", "audio", "video",
))
_CHROME_TAGS = frozenset(("nav", "header", "footer", "aside", "form", "menu"))
_CHROME_WORDS = frozenset((
    "nav", "navbar", "navi", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "footer",
    "foot", "sidebar", "topbar", "banner", "copyright", "toolbar", "share", "friendlink",
    "search", "login", "header", "logo",
))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_BLOCKS = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "section", "article", "main", "center", "address", "figure",
    "figcaption", "hr", "tr", "td", "th", "caption", "table", "tbody", "thead", "tfoot", "form",
    "fieldset", "header", "footer", "nav", "aside", "body", "html",
))
# fmt: on


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, charset): the BOM, else the meta tag's charset, else UTF-8, else GB18030.
    GB2312 and GBK are read as GB18030, their superset."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            return data.decode(codec, "replace"), codec.replace("-sig", "")
    found = _META_CHARSET.search(data[:16384])
    label = found.group(1).decode("ascii", "ignore").lower() if found else ""
    if label and label not in _WESTERN:
        codec = "gb18030" if label in _GB else label
        try:
            codecs.lookup(codec)
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: guess as if there were none
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace"), "gb18030"


def _words(element: Any) -> set[str]:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return {w.lower() for w in _WORD.findall(names)}


def _strip(root: Any) -> None:
    """Drop what is not the disclosure (see the module's doc); the text that follows a
    dropped element stays."""
    for element in [e for e in root.iter() if isinstance(e.tag, str) and _never_content(e)]:
        if element.getparent() is not None:
            element.drop_tree()
    total = len(root.text_content() or "")
    chrome = [
        e
        for e in root.iter()
        if isinstance(e.tag, str) and (e.tag.lower() in _CHROME_TAGS or _words(e) & _CHROME_WORDS)
    ]
    for element in chrome:
        # A wrapper of the whole page is not chrome, whatever it is called.
        if element.getparent() is not None and len(element.text_content() or "") * 2 < total:
            element.drop_tree()


def _never_content(element: Any) -> bool:
    style = element.get("style") or ""
    return (
        element.tag.lower() in _NEVER_CONTENT
        or element.get("hidden") is not None
        or _HIDDEN_STYLE.search(style) is not None
    )


def _is_grid(table: Any) -> bool:
    if table.xpath(".//table"):
        return False  # layout: it holds tables
    return any(len(_cells_of(tr)) > 1 for tr in _rows_of(table))


def _rows_of(table: Any) -> list[Any]:
    return list(table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"))


def _cells_of(tr: Any) -> list[Any]:
    return [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]


def _span(cell: Any, attribute: str) -> int:
    try:
        return int(str(cell.get(attribute) or "1").strip().rstrip(";"))
    except ValueError:
        return 1


class _Lines:
    """Text gathered into lines: a block element or a <br> ends a line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)

    def flush(self) -> None:
        line = "".join(self.buffer).strip()
        self.buffer = []
        if line.strip("\u00a0\u3000 \t\r\n"):
            self.lines.append(line)


def _walk(root: Any, name: str, budget: list[int], items: list[Item] | None) -> list[str]:
    """Walk `root` in document order. With `items`, paragraphs and grids go there; without
    (inside a grid's cell) the lines are returned."""
    from lxml import etree

    out = _Lines()

    def flush() -> None:
        out.flush()
        if items is not None:
            items.extend(Paragraph(line) for line in out.lines)
            out.lines = []

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        if not isinstance(element.tag, str):
            if event == "end":
                out.add(element.tail)
            continue
        tag = element.tag.lower()
        block = tag in _BLOCKS
        if event == "start":
            if tag == "table" and items is not None and _is_grid(element):
                flush()
                items.append(_grid(element, name, budget))
                walker.skip_subtree()  # its "end" event still comes, and adds its tail
                continue
            if block or tag == "br":
                flush()
            out.add(element.text)
        else:
            if block:
                flush()
            if element is not root:
                out.add(element.tail)
    flush()
    return out.lines


def _grid(table: Any, name: str, budget: list[int]) -> Grid:
    rows = _rows_of(table)
    cells: dict[tuple[int, int], str] = {}
    merges: list[tuple[int, int, int, int]] = []
    taken: set[tuple[int, int]] = set()
    for r, tr in enumerate(rows):
        c = 0
        for cell in _cells_of(tr):
            while (r, c) in taken:
                c += 1
            colspan = min(max(_span(cell, "colspan"), 1), MAX_COLSPAN)
            rowspan = _span(cell, "rowspan")
            rowspan = len(rows) - r if rowspan <= 0 else min(rowspan, len(rows) - r)
            budget[0] -= colspan * rowspan
            if budget[0] < 0:
                raise InputError(
                    f"tables of more than {MAX_CELLS} cells; the limit is {MAX_CELLS}", name
                )
            text = " ".join(_walk(cell, name, budget, None))
            if text:
                cells[(r, c)] = text
            taken.update((r + i, c + j) for i in range(rowspan) for j in range(colspan))
            if rowspan > 1 or colspan > 1:
                merges.append((r, c, r + rowspan - 1, c + colspan - 1))
            c += colspan
    return make_grid(cells, merges, path=name)


def html_items(data: bytes, name: str) -> tuple[list[Item], str]:
    """The page's paragraphs and tables in document order, and the charset it was read in."""
    import lxml.html
    from lxml import etree

    if len(data) > MAX_HTML_BYTES:
        raise InputError(f"an HTML page of {len(data)} bytes; the limit is {MAX_HTML_BYTES}", name)
    text, charset = decode_html(data)
    text = _SERVER_CODE.sub("", text)
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"not a readable HTML page ({exc})", name) from exc
    _strip(root)
    body = root.find("body")
    items: list[Item] = []
    _walk(body if body is not None else root, name, [MAX_CELLS], items)
    return items, charset


def read_html_bytes(data: bytes, name: str) -> Disclosure:
    items, _ = html_items(data, name)
    return read_text(grid_text(items), name, "html")
