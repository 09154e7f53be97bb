"""The canonical schema: codes and official labels of every row and column, per template.

This is data, not logic. The codes are the contract analysts and tests rely on; ``label`` is the
official Chinese wording; ``variants`` lists other printed forms (short forms, old wordings,
typos seen in real reports) that the matcher accepts as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True, eq=False)  # items are constants: identity is equality
class Item:
    code: str
    label: str
    variants: tuple[str, ...] = ()
    group: str | None = None  # code of the group a sub-row belongs to
    number: int | None = None  # its enumerator in the template (1. 2. … or （一）…)


# --- Table 2: 收到和处理政府信息公开申请情况 (2019 and 2021 formats) -------------------------

REQUEST_GROUPS = (
    Item("results", "三、本年度办理结果", ("本年度办理结果",), number=3),
    Item("denied", "（三）不予公开", ("不予公开",), number=3),
    Item("unavailable", "（四）无法提供", ("无法提供",), number=4),
    Item("rejected", "（五）不予处理", ("不予处理",), number=5),
    Item("other_group", "（六）其他处理", ("其他处理",), number=6),
)

REQUEST_ROWS = (
    Item("new", "一、本年新收政府信息公开申请数量", ("本年新收", "本年新收申请数量"), number=1),
    Item("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转",), number=2),
    Item("granted", "（一）予以公开", ("予以公开",), group="results", number=1),
    Item(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ("部分公开",),
        group="results",
        number=2,
    ),
    Item("denied_state_secret", "1.属于国家秘密", ("国家秘密",), "denied", 1),
    Item(
        "denied_prohibited",
        "2.其他法律行政法规禁止公开",
        ("法律行政法规禁止公开", "其他法律法规禁止公开"),
        "denied",
        2,
    ),
    Item(
        "denied_security_stability",
        "3.危及“三安全一稳定”",
        ("危及三安全一稳定", "三安全一稳定"),
        "denied",
        3,
    ),
    Item("denied_third_party", "4.保护第三方合法权益", ("第三方合法权益",), "denied", 4),
    Item(
        "denied_internal_affairs",
        "5.属于三类内部事务信息",
        ("三类内部事务信息", "内部事务信息"),
        "denied",
        5,
    ),
    Item(
        "denied_process_info", "6.属于四类过程性信息", ("四类过程性信息", "过程性信息"), "denied", 6
    ),
    Item("denied_enforcement_file", "7.属于行政执法案卷", ("行政执法案卷",), "denied", 7),
    Item("denied_query_matter", "8.属于行政查询事项", ("行政查询事项",), "denied", 8),
    Item(
        "unavailable_not_held",
        "1.本机关不掌握相关政府信息",
        ("不掌握相关政府信息", "本机关不掌握"),
        "unavailable",
        1,
    ),
    Item(
        "unavailable_needs_creation",
        "2.没有现成信息需要另行制作",
        ("没有现成信息", "需要另行制作"),
        "unavailable",
        2,
    ),
    Item(
        "unavailable_unclear",
        "3.补正后申请内容仍不明确",
        ("补正后申请内容仍不明确", "申请内容不明确"),
        "unavailable",
        3,
    ),
    Item("rejected_petition", "1.信访举报投诉类申请", ("信访举报投诉",), "rejected", 1),
    Item("rejected_repeat", "2.重复申请", (), "rejected", 2),
    Item("rejected_publication", "3.要求提供公开出版物", ("公开出版物",), "rejected", 3),
    Item(
        "rejected_excessive",
        "4.无正当理由大量反复申请",
        ("大量反复申请",),
        "rejected",
        4,
    ),
    Item(
        "rejected_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        ("确认或重新出具已获取信息", "要求行政机关确认或重新出具"),
        "rejected",
        5,
    ),
    Item(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("逾期不补正", "申请人无正当理由逾期不补正"),
        "other_group",
        1,
    ),
    Item(
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("逾期未按收费通知要求缴纳费用", "逾期未缴纳费用", "逾期未缴费"),
        "other_group",
        2,
    ),
    Item("other_other", "3.其他", (), "other_group", 3),
    Item("other", "（六）其他处理", ("其他处理",), group="results", number=6),
    Item("total", "（七）总计", ("总计", "合计"), group="results", number=7),
    Item(
        "carried_forward", "四、结转下年度继续办理", ("结转下年度继续办理", "结转下年度"), number=4
    ),
)

REQUEST_COLUMNS = (
    Item("natural_person", "自然人"),
    Item("business", "商业企业", ("企业",)),
    Item("research", "科研机构"),
    Item("nonprofit", "社会公益组织", ("公益组织",)),
    Item("legal", "法律服务机构"),
    Item("other_org", "其他", ("其他组织",)),
    Item("total", "总计", ("合计",)),
)
APPLICANT_COLUMNS = ("natural_person", "business", "research", "nonprofit", "legal", "other_org")
OUTCOME_ROWS = tuple(
    r.code
    for r in REQUEST_ROWS
    if r.code not in ("new", "carried_over", "total", "carried_forward")
)
OTHER_SUBROWS = ("other_no_correction", "other_unpaid_fee", "other_other")

# --- Table 3: 行政复议、行政诉讼 ----------------------------------------------------------------

APPEAL_ROWS = (
    Item("reconsideration", "行政复议", ("复议",)),
    Item("litigation_direct", "行政诉讼·未经复议直接起诉", ("未经复议直接起诉", "直接起诉")),
    Item("litigation_after", "行政诉讼·复议后起诉", ("复议后起诉",)),
)
APPEAL_COLUMNS = (
    Item("upheld", "结果维持", ("维持",)),
    Item("corrected", "结果纠正", ("纠正",)),
    Item("other", "其他结果", ("其他",)),
    Item("pending", "尚未审结", ("尚未", "审结", "未审结")),
    Item("total", "总计", ("合计",)),
)
APPEAL_RESULTS = ("upheld", "corrected", "other", "pending")

# --- Table 1: 主动公开政府信息情况 ---------------------------------------------------------------

PROACTIVE_ROWS = (
    Item("regulations", "规章"),
    Item("normative_documents", "行政规范性文件", ("规范性文件",)),
    Item("licensing", "行政许可"),
    Item("other_services", "其他对外管理服务事项", ("对外管理服务事项",)),
    Item("punishment", "行政处罚"),
    Item("enforcement", "行政强制"),
    Item("fees", "行政事业性收费", ("事业性收费",)),
    Item("procurement", "政府集中采购", ("集中采购",)),
)
PROACTIVE_COLUMNS_2021 = (
    Item("issued", "本年制发件数", ("制发件数", "本年制发")),
    Item("repealed", "本年废止件数", ("废止件数", "本年废止")),
    Item("in_force", "现行有效件数", ("现行有效",)),
    Item("decisions", "本年处理决定数量", ("处理决定数量",)),
    Item("amount", "本年收费金额（单位：万元）", ("本年收费金额", "收费金额")),
)
PROACTIVE_COLUMNS_2019 = (
    Item("made", "本年新制作数量", ("新制作数量", "本年新制作")),
    Item("published", "本年新公开数量", ("新公开数量", "本年新公开")),
    Item("total_published", "对外公开总数量", ("对外公开总数",)),
    Item("previous_items", "上一年项目数量", ("上年项目数量", "上一年项目")),
    Item("change", "本年增/减", ("本年增减", "增/减", "增减")),
    Item("decisions", "处理决定数量", ()),
    Item("items", "采购项目数量", ("项目数量",)),
    Item("amount", "采购总金额", ("总金额",)),
)

# Which cells each template defines for table 1: row → columns.
PROACTIVE_CELLS = {
    "2021": {
        "regulations": ("issued", "repealed", "in_force"),
        "normative_documents": ("issued", "repealed", "in_force"),
        "licensing": ("decisions",),
        "punishment": ("decisions",),
        "enforcement": ("decisions",),
        "fees": ("amount",),
    },
    "2019": {
        "regulations": ("made", "published", "total_published"),
        "normative_documents": ("made", "published", "total_published"),
        "licensing": ("previous_items", "change", "decisions"),
        "other_services": ("previous_items", "change", "decisions"),
        "punishment": ("previous_items", "change", "decisions"),
        "enforcement": ("previous_items", "change", "decisions"),
        "fees": ("previous_items", "change"),
        "procurement": ("items", "amount"),
    },
}
MONEY_COLUMNS = {("fees", "amount"): "万元", ("procurement", "amount"): "万元"}


def requests_row_codes() -> list[str]:
    """Row codes of table 2 in template order (``other`` is the one-row form of （六）)."""
    return [r.code for r in REQUEST_ROWS]


def canonical_cells(template: str = "2021") -> list[tuple[str, str, str]]:
    """Every (table, row, column) a report of this template version has, in a fixed order."""
    cells = [("proactive", r, c) for r, cols in PROACTIVE_CELLS[template].items() for c in cols]
    cells += [("requests", r.code, c.code) for r in REQUEST_ROWS for c in REQUEST_COLUMNS]
    cells += [("appeals", r.code, c.code) for r in APPEAL_ROWS for c in APPEAL_COLUMNS]
    return cells


@lru_cache(maxsize=1024)
def label_of(table: str, axis: str, code: str, version: str = "2021") -> str:
    """The official Chinese label of a row or column code (table 1's columns per template
    version: the 2019 format words them otherwise)."""
    proactive_columns = (
        PROACTIVE_COLUMNS_2019 + PROACTIVE_COLUMNS_2021
        if version == "2019"
        else PROACTIVE_COLUMNS_2021 + PROACTIVE_COLUMNS_2019
    )
    pools = {
        ("requests", "row"): REQUEST_ROWS,
        ("requests", "column"): REQUEST_COLUMNS,
        ("appeals", "row"): APPEAL_ROWS,
        ("appeals", "column"): APPEAL_COLUMNS,
        ("proactive", "row"): PROACTIVE_ROWS,
        ("proactive", "column"): proactive_columns,
    }
    for item in pools.get((table, axis), ()):
        if item.code == code:
            if table == "requests" and axis == "row" and item.group not in (None, "results"):
                group = next(g for g in REQUEST_GROUPS if g.code == item.group)
                return f"{group.label}{item.label}"
            if table == "requests" and axis == "column" and code in APPLICANT_COLUMNS[1:]:
                return f"法人或其他组织·{item.label}"
            return item.label
    return code
