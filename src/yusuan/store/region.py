"""A disclosure's region (地区): given on import (`yusuan import --region`), else read off the
leading place name of its department's name (浙江省财政厅 → 浙江省, 上海市普陀区万里街道办事处 →
上海市普陀区), else none.

The rule is data, not a list of departments: the province-level names, then any leading name
ending in 省 / 市 / 自治区 / 自治州 / 地区 / 盟 / 区 / 县 / 旗, level after level, as long as each
is a place's name and not a word that merely ends so (城市, 社区, 开发区 …).
"""

from __future__ import annotations

import re
import unicodedata

from yusuan.departments import normalise

# The 34 province-level divisions, full names (GB/T 2260).
PROVINCES = (
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
)

# One level of a place's name: a few characters and the word for its level. Lazy, so the
# shortest name is taken (杭州市市场监督管理局: 杭州市, not 杭州市市).
# 省 and 自治区 only from the list (共青团浙江省委 does not begin with a province's name).
_LEVEL = re.compile(r"[^\W\d_]{2,7}?(?:自治州|自治县|地区|市|盟|区|县|旗)|[^\W\d_]县")
# Words ending like a level that are no place (the level's word is part of another word).
NOT_PLACES = (
    "城市",
    "都市",
    "社区",
    "园区",
    "景区",
    "辖区",
    "小区",
    "片区",
    "林区",
    "矿区",
    "山区",
    "牧区",
    "库区",
    "灾区",
    "校区",
    "营区",
    "开发区",
    "高新区",
    "示范区",
    "试验区",
    "实验区",
    "保税区",
    "功能区",
    "合作区",
    "风景区",
    "保护区",
)
_MOST_LEVELS = 3  # province, city, district (上海市普陀区 is two; 浙江省杭州市西湖区 three)


def region_of(department: str | None) -> str:
    """The region the department's name begins with; "" when it begins with none."""
    if not department:
        return ""
    text = normalise(unicodedata.normalize("NFKC", department))
    found: list[str] = []
    rest = text
    while len(found) < _MOST_LEVELS:
        level = _level(rest, first=not found)
        if not level:
            break
        found.append(level)
        rest = rest[len(level) :]
    return "".join(found)


def _level(text: str, first: bool) -> str:
    """The place's name `text` begins with, one level; "" when none."""
    for province in PROVINCES:
        if first and text.startswith(province):
            return province
    match = _LEVEL.match(text)
    if match is None:
        return ""
    name = match.group(0)
    return "" if any(name.endswith(word) for word in NOT_PLACES) else name


def clean_region(given: str | None) -> str | None:
    """A region given by hand, spaces folded and bounded; None when blank."""
    if given is None:
        return None
    text = " ".join(unicodedata.normalize("NFKC", given).split())[:80]
    return text or None


__all__ = ["NOT_PLACES", "PROVINCES", "clean_region", "region_of"]
