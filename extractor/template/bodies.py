"""Issuing bodies: the name as printed → short name, administrative level and region."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..textutil import nfkc

_PLACE = re.compile(
    r"(.+?(?:特别行政区|自治区|自治州|自治县|综合实验区|新区|开发区|省|市|州|盟|地区|县|区|旗|镇|乡|街道))"
)
_GOV = re.compile(
    r"(人民政府办公室|人民政府办公厅|人民政府|政府|街道办事处|办事处|管委会|管理委员会)$"
)
_DEPT = re.compile(r"(局|厅|委员会|委|办公室|办|署|中心|院|所|站|队|公司|会)$")
MAX_PLACE = 12  # a place's name is this short (新疆维吾尔自治区: 8); a longer match ran past it
MIN_KEY = 2  # a body's key keeps 人民政府 when dropping it would leave less than this (X政府)


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
        if not m or len(m.group(1)) > MAX_PLACE:
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


# --- body keys: one key per issuing body, whatever form of its name a report prints ------------

# A government's name with or without 人民政府 is the same body (平昌关镇人民政府 = 平昌关镇); a
# 街道办事处 is its 街道. Anything else (…人民政府办公室, …局) is a body of its own.
_GOVERNMENT_END = re.compile(r"(人民政府|政府)$")
_SUBDISTRICT_OFFICE_END = re.compile(r"(街道)?办事处$")
# The office that compiles a government's report names itself in the preamble (本报告由淮安市洪泽区
# 人民政府办公室根据《条例》…编制): its government is the issuing body.
_COMPILER = re.compile(r"本报告由(.{2,40}?)(?:根据|依据|按照|依照|负责|编制|汇总)")
_COMPILING_OFFICE_END = re.compile(r"(人民政府|政府)(办公室|办公厅|党政办公室|党政办)$")
_NOT_NAME = re.compile(r"[\s\u3000:：,，、。“”\"'()（）《》]")


def body_key(name: str) -> str:
    """A printed issuing body → its key: NFKC, no whitespace or punctuation, 人民政府 / 政府 at
    the end dropped, 街道办事处 → 街道 (平昌关镇人民政府 → 平昌关镇)."""
    key = _NOT_NAME.sub("", nfkc(name or ""))
    if _SUBDISTRICT_OFFICE_END.search(key) and key.removesuffix("办事处").endswith("街道"):
        return key.removesuffix("办事处")
    stripped = _GOVERNMENT_END.sub("", key)
    return stripped if len(stripped) >= MIN_KEY else key


def compiler_body(preamble: str) -> str:
    """The issuing body a preamble names as compiler (本报告由X根据…编制), its compiling office
    taken off (X人民政府办公室 → X人民政府); '' when it names none."""
    m = _COMPILER.search(re.sub(r"\s+", "", preamble or ""))
    if not m:
        return ""
    name = m.group(1)
    office = _COMPILING_OFFICE_END.search(name)
    return name[: office.start(2)] if office else name


def choose_body_key(title_body: str, signature: str, preamble: str = "") -> tuple[str, str]:
    """(key, where it came from): the title's body, else the signature's, else the compiler the
    preamble names; ('', '') when none names a body."""
    for name, origin in ((title_body, "title"), (signature, "signature")):
        if body_key(name):
            return body_key(name), origin
    compiler = body_key(compiler_body(preamble))
    return (compiler, "preamble") if compiler else ("", "")


def keys_agree(a: str, b: str) -> bool:
    """Do two body keys name the same body (equal, or one the other with outer places added:
    洪泽区 and 淮安市洪泽区)?"""
    if not a or not b:
        return True
    short, long = sorted((a, b), key=len)
    return long.endswith(short) and _is_places(long[: len(long) - len(short)])


def _is_places(prefix: str) -> bool:
    return not prefix or "".join(places_in(prefix)) == prefix


def unify_keys(keys: list[str]) -> dict[str, str]:
    """Body keys met in one run → the key each stands for: a key that is another with its outer
    places left off (洪泽区 of 淮安市洪泽区) takes that fuller key when exactly one fuller key
    fits; otherwise it stays itself (two 城关镇 of different counties are not merged).

    Only keys that end with a key can be fuller than it, so each key is compared with those
    alone (found through an index of every key's proper endings): linear in the run's keys,
    where comparing every pair took 7 minutes for 10,000 bodies."""
    distinct = {k for k in keys if k}
    longer: dict[str, list[str]] = {}  # an ending → the keys that end with it and are longer
    for k in distinct:
        for start in range(1, len(k)):
            longer.setdefault(k[start:], []).append(k)
    out = {}
    for k in distinct:
        fuller = [o for o in longer.get(k, []) if keys_agree(k, o)]
        widest = [
            o for o in fuller if not any(len(p) > len(o) and keys_agree(o, p) for p in fuller)
        ]
        out[k] = widest[0] if len(widest) == 1 else k
    return out
