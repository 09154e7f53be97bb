"""The pre-2019 indicator vocabulary: printed labels → codes, close matches only."""

from __future__ import annotations

import pytest

from extractor.template.indicators import INDICATORS, PART_OF, match_indicator


@pytest.mark.parametrize(
    "printed,code",
    [
        ("主动公开信息数", "proactive_total"),
        ("主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "proactive_total"),
        ("政府网站公开政府信息数", "proactive_website"),
        ("政务微博公开政府信息数", "proactive_weibo"),
        ("收到申请数", "requests_total"),
        ("网络申请数", "requests_online"),
        ("申请办结数", "requests_closed"),
        ("不同意公开答复数", "replies_denied"),
        ("不是《条例》所指政府信息", "denied_not_government_info"),
        ("接受行政诉讼、举报数", "litigation_reports"),
        ("行政申诉、举报数", "complaints"),
        ("举报投诉数量", "reports"),
        ("主要负责同志参加新闻发布会次数", "press_conferences_leaders"),
        ("依申请公开信息收取的费用", "fees"),
    ],
)
def test_printed_indicator_gets_its_code(printed, code):
    item = match_indicator(printed)
    assert item is not None and item.code == code


@pytest.mark.parametrize("printed", ["被依法纠错数", "其他情形数", "维持具体行政行为数"])
def test_indicators_printed_under_both_appeal_kinds_keep_no_code(printed):
    """被依法纠错数 is printed under 行政复议 and under 行政诉讼: no code can say which."""
    assert match_indicator(printed) is None


def test_parts_and_wholes_are_known_codes():
    codes = {i.code for i in INDICATORS}
    assert set(PART_OF) <= codes and set(PART_OF.values()) <= codes
    assert len(codes) == len(INDICATORS)
