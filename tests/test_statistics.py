"""The pre-2019 统计表 read from text, and the prose's numbers checked against it."""

from __future__ import annotations

from decimal import Decimal

import extractor

CHANNELS_REPORT = """某某县人民政府2010年政府信息公开工作年度报告
一、概述
2010年，我县政府信息公开工作稳步推进。
二、主动公开政府信息情况
2010年主动公开政府信息120条。
三、依申请公开政府信息情况
2010年共受理政府信息公开申请7件，其中网上申请3件、信函申请4件。
四、政府信息公开的收费及减免情况
未收取任何费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
无。
六、政府信息公开情况统计表
指标名称 计量单位 本年度 历年累计
主动公开信息数 条 120 560
受理依申请公开信息总数 件 7 20
其中：1.当面申请数 件 0 2
2.电子邮件申请数 件 3 5
3.网上申请数 件 4 9
4.信函申请数 件 0 4
"""


def test_prose_channels_contradicting_the_table_are_failed_checks(tmp_path):
    """Prose: 网上申请3件、信函申请4件; table: 电子邮件3, 网上4, 信函0. Both sides are reported."""
    path = tmp_path / "channels.txt"
    path.write_text(CHANNELS_REPORT, encoding="utf-8")
    report = extractor.extract(path)
    checks = {c.scope: c for c in report.check_list if c.rule == "text.matches_table"}
    assert {s: (c.lhs_value, c.rhs_value, c.status) for s, c in checks.items()} == {
        "proactive_total.this_year": (120, 120, "pass"),
        "requests_total.this_year": (7, 7, "pass"),
        "requests_online.this_year": (3, 4, "fail"),
        "requests_letter.this_year": (4, 0, "fail"),
    }
    assert "网上申请3件" in checks["requests_online.this_year"].lhs
    assert checks["requests_letter.this_year"].rhs == "indicators.requests_letter.this_year"
    # the table's values are kept as printed
    assert report.value("indicators.requests_email.this_year") == Decimal(3)


def test_prose_about_another_year_is_no_statement(tmp_path):
    """2009年主动公开政府信息90条 in a 2010 report is last year's number, not this year's."""
    text = CHANNELS_REPORT.replace(
        "2010年主动公开政府信息120条。", "2009年主动公开政府信息90条，2010年主动公开政府信息120条。"
    )
    path = tmp_path / "years.txt"
    path.write_text(text, encoding="utf-8")
    report = extractor.extract(path)
    said = [f for f in report.fact_list if f.origin == "text" and f.row == "proactive_total"]
    assert [f.value for f in said] == [120]
