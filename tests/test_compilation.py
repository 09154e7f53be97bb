"""One file, many reports: compilations split per report; several table sets never merged.

The compilation sample (samples/build_samples.py, COMPILATION) holds the numbered 2023 sample
(平昌关镇), the pagebreak sample retitled 高丘镇 and the format-2019 sample retitled 邢集镇, each
from a new page; their cells are the hand-checked values of those samples (tests/expected.py).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

import extractor
from extractor.compilation import SEVERAL_SETS, report_starts
from extractor.errors import NotAReport
from extractor.model import Paragraph, Provenance
from extractor.readers import read_document
from extractor.report import document_to_report
from tests.conftest import SAMPLES
from tests.expected import FORMAT2019_2020, NUMBERED_2023, PAGEBREAK_2023, table_values

COMPILATION = SAMPLES / "compilation-three-towns"
EXPECTED = [
    ("平昌关镇", 2023, "2021", NUMBERED_2023, "2023-12-20"),
    ("高丘镇", 2023, "2021", PAGEBREAK_2023, "2024-01-12"),
    ("邢集镇", 2020, "2019", FORMAT2019_2020, "2021-01-20"),
]


@pytest.mark.parametrize(
    "suffix,sources",
    [
        (".pdf", ["#pages=1-4", "#pages=5-9", "#pages=10-13"]),
        (".docx", ["#blocks=1-26", "#blocks=27-54", "#blocks=55-80"]),
    ],
)
def test_a_compilation_gives_one_report_per_title_each_right_in_every_cell(suffix, sources):
    reports = extractor.extract_all(COMPILATION.with_suffix(suffix))
    assert [r.source for r in reports] == [f"{COMPILATION}{suffix}{s}" for s in sources]
    for report, (body, year, template, cells, signed) in zip(reports, EXPECTED, strict=True):
        assert (report.meta["body"], report.meta["year"]) == (body, year)
        assert (report.meta["template"], report.meta["signed"]) == (template, signed)
        assert report.meta["signature_body"] == f"{body}人民政府"
        assert table_values(report) == cells
        assert report.section_list[-1].code == "other"


def test_extract_refuses_a_compilation_rather_than_merge_it():
    with pytest.raises(NotAReport, match="3 reports in one file"):
        extractor.extract(COMPILATION.with_suffix(".pdf"))


def test_extract_many_gives_each_report_of_a_compilation():
    batch = extractor.extract_many([COMPILATION.with_suffix(".docx")])
    assert [r.meta["body"] for r in batch.reports] == ["平昌关镇", "高丘镇", "邢集镇"]
    assert batch.errors.empty


def test_two_sets_of_tables_under_one_title_are_refused():
    """A comparison (one body's tables of two years, one after the other, one title) cannot be
    told apart: refused, never one mixed record."""
    path = SAMPLES / "pingchangguan-2023-numbered.docx"
    doc = read_document(path.read_bytes(), str(path))
    twice = replace(doc, blocks=[*doc.blocks, *doc.tables])
    with pytest.raises(NotAReport, match=SEVERAL_SETS):
        document_to_report(twice)
    assert document_to_report(doc).meta["year"] == 2023  # once: an ordinary report


def _paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(t, Provenance(line=i + 1)) for i, t in enumerate(texts)]


def test_a_running_header_and_a_table_of_contents_start_no_report():
    blocks = _paras(
        "目录",
        "甲镇2023年政府信息公开工作年度报告",  # contents: no section 一 before the next title
        "乙镇2023年政府信息公开工作年度报告",
        "甲镇2023年政府信息公开工作年度报告",  # the report itself
        "一、总体情况",
        "甲镇2023年政府信息公开工作年度报告",  # running header on its next page
        "二、主动公开政府信息情况",
        "乙镇",  # body line above a title that starts with the year
        "2023年政府信息公开工作年度报告",
        "一、总体情况",
    )
    assert report_starts(blocks) == [3, 7]
