"""The 2019 format, traditional mirror copies, Word markup in text, labels with years."""

from __future__ import annotations

import pytest

import extractor
from extractor.template.bodies import describe_body
from tests.conftest import SAMPLES
from tests.expected import FORMAT2019_2020, NUMBERED_2023, table_values


@pytest.mark.parametrize(
    "suffix,engine", [(".pdf", "pdfium"), (".pdf", "pdfplumber"), (".docx", "pdfium")]
)
def test_2019_format_every_cell(suffix, engine):
    report = extractor.extract(
        SAMPLES / f"pingchangguan-2020-format2019{suffix}", pdf_engine=engine
    )
    assert table_values(report) == FORMAT2019_2020
    assert report.meta["template"] == "2019"
    assert {c.status for c in report.check_list} == {"pass"}
    units = {f.key: f.unit for f in report.fact_list}
    assert units["proactive.procurement.amount"] == "万元"  # written in the cell: 38.02万元


def test_2019_format_old_section_title():
    report = extractor.extract(SAMPLES / "pingchangguan-2020-format2019.docx")
    titles = {s.code: s.title for s in report.section_list}
    assert titles["appeals"] == "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"


def test_template_is_decided_by_the_tables_not_the_year():
    """A 2023 report is 2021 format by its tables; the 2020 sample is 2019 format by its
    table 1 (本年新制作数量 …), not because of its year."""
    assert (
        extractor.extract(SAMPLES / "pingchangguan-2023-numbered.docx").meta["template"] == "2021"
    )
    meta = extractor.extract(SAMPLES / "pingchangguan-2020-format2019.docx").meta
    assert meta["template_tables"] == "appeals:?;proactive:2019;requests:?"


def test_traditional_character_mirror_copy():
    report = extractor.extract(SAMPLES / "pingchangguan-2023-traditional.docx")
    assert table_values(report) == NUMBERED_2023
    assert report.meta["body"] == "平昌关镇" and "traditional" in report.meta["notes"]
    sections = {s.code: s.text for s in report.section_list}
    assert "政府信息公开" in sections["overview"]


def test_word_markup_leaking_into_text_and_labels_with_year_and_annotation():
    report = extractor.extract(SAMPLES / "pingchangguan-2023-wordmarkup.txt")
    assert table_values(report) == NUMBERED_2023
    text = "\n".join(s.text for s in report.section_list)
    assert "<!--" not in text and "<o:p>" not in text
    printed = {f.key: f.printed_column for f in report.fact_list if f.table == "proactive"}
    assert printed["proactive.regulations.issued"] == "本年(2023)制发件数"
    assert printed["proactive.regulations.in_force"] == "现行有效件数(历史累计)"


@pytest.mark.parametrize(
    "name,short,level,region",
    [
        ("淮安市洪泽区人民政府", "洪泽区", "县区", "淮安市洪泽区"),
        ("平昌关镇人民政府", "平昌关镇", "乡镇街道", "平昌关镇"),
        ("福建省人民政府", "福建省", "省", "福建省"),
        ("平潭综合实验区地方税务局", "平潭综合实验区地方税务局", "部门", "平潭综合实验区"),
        ("北京市朝阳区望京街道办事处", "望京街道", "乡镇街道", "北京市朝阳区望京街道"),
    ],
)
def test_issuing_body_level_and_region(name, short, level, region):
    body = describe_body(name)
    assert (body.full, body.short, body.level, body.region) == (name, short, level, region)


def test_report_mixing_generations_is_read_table_by_table():
    """A 2023 report printing the 2019 table 1 beside the 2021 table 2."""
    report = extractor.extract(SAMPLES / "pingchangguan-2023-mixed.txt")
    assert report.meta["template"] == "mixed"
    assert report.meta["template_tables"] == "appeals:?;proactive:2019;requests:2021"
    values = table_values(report)
    assert values["proactive.licensing.change"] == -2
    assert values["proactive.normative_documents.total_published"] == 15
    assert str(values["proactive.procurement.amount"]) == "12.5"
    assert values["requests.other_other.total"] == 0  # 2021 sub-rows of （六）


def test_2019_table1_columns_carry_the_2019_official_labels():
    """Table 1 is defined once (schema.py) and labelled per template: the 2019 format's
    procurement amount is 采购总金额 and its decisions 处理决定数量 (templates.md), not the
    2021 wording (本年收费金额（单位：万元）, 本年处理决定数量)."""
    report = extractor.extract(SAMPLES / "pingchangguan-2020-format2019.docx")
    labels = {f.key: f.column_label for f in report.fact_list if f.table == "proactive"}
    assert labels["proactive.procurement.amount"] == "采购总金额"
    assert labels["proactive.licensing.decisions"] == "处理决定数量"
    assert labels["proactive.licensing.previous_items"] == "上一年项目数量"
    report_2021 = extractor.extract(SAMPLES / "pingchangguan-2023-numbered.docx")
    labels = {f.key: f.column_label for f in report_2021.fact_list if f.table == "proactive"}
    assert labels["proactive.fees.amount"] == "本年收费金额（单位：万元）"
    assert labels["proactive.licensing.decisions"] == "本年处理决定数量"
