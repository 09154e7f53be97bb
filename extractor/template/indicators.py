"""The pre-2019 vocabulary: the indicators of the 政府信息公开情况统计表 (指标名称 · 计量单位 ·
本年度 · 历年累计), which of them are parts of which whole (其中 …), and the numbers the prose
states about them. Reading the table is statistics.py's work.

Codes follow the tables reports printed from 2008 to 2018: the early short table (主动公开信息数,
受理依申请公开信息总数, 行政申诉数 …) and the longer national table used from about 2013
(回应解读情况, 申请办结数, 不同意公开答复数 and its reasons, 机构建设和保障经费情况,
会议和培训情况). An indicator matching none keeps an empty code and its printed label.
"""

from __future__ import annotations

import re

from .labels import parse_label, score
from .schema import Item

INDICATORS = (
    # 主动公开情况
    Item(
        "proactive_total",
        "主动公开信息数",
        (
            "主动公开政府信息数",
            "主动公开文件数",
            "主动公开信息总数",
            "主动公开政府信息数不同渠道和方式公开相同信息计1条",
        ),
    ),
    Item("proactive_normative", "主动公开规范性文件数", ()),
    Item("normative_issued", "制发规范性文件总数", ("制发规范性文件数",)),
    Item(
        "proactive_website",
        "政府网站公开数",
        ("网站公开", "政府网站公开", "网站公开数", "政府网站公开政府信息数"),
    ),
    Item(
        "proactive_gazette",
        "政府公报公开数",
        ("政府公报公开", "公报公开", "政府公报公开政府信息数"),
    ),
    Item("proactive_weibo", "政务微博公开政府信息数", ("政务微博公开数",)),
    Item("proactive_wechat", "政务微信公开政府信息数", ("政务微信公开数",)),
    Item("proactive_other_channels", "其他方式公开政府信息数", ("其他方式公开数",)),
    Item("proactive_press", "新闻发布会公开数", ("新闻发布会",)),
    # 回应解读情况
    Item("responses_hot", "回应公众关注热点或重大舆情数", ("回应公众关注热点数",)),
    Item("press_conferences", "参加或举办新闻发布会总次数", ("举办新闻发布会次数",)),
    Item("press_conferences_leaders", "主要负责同志参加新闻发布会次数", ()),
    Item("online_interviews", "政府网站在线访谈次数", ("在线访谈次数",)),
    Item("online_interviews_leaders", "主要负责同志参加政府网站在线访谈次数", ()),
    Item("interpretations", "政策解读稿件发布数", ("政策解读稿件数",)),
    Item("responses_weibo_wechat", "微博微信回应事件数", ()),
    Item("responses_other", "其他方式回应事件数", ()),
    # 依申请公开情况
    Item(
        "requests_total",
        "受理依申请公开信息总数",
        ("受理申请总数", "受理政府信息公开申请总数", "依申请公开信息总数", "收到申请数"),
    ),
    Item("requests_in_person", "当面申请数", ("当面申请",)),
    Item("requests_fax", "传真申请数", ("传真申请",)),
    Item("requests_email", "电子邮件申请数", ("电子邮件申请",)),
    Item("requests_online", "网上申请数", ("网上申请", "网络申请数")),
    Item("requests_letter", "信函申请数", ("信函申请",)),
    Item("requests_letter_fax", "信函、传真申请数", ()),
    Item("requests_other", "其它形式申请数", ("其他形式申请数",)),
    Item("requests_closed", "申请办结数", ()),
    Item("requests_closed_on_time", "按时办结数", ()),
    Item("requests_closed_extended", "延期办结数", ()),
    Item("replies_total", "对申请的答复数", ("对申请的答复总数", "答复总数", "申请答复数")),
    Item("replies_already_public", "属于已主动公开范围数", ()),
    Item("replies_granted", "同意公开答复数", ()),
    Item("replies_partial", "同意部分公开答复数", ("部分公开答复数",)),
    Item(
        "replies_denied",
        "否决公开答复数",
        ("不予公开答复数", "不同意公开答复数", "否决公开答复总数"),
    ),
    Item("denied_state_secret", "涉及国家秘密", ()),
    Item("denied_business_secret", "涉及商业秘密", ()),
    Item("denied_privacy", "涉及个人隐私", ()),
    Item("denied_security_stability", "危及国家安全、公共安全、经济安全和社会稳定", ()),
    Item("denied_not_government_info", "不是《条例》所指政府信息", ("不是条例所指政府信息",)),
    Item("denied_other_law", "法律法规规定的其他情形", ()),
    Item("replies_not_this_body", "不属于本行政机关公开数", ()),
    Item("replies_not_exist", "申请信息不存在数", ()),
    Item("replies_correction", "告知作出更改补充数", ()),
    Item("replies_other_route", "告知通过其他途径办理数", ()),
    Item("replies_other", "其他类型答复数", ()),
    # 行政复议、诉讼、申诉、举报
    Item("reconsideration", "行政复议数", ("行政复议数量",)),
    Item("litigation", "行政诉讼数", ("行政诉讼数量",)),
    Item("complaints", "行政申诉数", ("接受行政申诉举报数",)),
    Item("litigation_reports", "接受行政诉讼、举报数", ()),  # not 行政申诉: its own indicator
    Item("reports", "举报投诉数量", ("举报投诉数",)),
    Item(
        "fees",
        "收费及减免金额",
        (
            "政府信息公开收费减免金额",
            "收费减免金额",
            "依申请公开收费金额",
            "依申请公开信息收取的费用",
        ),
    ),
    # 机构建设和保障经费, 会议和培训
    Item("offices", "政府信息公开工作专门机构数", ()),
    Item("reading_points", "设置政府信息公开查阅点数", ("政府信息公开查阅点数",)),
    Item("staff", "从事政府信息公开工作人员数", ()),
    Item("staff_full_time", "专职人员数", ("专职人员数不包括政府公报及政府网站工作人员数",)),
    Item("staff_part_time", "兼职人员数", ()),
    Item("budget", "政府信息公开专项经费", ()),
    Item("meetings", "召开政府信息公开工作会议或专题会议数", ()),
    Item("trainings", "举办各类培训班数", ()),
    Item("trainees", "接受培训人员数", ()),
)
COLUMNS = {"this_year": "本年度", "cumulative": "历年累计"}
UNITS = ("万元", "人次", "条", "件", "元", "个", "项", "次", "篇", "人")

# 其中 …: an indicator that counts part of another (part → whole); a part never exceeds its
# whole, in either column.
PART_OF = {
    "proactive_normative": "proactive_total",
    "proactive_website": "proactive_total",
    "proactive_gazette": "proactive_total",
    "proactive_weibo": "proactive_total",
    "proactive_wechat": "proactive_total",
    "proactive_press": "proactive_total",
    "press_conferences_leaders": "press_conferences",
    "online_interviews_leaders": "online_interviews",
    **{
        code: "requests_total"
        for code in (
            "requests_in_person",
            "requests_fax",
            "requests_email",
            "requests_online",
            "requests_letter",
            "requests_letter_fax",
            "requests_other",
        )
    },
    "requests_closed_on_time": "requests_closed",
    "requests_closed_extended": "requests_closed",
    **{
        code: "replies_total"
        for code in (
            "replies_already_public",
            "replies_granted",
            "replies_partial",
            "replies_denied",
            "replies_not_this_body",
            "replies_not_exist",
            "replies_correction",
            "replies_other_route",
            "replies_other",
        )
    },
    **{
        code: "replies_denied"
        for code in (
            "denied_state_secret",
            "denied_business_secret",
            "denied_privacy",
            "denied_security_stability",
            "denied_not_government_info",
            "denied_other_law",
        )
    },
    "staff_full_time": "staff",
    "staff_part_time": "staff",
}

# A printed indicator takes a code only on a close match: the table's labels are many and
# alike (被依法纠错数 under 行政复议 and under 行政诉讼), so a loose one would misfile a number.
MIN_INDICATOR_SCORE = 0.85
MARGIN = 0.05


def match_indicator(label: str) -> Item | None:
    """A printed indicator label (its 其中/number already cut off) → its item, or None."""
    key = parse_label(label).key
    if not key or key.isdigit():
        return None
    ranked = sorted(((score(key, item), item) for item in INDICATORS), key=lambda t: -t[0])
    best, item = ranked[0]
    runner_up = ranked[1][0]
    if best < MIN_INDICATOR_SCORE or (best < 1.0 and best - runner_up < MARGIN):
        return None
    return item


def item_of(code: str | None) -> Item | None:
    return next((i for i in INDICATORS if i.code == code), None)


# Numbers the prose states about the indicators, for reports with no table and to check the
# table: (code, pattern); group 1 is the number (or 未: none).
_CHANNEL = r"(?:方式)?(?:提出|提交|递交)?的?(?:政府信息公开)?申请(?:共)?"
PROSE = (
    ("proactive_total", re.compile(r"主动公开(?:各类)?(?:政府)?信息\s*(\d+)\s*条")),
    (
        "requests_total",
        re.compile(
            r"(?:共|累计)?(?:受理|收到)[^。；，,\d]{0,16}?(?:政府信息公开|依申请公开|信息公开)申请"
            r"(?:共)?\s*(\d+)\s*(?:件|条|次)"
        ),
    ),
    (
        "requests_total",
        re.compile(r"(未)(?:收到|受理)[^。；]{0,16}?(?:政府信息公开|依申请公开)?申请"),
    ),
    ("requests_in_person", re.compile(rf"(?:当面|现场){_CHANNEL}\s*(\d+)\s*(?:件|条)")),
    ("requests_fax", re.compile(rf"(?<!信函、)传真{_CHANNEL}\s*(\d+)\s*(?:件|条)")),
    ("requests_email", re.compile(rf"电子邮件{_CHANNEL}\s*(\d+)\s*(?:件|条)")),
    ("requests_online", re.compile(rf"(?:网上|网络){_CHANNEL}\s*(\d+)\s*(?:件|条)")),
    ("requests_letter", re.compile(rf"信函{_CHANNEL}\s*(\d+)\s*(?:件|条)")),
    ("reconsideration", re.compile(r"行政复议(?:申请)?\s*(\d+)\s*(?:件|起)")),
    ("litigation", re.compile(r"行政诉讼\s*(\d+)\s*(?:件|起)")),
)
