"""Issuing bodies: the name as printed → short name, administrative level and region."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PLACE = re.compile(
    r"(.+?(?:特别行政区|自治区|自治州|自治县|综合实验区|新区|开发区|省|市|州|盟|地区|县|区|旗|镇|乡|街道))"
)
_GOV = re.compile(
    r"(人民政府办公室|人民政府办公厅|人民政府|政府|街道办事处|办事处|管委会|管理委员会)$"
)
_DEPT = re.compile(r"(局|厅|委员会|委|办公室|办|署|中心|院|所|站|队|公司|会)$")


@dataclass(frozen=True, slots=True)
class Body:
    full: str
    short: str
    level: str  # 省 / 市 / 县区 / 乡镇街道 / 部门 / "" when the name does not tell
    region: str


def places_in(name: str) -> list[str]:
    """Administrative places a name starts with, outermost first (淮安市洪泽区 → 淮安市, 洪泽区)."""
    out = []
    rest = name
    while True:
        m = _PLACE.match(rest)
        if not m or len(m.group(1)) > 12:
            break
        place = m.group(1)
        out.append(place)
        rest = rest[len(place) :]
        if not rest:
            break
    return out


def _level_of_place(place: str) -> str:
    if place.endswith(("省", "自治区", "特别行政区")):
        return "省"
    if place.endswith(("市", "州", "盟", "地区")):
        return "市"
    if place.endswith(("县", "区", "旗")):
        return "县区"
    if place.endswith(("镇", "乡", "街道")):
        return "乡镇街道"
    return ""


def describe_body(name: str) -> Body:
    """Full name → short name, level and region. A government (人民政府, 街道办事处 …) takes the
    level of its innermost place; anything else named after a place (…局, …委员会) is a 部门."""
    full = re.sub(r"\s+", "", name or "")
    if not full:
        return Body("", "", "", "")
    places = places_in(full)
    region = "".join(places)
    rest = full[len(region) :]
    gov = _GOV.search(rest) if rest else None
    if not rest or (gov and gov.start() == 0):
        level = _level_of_place(places[-1]) if places else ""
        if rest.startswith("街道办事处"):
            level = "乡镇街道"
        short = places[-1] if places else full
        if short.endswith("街道") is False and rest.startswith("街道办事处"):
            short += "街道"
        return Body(full, short, level, region)
    if _DEPT.search(rest):
        short = (places[-1] if places else "") + rest
        return Body(full, short, "部门", region)
    return Body(full, full, "", region)
