"""Small regression tests of the template layer, each on a short report in the published-text
format (paragraphs a line, table rows tab-separated), written out here."""

from __future__ import annotations

import extractor
from extractor.model import Paragraph
from extractor.template.sections import blocks_to_sections
from extractor.textutil import fix_lookalikes
from tests.expected import SECTIONS_2021

HEAD = "测试镇2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n三、收到和处理政府信息公开申请情况\n"
HEADER = (
    "\t\t申请人情况\t\t\t\t\t\t总计\n"
    "\t\t自然人\t法人或其他组织\t\t\t\t\t\n"
    "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"
)


def _report(rows: str) -> extractor.Report:
    return extractor.extract_bytes((HEAD + HEADER + rows).encode("utf-8"), "t.txt")


def test_kangxi_radical_lookalikes_become_ordinary_characters():
    assert fix_lookalikes("⼀、本年新收") == "一、本年新收"
    assert fix_lookalikes("（⼆）部分公开，") == "（二）部分公开，"  # punctuation stays full-width


def test_label_that_maps_to_nothing_is_reported_and_its_numbers_not_taken():
    report = _report(
        "一、本年新收政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3\n"
        "（八）转交其他机关办理\t\t5\t0\t0\t0\t0\t0\t5\n"
    )
    assert {f.row for f in report.fact_list} == {"new"}
    problems = [p for p in report.problems if p.rule == "label.unmapped"]
    assert len(problems) == 1 and "转交其他机关办理" in problems[0].detail
    assert problems[0].status == "fail" and problems[0].prov.line == 9


def test_short_form_labels_and_stray_spaces():
    report = _report(
        "（六）其他处理\t1.逾期不补正\t2\t0\t0\t0\t0\t0\t2\n"
        "\t2.逾期未缴费\t1\t0\t0\t0\t0\t0\t1\n"
        "\t3.其 他\t0\t0\t0\t0\t0\t0\t0\n"
    )
    rows = {f.row for f in report.fact_list}
    assert rows == {"other_no_correction", "other_unpaid_fee", "other_other"}


def test_sections_numbered_1_2_3_instead_of_yi_er_san():
    paras = [
        Paragraph(t)
        for t in [
            "某局2022年政府信息公开工作年度报告",
            "1、总体情况",
            "（一）主动公开情况。正文",
            "2、主动公开政府信息情况",
            "3、收到和处理政府信息公开申请情况",
            "4、政府信息公开行政复议、行政诉讼情况",
            "5、存在的主要问题及改进情况",
            "6、其他需要报告的事项",
            "无。",
        ]
    ]
    sections, _ = blocks_to_sections(paras)
    assert [s.code for s in sections] == SECTIONS_2021
    assert sections[1].text == "（一）主动公开情况。正文"


def test_strip_a_page_break_cut_off_a_row_is_no_row_and_its_blanks_no_zeros():
    """Chromium sliced the row 3.其他 at a page break: on the first page only the row-spanning
    （六）其他处理 cell reaches into an empty strip; the row's label and values are on the next
    page. The strip was read as the one-row （六） with seven zeros."""
    from extractor.model import Provenance, Table, grid_from_spans
    from extractor.template.requests import map_requests

    labels = ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    spans = [(0, c, 1, 1, t, Provenance()) for c, t in enumerate(labels)]
    spans += [(1, 0, 3, 1, "（六）其他处理", Provenance())]  # spans the strip (row 2)
    spans += [(1, 1, 1, 1, "2.申请人逾期未按收费通知要求缴纳费用", Provenance())]
    spans += [(1, 2 + i, 1, 1, v, Provenance()) for i, v in enumerate("1234567")]
    spans += [(3, 1, 1, 1, "3.其他", Provenance())]
    spans += [(3, 2 + i, 1, 1, v, Provenance()) for i, v in enumerate("7654321")]
    table = Table(grid_from_spans(spans, 4, 9))
    facts = {f.key: f.value for f in map_requests([table]).facts}
    assert not any(k.startswith("requests.other.") for k in facts)
    assert facts["requests.other_other.total"] == 1
