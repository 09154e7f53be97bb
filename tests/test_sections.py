"""Sections: the signature and an attachment after it are not section text."""

from __future__ import annotations

import extractor

ATTACHMENT_REPORT = """某某镇2010年政府信息公开工作年度报告
一、概述
2010年，我镇政府信息公开工作稳步推进。
二、主动公开政府信息情况
2010年主动公开政府信息120条。
三、存在的主要问题及改进措施
进一步加强队伍建设。
某某镇人民政府
2011年1月20日
附件1：某某镇2010年政府信息公开情况统计表
指标名称 计量单位 本年度 历年累计
主动公开信息数 条 120 560
受理依申请公开信息总数 件 7 20
"""


def test_statistics_table_attached_after_the_signature(tmp_path):
    """附件1：…统计表 after the signature: the table is the report's, the signature is metadata,
    and neither is section 三's text."""
    path = tmp_path / "attachment.txt"
    path.write_text(ATTACHMENT_REPORT, encoding="utf-8")
    report = extractor.extract(path)
    sections = {s.code: s for s in report.section_list}
    assert sections["problems"].text == "进一步加强队伍建设。"
    assert sections["statistics"].title == "附件1：某某镇2010年政府信息公开情况统计表"
    assert "附件" not in sections["statistics"].text
    assert (report.meta["signature_body"], report.meta["signed"]) == (
        "某某镇人民政府",
        "2011-01-20",
    )
    assert report.value("indicators.proactive_total.cumulative") == 560
    assert report.value("indicators.requests_total.this_year") == 7
