"""A department's name written one way, whichever way its documents print it.

The files of one disclosure (a narrative and a tables file) are paired by it, and a disclosure
is matched with last year's by it: one normalisation serves both, so that two documents are the
same department for one purpose exactly when they are for the other.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# 政协江苏省委 (from 中国人民政治协商会议江苏省委员会): the way its own titles print it, 江苏省政协
_CPPCC = re.compile(r"^政协(.+?[省市区县州盟旗])委")
# Words that are no part of who the department is: 本级, a bracketed scope (汇总, 部门, 单位,
# 合并), 部门 / 单位 or 汇总 after the name.
_NOISE = re.compile(
    r"[（(](?:本级|部门汇总|单位汇总|汇总|部门|单位|合并)[)）]|本级$|(?:部门汇总|单位汇总|汇总|部门|单位)$"
)


def normalise(name: str | None) -> str:
    """The name as compared: full-width folded, no spaces, 中国共产党 as 中共 and 中国人民政治协商会议
    as 政协, 委员会 as 委, without a leading 中共 (中共江苏省委办公厅 and 江苏省委办公厅 are one
    office; 中国人民政治协商会议江苏省委员会办公厅 is 江苏省政协办公厅) nor a trailing 本级 / 部门 /
    单位 / （汇总）."""
    if not name:
        return ""
    text = _SPACE.sub("", unicodedata.normalize("NFKC", name))
    text = text.replace("中国共产党", "中共").replace("中国人民政治协商会议", "政协")
    text = text.replace("委员会", "委")
    text = _CPPCC.sub(r"\1政协", text).removeprefix("中共")
    previous = None
    while previous != text:
        previous, text = text, _NOISE.sub("", text)
    return text.replace("(", "（").replace(")", "）")
