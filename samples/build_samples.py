#!/usr/bin/env python
"""Build the Word + PDF report samples in this folder.

Usage:  python samples/build_samples.py [--no-pdf] [--only NAME] [--values]

Needs python-docx and LibreOffice (``soffice``) on PATH; pdfplumber, if installed, is
used to read every PDF back and warn when a cell or the page-break layout differs.
The prose (title, the paragraphs of sections 一, 五 and 六, the signature block) is
read from ``pingchangguan-2023.txt`` next to this script, a real published town report.
The three tables are built from scratch with python-docx, reproducing the merged
cells (gridSpan / vMerge) and the column widths of the official 2021 template
(国办公开办函〔2021〕30号).  Each .docx is then converted to PDF with

    soffice --headless --convert-to pdf --outdir samples/ <file>.docx

(run with a throw-away LibreOffice profile and a fontconfig file that maps 宋体/楷体
to Noto Serif CJK SC and 黑体 to Noto Sans CJK SC).

Samples (see README.md for the numbers in every cell):

* pingchangguan-2023.docx           - the report as published (all table numbers 0)
* pingchangguan-2023-numbered.docx  - every numeric cell a distinct non-zero number,
                                      all template rules hold
* pingchangguan-2023-pagebreak.docx - other distinct numbers, the requests table
                                      broken across a page *inside* a tall row, the
                                      three header rows repeated, plus deliberate
                                      real-world quirks (QUIRK comments / README)
* pingchangguan-2020-format2019.docx - a 2020 report in the 2019 format
                                      (国办公开办函〔2019〕60号): the five-block table 1,
                                      （六）其他处理 as one row, the old section-4 title;
                                      distinct numbers, one negative 本年增/减
* pingchangguan-2023-traditional.docx - the numbered sample in traditional characters
                                      (OpenCC s2t; needs opencc-python-reimplemented);
                                      .docx only
* pingchangguan-2023-wordmarkup.txt - the numbered sample as published text (like
                                      pingchangguan-2023.txt) with leaked Word markup
                                      and annotated table-1 column labels; text only
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.table import _Cell

HERE = Path(__file__).resolve().parent
SOURCE_TXT = HERE / "pingchangguan-2023.txt"

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
NOTE_FONT = "楷体"

SECTION_TITLES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

# --------------------------------------------------------------------------------------
# Table labels (official 2021 template wording)
# --------------------------------------------------------------------------------------

T1_BLOCKS = [
    # (clause, column headers, row labels)
    (
        "第二十条第（一）项",
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "行政规范性文件"],
    ),
    ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
    ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
]

T2_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T2_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

# The 25 numeric rows of table 2: (group label or None, row label)
T2_ROWS: list[tuple[str | None, str]] = [
    (None, "一、本年新收政府信息公开申请数量"),
    (None, "二、上年结转政府信息公开申请数量"),
    (None, "（一）予以公开"),
    (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("（三）不予公开", "1.属于国家秘密"),
    ("（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("（三）不予公开", "3.危及“三安全一稳定”"),
    ("（三）不予公开", "4.保护第三方合法权益"),
    ("（三）不予公开", "5.属于三类内部事务信息"),
    ("（三）不予公开", "6.属于四类过程性信息"),
    ("（三）不予公开", "7.属于行政执法案卷"),
    ("（三）不予公开", "8.属于行政查询事项"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("（四）无法提供", "2.没有现成信息需要另行制作"),
    ("（四）无法提供", "3.补正后申请内容仍不明确"),
    ("（五）不予处理", "1.信访举报投诉类申请"),
    ("（五）不予处理", "2.重复申请"),
    ("（五）不予处理", "3.要求提供公开出版物"),
    ("（五）不予处理", "4.无正当理由大量反复申请"),
    ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("（六）其他处理", "3.其他"),
    (None, "（七）总计"),
    (None, "四、结转下年度继续办理"),
]
T2_ROW_NEW, T2_ROW_PREV, T2_ROW_TOTAL, T2_ROW_CARRY = 0, 1, 23, 24
T2_OUTCOME_ROWS = range(2, 23)  # the 21 rows (一) … (六)3

# ---- 2019 format (国办公开办函〔2019〕60号), used for the 2019 and 2020 reports ----------

# the section-4 title many offices kept from the pre-2019 reports
SECTION4_TITLE_OLD = "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"

T1_BLOCKS_2019 = [
    (
        "第二十条第（一）项",
        ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "规范性文件"],
    ),
    (
        "第二十条第（五）项",
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可", "其他对外管理服务事项"],
    ),
    (
        "第二十条第（六）项",
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政处罚", "行政强制"],
    ),
    # blocks with two value columns: the second value cell spans the last two grid
    # columns (as in the 2019 template and the reports copied from it)
    ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], ["行政事业性收费"]),
    ("第二十条第（九）项", ["采购项目数量", "采购总金额"], ["政府集中采购"]),
]

# The 23 numeric rows of the 2019 table 2: （六）其他处理 is one row without sub-rows
T2_ROWS_2019: list[tuple[str | None, str]] = [
    *T2_ROWS[:20],
    (None, "（六）其他处理"),
    *T2_ROWS[23:],
]
assert len(T2_ROWS_2019) == 23 and T2_ROWS_2019[19][1] == "5.要求行政机关确认或重新出具已获取信息"

T3_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T3_BLOCKS = ["行政复议", "未经复议直接起诉", "复议后起诉"]

# --------------------------------------------------------------------------------------
# The numbers of each sample
# --------------------------------------------------------------------------------------


@dataclass
class Sample:
    name: str
    # table 1: label -> list of cell strings (3 for 规章/行政规范性文件, 1 otherwise)
    t1: dict[str, list[str]]
    # table 2: 25 rows x 7 cell strings, in T2_ROWS / T2_COLUMNS order
    t2: list[list[str]]
    # table 3: 3 blocks x 5 cell strings, in T3_BLOCKS / T3_RESULTS order
    t3: list[list[str]]
    repeat_header: bool = False
    # start section 三 on a new page so that the requests table sits on one page
    page_break_before_t2: bool = False
    # extra layout knobs used to place the page break of the pagebreak sample
    extra_paragraphs: list[str] = field(default_factory=list)
    space_before_t2_pt: float = 0.0
    # --- fields used by the samples added after the first three (defaults = 2021 form)
    # "2021": 国办公开办函〔2021〕30号 tables; "2019": 国办公开办函〔2019〕60号 tables
    fmt: str = "2021"
    # title / signature lines instead of the published text's
    title: str | None = None
    signature: list[str] | None = None
    # section headings printed instead of the template's (template title -> printed)
    headings: dict[str, str] = field(default_factory=dict)
    # (old, new) replacements applied to the prose paragraphs of the published text
    prose_replace: list[tuple[str, str]] = field(default_factory=list)
    # OpenCC configuration applied to every text run of the document (e.g. "s2t")
    opencc: str | None = None
    # convert the .docx to PDF (False: .docx only)
    pdf: bool = True


def t1_blocks(sample: Sample) -> list:
    return T1_BLOCKS_2019 if sample.fmt == "2019" else T1_BLOCKS


def t2_rows(sample: Sample) -> list[tuple[str | None, str]]:
    return T2_ROWS_2019 if sample.fmt == "2019" else T2_ROWS


def t2_indexes(sample: Sample) -> tuple[int, int, int, int, range]:
    """(一 row, 二 row, （七）总计 row, 四 row, outcome rows) of the sample's table 2."""
    n = len(t2_rows(sample))
    return 0, 1, n - 2, n - 1, range(2, n - 2)


def _t2_from_outcomes(
    outcomes: list[list[int]], prev: list[int], carry: list[int]
) -> list[list[int]]:
    """Derive the sum rows of table 2 from the outcome rows (6 applicant columns):
    21 rows in the 2021 form, 19 in the 2019 form."""
    assert len(outcomes) in (21, 19) and all(len(r) == 6 for r in outcomes)
    total = [sum(r[c] for r in outcomes) for c in range(6)]
    new = [total[c] + carry[c] - prev[c] for c in range(6)]
    rows = [new, prev, *outcomes, total, carry]
    return [[*r, sum(r)] for r in rows]


def _str_rows(rows: list[list[int]]) -> list[list[str]]:
    return [[str(v) for v in r] for r in rows]


PUBLISHED = Sample(
    name="pingchangguan-2023",
    t1={
        "规章": ["0", "0", "0"],
        "行政规范性文件": ["0", "0", "0"],
        "行政许可": ["0"],
        "行政处罚": ["0"],
        "行政强制": ["0"],
        "行政事业性收费": ["0"],
    },
    t2=[["0"] * 7 for _ in T2_ROWS],
    t3=[["0"] * 5 for _ in T3_BLOCKS],
    page_break_before_t2=True,
)

# Numbered sample: outcome values are distinct numbers in 1..200; all other cells are
# derived so that every template rule holds.  Every numeric cell of the three tables
# is distinct from every other one.
_NUMBERED_OUTCOMES = [
    [89, 99, 98, 30, 58, 62],
    [59, 48, 25, 135, 122, 50],
    [5, 74, 73, 57, 85, 66],
    [40, 112, 105, 123, 61, 110],
    [12, 42, 22, 114, 20, 109],
    [3, 54, 97, 121, 132, 65],
    [134, 11, 21, 49, 92, 124],
    [8, 45, 118, 77, 87, 9],
    [43, 13, 82, 2, 1, 133],
    [39, 111, 68, 15, 69, 117],
    [38, 26, 33, 79, 128, 106],
    [102, 36, 37, 32, 31, 63],
    [28, 129, 78, 41, 94, 29],
    [84, 127, 44, 88, 51, 27],
    [120, 55, 64, 86, 83, 16],
    [80, 101, 108, 104, 70, 24],
    [90, 60, 4, 76, 103, 35],
    [100, 10, 72, 125, 46, 18],
    [53, 71, 115, 107, 113, 75],
    [93, 126, 67, 17, 81, 7],
    [19, 56, 91, 96, 6, 23],
]
NUMBERED = Sample(
    name="pingchangguan-2023-numbered",
    t1={
        "规章": ["34", "95", "131"],
        "行政规范性文件": ["136", "138", "139"],
        "行政许可": ["140"],
        "行政处罚": ["141"],
        "行政强制": ["142"],
        "行政事业性收费": ["23.0715"],
    },
    t2=_str_rows(
        _t2_from_outcomes(
            _NUMBERED_OUTCOMES,
            prev=[188, 150, 195, 137, 143, 194],
            carry=[47, 130, 119, 116, 14, 52],
        )
    ),
    t3=_str_rows(
        [
            [144, 145, 146, 147, 582],
            [148, 149, 151, 152, 600],
            [153, 154, 155, 156, 618],
        ]
    ),
    page_break_before_t2=True,
)

_PAGEBREAK_OUTCOMES = [
    [127, 13, 47, 105, 45, 125],
    [64, 29, 51, 59, 81, 43],
    [2, 116, 26, 72, 46, 24],
    [32, 21, 65, 28, 77, 85],
    [50, 19, 109, 83, 82, 23],
    [42, 20, 110, 114, 10, 101],
    [16, 25, 120, 80, 113, 98],
    [31, 121, 106, 134, 67, 132],
    [4, 99, 92, 122, 131, 18],
    [78, 93, 9, 52, 71, 27],
    [90, 104, 7, 3, 118, 11],
    [95, 107, 115, 63, 102, 135],
    [126, 119, 62, 128, 123, 36],
    [111, 60, 15, 69, 49, 74],
    [100, 37, 84, 30, 56, 87],
    [97, 58, 39, 35, 73, 124],
    [94, 91, 14, 8, 33, 44],
    [117, 22, 89, 129, 96, 38],
    [130, 112, 66, 57, 75, 79],
    [53, 34, 55, 1, 86, 108],
    [88, 12, 76, 41, 54, 17],
]
_pagebreak_t2 = _str_rows(
    _t2_from_outcomes(
        _PAGEBREAK_OUTCOMES,
        prev=[146, 139, 147, 176, 138, 144],
        carry=[40, 68, 70, 133, 5, 6],
    )
)
# QUIRK (a): the 总计 of row （二）部分公开 is printed one too high (not compensated).
_pagebreak_t2[3][6] = str(int(_pagebreak_t2[3][6]) + 1)

PAGEBREAK = Sample(
    name="pingchangguan-2023-pagebreak",
    t1={
        # QUIRK (b): 本年废止件数 of 规章 printed as '—' (= zero), fee written with its unit
        "规章": ["48", "—", "61"],
        "行政规范性文件": ["103", "136", "137"],
        "行政许可": ["140"],
        "行政处罚": ["141"],
        "行政强制": ["142"],
        "行政事业性收费": ["3.5万元"],
    },
    t2=_pagebreak_t2,
    t3=[
        ["143", "145", "148", "149", "585"],
        ["150", "151", "152", "153", "606"],
        # QUIRK (c): 复议后起诉 总计 left blank although its four results are non-zero
        ["154", "155", "156", "157", ""],
    ],
    repeat_header=True,
    # Layout tuning that puts the page break inside the row
    # （六）1.申请人无正当理由逾期不补正、… (see README.md): section 三 starts a new page,
    # two extra prose paragraphs (not in the published text) and 52 pt 段后 spacing above
    # the table.  With LibreOffice 7.4 + Noto CJK any value in 32..60 pt splits that row
    # (32..44: two label lines stay above the break, 48..60: one line stays above).
    page_break_before_t2=True,
    extra_paragraphs=[
        "本年度，我镇严格执行政府信息公开申请登记、审核、办理、答复、归档等工作流程，"
        "对每一件申请均明确承办人员和办理时限，做到依法依规、及时准确答复。"
        "对申请内容不明确的，及时一次性告知申请人作出补正；对不属于本机关公开职责范围的，"
        "告知申请人并说明理由，能够确定负责公开机关的，告知其名称和联系方式。",
        "办理过程中，我镇注重与申请人的沟通，对涉及第三方合法权益的申请依法书面征求第三方意见，"
        "对需要延长答复期限的申请经政府信息公开工作机构负责人同意并告知申请人。"
        "全年收到和处理政府信息公开申请的具体情况见下表。",
    ],
    space_before_t2_pt=52.0,
)

# 2020 report in the 2019 format.  Outcome values are distinct numbers from 1..125
# (never 3, since table 1 holds -3, and never the numbered sample's number in the same
# cell); 二、上年结转 from 126..200; table 1 from 201..239; table 3 from 241..252.
# Every numeric cell of the three tables differs from every other, also by absolute value.
_FORMAT2019_OUTCOMES = [
    [17, 68, 112, 12, 70, 53],  # （一）予以公开
    [80, 76, 99, 63, 36, 26],  # （二）部分公开
    [121, 10, 31, 89, 56, 41],  # （三）1
    [30, 9, 86, 114, 52, 7],
    [94, 35, 107, 66, 124, 20],
    [14, 72, 73, 38, 74, 67],
    [98, 105, 115, 44, 43, 46],
    [13, 91, 32, 106, 24, 59],
    [64, 60, 122, 45, 57, 82],
    [77, 116, 97, 21, 65, 6],  # （三）8
    [84, 120, 113, 78, 55, 48],  # （四）1
    [4, 40, 92, 100, 93, 87],
    [102, 27, 42, 39, 79, 23],  # （四）3
    [118, 28, 83, 1, 110, 18],  # （五）1
    [58, 88, 125, 19, 11, 108],
    [51, 25, 37, 54, 29, 95],
    [2, 104, 75, 15, 71, 50],
    [111, 62, 49, 16, 22, 8],  # （五）5
    [117, 33, 101, 61, 119, 5],  # （六）其他处理 (one row)
]
FORMAT2019 = Sample(
    name="pingchangguan-2020-format2019",
    fmt="2019",
    t1={
        # 第二十条第（一）项: 本年新制作数量, 本年新公开数量, 对外公开总数量
        "规章": ["212", "209", "236"],
        "规范性文件": ["231", "218", "227"],
        # 第二十条第（五）/（六）项: 上一年项目数量, 本年增/减, 处理决定数量
        "行政许可": ["205", "239", "214"],
        "其他对外管理服务事项": ["233", "221", "203"],
        "行政处罚": ["228", "-3", "216"],  # a negative 本年增/减 (ASCII hyphen-minus)
        "行政强制": ["207", "224", "201"],
        # 第二十条第（八）项: 上一年项目数量, 本年增/减
        "行政事业性收费": ["238", "215"],
        # 第二十条第（九）项: 采购项目数量, 采购总金额 (written with its unit)
        "政府集中采购": ["229", "38.02万元"],
    },
    t2=_str_rows(
        _t2_from_outcomes(
            _FORMAT2019_OUTCOMES,
            prev=[170, 176, 181, 126, 196, 143],
            carry=[69, 85, 123, 109, 90, 103],
        )
    ),
    t3=_str_rows(
        [
            [241, 243, 246, 250, 980],
            [242, 247, 249, 252, 990],
            [244, 245, 248, 251, 988],
        ]
    ),
    page_break_before_t2=True,
    title="平昌关镇2020年政府信息公开工作年度报告",
    signature=["平昌关镇人民政府", "2021年1月25日"],
    headings={SECTION_TITLES[3]: SECTION4_TITLE_OLD},
    prose_replace=[("党的二十大精神", "党的十九届四中、五中全会精神"), ("2023", "2020")],
)

# The numbered sample in traditional characters: every text run of the document goes
# through OpenCC s2t (prose, headings, table labels, signature); the numbers are the
# numbered sample's, unchanged.  Word file only.
TRADITIONAL = replace(
    NUMBERED,
    name="pingchangguan-2023-traditional",
    title="平昌關鎮2023年政府信息公開工作年度報告",
    opencc="s2t",
    pdf=False,
)

SAMPLES = [PUBLISHED, NUMBERED, PAGEBREAK, FORMAT2019, TRADITIONAL]

# --------------------------------------------------------------------------------------
# Rule checks (so that a wrong edit of the numbers above is caught at build time)
# --------------------------------------------------------------------------------------


def _int(s: str) -> int:
    return int(s)


def check_numbers(sample: Sample, *, expect_ok: bool) -> list[str]:
    """Return the list of template-rule breaches of a sample's tables."""
    breaches: list[str] = []
    t2 = sample.t2
    rows = t2_rows(sample)
    row_new, row_prev, row_total, row_carry, outcome_rows = t2_indexes(sample)
    assert len(t2) == len(rows), (sample.name, len(t2))
    for i, row in enumerate(t2):
        vals = [_int(v) for v in row]
        if sum(vals[:6]) != vals[6]:
            breaches.append(f"table2 row {rows[i][1]}: sum {sum(vals[:6])} != 总计 {vals[6]}")
    for c in range(7):
        col = [_int(r[c]) for r in t2]
        outcome_sum = sum(col[i] for i in outcome_rows)
        if outcome_sum != col[row_total]:
            breaches.append(
                f"table2 column {T2_COLUMNS[c]}: outcomes sum {outcome_sum}"
                f" != （七）总计 {col[row_total]}"
            )
        if col[row_new] + col[row_prev] != col[row_total] + col[row_carry]:
            breaches.append(f"table2 column {T2_COLUMNS[c]}: 一+二 != 七+四")
    for b, block in enumerate(sample.t3):
        if block[4] == "" or sum(_int(v) for v in block[:4]) != _int(block[4]):
            breaches.append(f"table3 block {T3_BLOCKS[b]}: 总计 {block[4]!r} != sum of results")
    if expect_ok:
        assert not breaches, (sample.name, breaches)
    return breaches


def check_distinct(sample: Sample) -> None:
    """Every numeric cell of the numbered samples holds a distinct non-zero number."""
    cells = [v for vs in sample.t1.values() for v in vs]
    cells += [v for r in sample.t2 for v in r] + [v for b in sample.t3 for v in b]
    nums = [v for v in cells if v.replace(".", "", 1).isdigit()]
    assert all(float(v) != 0 for v in nums), sample.name
    assert len(set(nums)) == len(nums), (sample.name, sorted(v for v in nums if nums.count(v) > 1))


def check_distinct_strict(sample: Sample) -> None:
    """Stricter check for the 2019-format sample: every table cell is a number (a sign
    and a 万元 unit allowed), non-zero, and no two cells share an absolute value (so a
    lost minus sign or a unit read as a different number is always caught)."""
    cells = [v for vs in sample.t1.values() for v in vs]
    cells += [v for r in sample.t2 for v in r] + [v for b in sample.t3 for v in b]
    values = [abs(float(v.removesuffix("万元"))) for v in cells]
    assert all(values), sample.name
    assert len(set(values)) == len(values), (
        sample.name,
        sorted(v for v in values if values.count(v) > 1),
    )
    blocks = t1_blocks(sample)
    assert list(sample.t1) == [label for _, _, labels in blocks for label in labels]
    for _, headers, labels in blocks:
        assert all(len(sample.t1[label]) == len(headers) for label in labels), sample.name


# --------------------------------------------------------------------------------------
# Reading the published prose
# --------------------------------------------------------------------------------------


@dataclass
class Prose:
    title: str
    sections: dict[str, list[str]]
    signature: list[str]


def read_prose(path: Path = SOURCE_TXT) -> Prose:
    raw = path.read_text(encoding="utf-8").splitlines()
    # lines holding a tab are the tables' rows; the builder makes its own tables
    lines = [ln.strip() for ln in raw if "\t" not in ln and ln.strip()]
    title = lines[0]
    signature = lines[-2:]
    sections: dict[str, list[str]] = {}
    current = None
    for ln in lines[1:-2]:
        if ln in SECTION_TITLES:
            current = ln
            sections[current] = []
        elif current is None:
            raise ValueError(f"text before the first section: {ln!r}")
        else:
            sections[current].append(ln)
    assert list(sections) == SECTION_TITLES, list(sections)
    return Prose(title, sections, signature)


# --------------------------------------------------------------------------------------
# Low-level OOXML helpers
# --------------------------------------------------------------------------------------


def set_run_font(run, font: str, size_pt: float, bold: bool = False) -> None:
    run.font.size = Pt(size_pt)
    run.font.bold = bold or None
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)
    rfonts.set(qn("w:hint"), "eastAsia")


def set_widow_control(paragraph, on: bool) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    el = ppr.find(qn("w:widowControl"))
    if el is None:
        el = OxmlElement("w:widowControl")
        ppr.insert(0, el)
    el.set(qn("w:val"), "1" if on else "0")


def _border_el(tag: str) -> OxmlElement:
    el = OxmlElement(tag)
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), "4")  # 1/8 pt units: 0.5 pt
    el.set(qn("w:space"), "0")
    el.set(qn("w:color"), "000000")
    return el


def set_table_props(table, grid: list[int], cell_margin_lr: int) -> None:
    tbl = table._tbl
    tblPr = tbl.tblPr
    for tag in (
        "w:tblStyle",
        "w:tblW",
        "w:jc",
        "w:tblBorders",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
    ):
        for el in tblPr.findall(qn(tag)):
            tblPr.remove(el)
    tblW = OxmlElement("w:tblW")
    tblW.set(qn("w:w"), str(sum(grid)))
    tblW.set(qn("w:type"), "dxa")
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_border_el(f"w:{side}"))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    mar = OxmlElement("w:tblCellMar")
    for side, w in (("top", 0), ("left", cell_margin_lr), ("bottom", 0), ("right", cell_margin_lr)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(w))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    for el in (tblW, jc, borders, layout, mar):  # schema order inside w:tblPr
        tblPr.append(el)
    # column widths: w:tblGrid and every cell's w:tcW
    tblGrid = tbl.tblGrid
    for gc, w in zip(tblGrid.findall(qn("w:gridCol")), grid, strict=True):
        gc.set(qn("w:w"), str(w))
    table.autofit = False
    for row in table.rows:
        for idx, cell in enumerate(row.cells):
            cell.width = Twips(grid[idx])


def all_cells(table) -> list[_Cell]:
    """Every w:tc of the table, including the continuation cells of vertical merges."""
    return [_Cell(tc, table) for tr in table._tbl.tr_lst for tc in tr.tc_lst]


def set_cell_borders(cell) -> None:
    """Explicit single black borders on the cell itself (as Word writes them)."""
    tcPr = cell._tc.get_or_add_tcPr()
    old = tcPr.find(qn("w:tcBorders"))
    if old is not None:
        tcPr.remove(old)
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        borders.append(_border_el(f"w:{side}"))
    # w:tcBorders goes after tcW / gridSpan / vMerge and before shd / vAlign
    anchor = None
    for tag in (
        "w:shd",
        "w:noWrap",
        "w:tcMar",
        "w:textDirection",
        "w:tcFitText",
        "w:vAlign",
        "w:hideMark",
    ):
        anchor = tcPr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tcPr.append(borders)


def set_cell_shading(cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    va = tcPr.find(qn("w:vAlign"))
    if va is not None:
        va.addprevious(shd)
    else:
        tcPr.append(shd)


def set_row_height(row, twips: int) -> None:
    trPr = row._tr.get_or_add_trPr()
    h = OxmlElement("w:trHeight")
    h.set(qn("w:val"), str(twips))
    h.set(qn("w:hRule"), "atLeast")
    trPr.append(h)


def mark_header_row(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:tblHeader"))


def center_row(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    trPr.append(jc)


def write_cell(
    cell,
    text: str,
    *,
    align: str = "center",
    valign: str = "center",
    font: str = BODY_FONT,
    size: float = 10,
    widow_control: bool = True,
) -> None:
    p = cell.paragraphs[0]
    p.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    pf = p.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.first_line_indent = Pt(0)
    set_widow_control(p, widow_control)
    if text:
        run = p.add_run(text)
        set_run_font(run, font, size)
    else:
        # an empty cell still carries the cell font, as Word does
        rpr = p._p.get_or_add_pPr()
        mark = OxmlElement("w:rPr")
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), str(int(size * 2)))
        mark.append(sz)
        rpr.append(mark)
    cell.vertical_alignment = {
        "center": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
        "top": WD_CELL_VERTICAL_ALIGNMENT.TOP,
    }[valign]


# --------------------------------------------------------------------------------------
# Document building
# --------------------------------------------------------------------------------------

BODY_PT = 12  # 小四
HEADING_PT = 14  # 四号
TITLE_PT = 18  # 小二
TABLE_PT = 10


def setup_document() -> Document:
    doc = Document()
    # A4 portrait, margins that leave room for the template's 9748-twip tables
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width = Twips(11906)
    sec.page_height = Twips(16838)
    sec.top_margin = Twips(1440)
    sec.bottom_margin = Twips(1440)
    sec.left_margin = Twips(1077)
    sec.right_margin = Twips(1077)
    sec.header_distance = Twips(851)
    sec.footer_distance = Twips(992)

    # document defaults: 宋体, Chinese language (so LibreOffice picks SC glyphs)
    styles_el = doc.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr_default.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), BODY_FONT)
    lang = rpr_default.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")

    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    return doc


def add_title(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.space_after = Pt(18)
    set_run_font(p.add_run(text), HEADING_FONT, TITLE_PT)


def add_heading(doc, text: str, page_break_before: bool = False) -> None:
    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.page_break_before = page_break_before or None
    pf.first_line_indent = Pt(2 * BODY_PT)
    pf.space_before = Pt(6)
    pf.space_after = Pt(6)
    pf.line_spacing = 1.5
    pf.keep_with_next = True
    set_run_font(p.add_run(text), HEADING_FONT, HEADING_PT)


def add_body(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf = p.paragraph_format
    pf.first_line_indent = Pt(2 * BODY_PT)
    pf.line_spacing = 1.5
    set_run_font(p.add_run(text), BODY_FONT, BODY_PT)


def add_spacer(doc, pt: float = 6) -> None:
    """The empty paragraph a Word user types after a table."""
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = Pt(pt) if pt else None


def add_signature(doc, lines: list[str]) -> None:
    doc.add_paragraph()
    doc.add_paragraph()
    for ln in lines:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.line_spacing = 1.5
        p.paragraph_format.right_indent = Pt(2 * BODY_PT)
        set_run_font(p.add_run(ln), BODY_FONT, BODY_PT)


# ---- table 1 ---------------------------------------------------------------------------

T1_GRID = [2435, 2435, 2435, 2435]


def add_table1(doc, sample: Sample) -> None:
    blocks = t1_blocks(sample)
    n_rows = sum(2 + len(rows) for _, _, rows in blocks)
    table = doc.add_table(rows=n_rows, cols=4)
    set_table_props(table, T1_GRID, 57)
    r = 0

    def write_values(r: int, texts: list[str]) -> None:
        if len(texts) == 3:
            for c, v in enumerate(texts, start=1):
                write_cell(table.cell(r, c), v, size=TABLE_PT)
        elif len(texts) == 2:
            # 2019 blocks （八）/（九）: first value in grid column 1, the second one
            # merged over grid columns 2-3
            write_cell(table.cell(r, 1), texts[0], size=TABLE_PT)
            write_cell(table.cell(r, 2).merge(table.cell(r, 3)), texts[1], size=TABLE_PT)
        else:
            write_cell(table.cell(r, 1).merge(table.cell(r, 3)), texts[0], size=TABLE_PT)

    for clause, headers, row_labels in blocks:
        # clause row: one cell across the table, shaded as in the template
        clause_cell = table.cell(r, 0).merge(table.cell(r, 3))
        write_cell(clause_cell, clause, align="left", size=TABLE_PT)
        set_cell_shading(clause_cell, "C6D9F1")
        r += 1
        write_cell(table.cell(r, 0), "信息内容", size=TABLE_PT)
        write_values(r, headers)
        r += 1
        for label in row_labels:
            values = sample.t1[label]
            write_cell(table.cell(r, 0), label, size=TABLE_PT)
            write_values(r, values)
            r += 1
    for row in table.rows:
        set_row_height(row, 340)
        center_row(row)
    for c in all_cells(table):
        set_cell_borders(c)


# ---- table 2 ---------------------------------------------------------------------------

T2_GRID = [754, 921, 3271, 685, 685, 685, 685, 685, 685, 685]


def add_table2(doc, sample: Sample) -> None:
    labels = t2_rows(sample)
    row_new, row_prev, row_total, row_carry, outcome_rows = t2_indexes(sample)
    n_rows = 3 + len(labels)
    table = doc.add_table(rows=n_rows, cols=10)
    set_table_props(table, T2_GRID, 57)
    cell = table.cell
    # pagebreak sample: widow/orphan control off in the label cells (as in many WPS
    # documents), so that a 3-line label may split 1+2 or 2+1 across the page break
    widow = not sample.repeat_header

    # header rows 0-2
    write_cell(cell(0, 0).merge(cell(2, 2)), T2_NOTE, align="left", font=NOTE_FONT, size=TABLE_PT)
    write_cell(cell(0, 3).merge(cell(0, 9)), "申请人情况", size=TABLE_PT)
    write_cell(cell(1, 3).merge(cell(2, 3)), T2_COLUMNS[0], size=TABLE_PT)
    write_cell(cell(1, 4).merge(cell(1, 8)), "法人或其他组织", size=TABLE_PT)
    write_cell(cell(1, 9).merge(cell(2, 9)), T2_COLUMNS[6], size=TABLE_PT)
    for c, label in enumerate(T2_COLUMNS[1:6], start=4):
        write_cell(cell(2, c), label, size=TABLE_PT)

    first = 3  # first data row of the table
    # vertical merges of the label columns
    outcome_first = first + outcome_rows.start
    outcome_last = first + row_total  # （七）总计 is inside 三、本年度办理结果
    write_cell(
        cell(outcome_first, 0).merge(cell(outcome_last, 0)), "三、本年度办理结果", size=TABLE_PT
    )
    groups: dict[str, list[int]] = {}
    for i, (group, _) in enumerate(labels):
        if group:
            groups.setdefault(group, []).append(first + i)
    for group, rows in groups.items():
        write_cell(cell(rows[0], 1).merge(cell(rows[-1], 1)), group, size=TABLE_PT)

    for i, (group, label) in enumerate(labels):
        r = first + i
        if i in (row_new, row_prev, row_carry):
            label_cell = cell(r, 0).merge(cell(r, 2))
        elif group is None:
            label_cell = cell(r, 1).merge(cell(r, 2))
        else:
            label_cell = cell(r, 2)
        write_cell(label_cell, label, align="left", size=TABLE_PT, widow_control=widow)
        # numbers: top-aligned in the rows with sub-labels (as in the template)
        valign = "top" if group else "center"
        for c, v in enumerate(sample.t2[i]):
            write_cell(cell(r, 3 + c), v, valign=valign, size=TABLE_PT)

    for r, row in enumerate(table.rows):
        center_row(row)
        if sample.repeat_header and r < 3:
            mark_header_row(row)
    for c in all_cells(table):
        set_cell_borders(c)


# ---- table 3 ---------------------------------------------------------------------------

T3_GRID = [649] * 7 + [650] * 8


def add_table3(doc, sample: Sample) -> None:
    table = doc.add_table(rows=4, cols=15)
    set_table_props(table, T3_GRID, 108)
    cell = table.cell
    write_cell(cell(0, 0).merge(cell(0, 4)), "行政复议", size=TABLE_PT)
    write_cell(cell(0, 5).merge(cell(0, 14)), "行政诉讼", size=TABLE_PT)
    for c, label in enumerate(T3_RESULTS):
        write_cell(cell(1, c).merge(cell(2, c)), label, size=TABLE_PT)
    write_cell(cell(1, 5).merge(cell(1, 9)), T3_BLOCKS[1], size=TABLE_PT)
    write_cell(cell(1, 10).merge(cell(1, 14)), T3_BLOCKS[2], size=TABLE_PT)
    for c in range(10):
        write_cell(cell(2, 5 + c), T3_RESULTS[c % 5], size=TABLE_PT)
    values = [v for block in sample.t3 for v in block]
    for c, v in enumerate(values):
        write_cell(cell(3, c), v, size=TABLE_PT)
    set_row_height(table.rows[3], 672)
    for row in table.rows:
        center_row(row)
    # the header rows keep with the number row (Word: 与下段同页 on the cell paragraphs)
    for row in table.rows[:3]:
        for tc in row._tr.tc_lst:
            for p in tc.iter(qn("w:p")):
                ppr = p.get_or_add_pPr()
                ppr.insert(0, OxmlElement("w:keepNext"))
    for c in all_cells(table):
        set_cell_borders(c)


# ---- whole report ------------------------------------------------------------------------


def build_docx(sample: Sample, prose: Prose, out: Path) -> None:
    doc = setup_document()
    title_text = fill_docx(doc, sample, prose)
    author = "平昌关镇人民政府"
    if sample.opencc:
        convert = opencc_converter(sample.opencc)
        for t in doc.element.body.iter(qn("w:t")):
            if t.text:
                t.text = convert(t.text)
        author = convert(author)
        title_text = convert(title_text)
    doc.core_properties.title = title_text
    doc.core_properties.author = author
    doc.save(out)


def fill_docx(doc, sample: Sample, prose: Prose, new_page: bool = False) -> str:
    """Append one report (title, sections, tables, signature) to ``doc``; its title."""
    title_text = sample.title or prose.title
    add_title(doc, title_text)
    if new_page:
        doc.paragraphs[-1].paragraph_format.page_break_before = True
    for title in SECTION_TITLES:
        heading = sample.headings.get(title, title)
        add_heading(doc, heading, sample.page_break_before_t2 and title == SECTION_TITLES[2])
        for para in prose.sections[title]:
            for old, new in sample.prose_replace:
                para = para.replace(old, new)
            add_body(doc, para)
        if title == SECTION_TITLES[1]:
            add_table1(doc, sample)
            add_spacer(doc)
        elif title == SECTION_TITLES[2]:
            for para in sample.extra_paragraphs:
                add_body(doc, para)
            if sample.space_before_t2_pt:
                # 段后 spacing on the paragraph just above the table
                doc.paragraphs[-1].paragraph_format.space_after = Pt(sample.space_before_t2_pt)
            add_table2(doc, sample)
            add_spacer(doc)
        elif title == SECTION_TITLES[3]:
            add_table3(doc, sample)
            add_spacer(doc)
    add_signature(doc, sample.signature or prose.signature)
    return title_text


# A compilation (汇编): three towns' reports one after another in one file, each starting on a
# new page. The values are those of the numbered, pagebreak and format-2019 samples; only the
# bodies' names change (高丘镇, 邢集镇 for 平昌关镇 in title, prose and signature).
COMPILATION_NAME = "compilation-three-towns"
COMPILATION = [
    NUMBERED,
    replace(
        PAGEBREAK,
        name="gaoqiu-2023-pagebreak",
        title="高丘镇2023年政府信息公开工作年度报告",
        signature=["高丘镇人民政府", "2024年1月12日"],
        prose_replace=[("平昌关镇", "高丘镇")],
    ),
    replace(
        FORMAT2019,
        name="xingji-2020-format2019",
        title="邢集镇2020年政府信息公开工作年度报告",
        signature=["邢集镇人民政府", "2021年1月20日"],
        prose_replace=[*FORMAT2019.prose_replace, ("平昌关镇", "邢集镇")],
    ),
]


def build_compilation_docx(prose: Prose, out: Path) -> None:
    doc = setup_document()
    for i, sample in enumerate(COMPILATION):
        fill_docx(doc, sample, prose, new_page=i > 0)
    doc.core_properties.title = "2023年度乡镇政府信息公开工作年度报告汇编"
    doc.core_properties.author = "示例县人民政府办公室"
    doc.save(out)


def opencc_converter(config: str) -> Callable[[str], str]:
    """OpenCC conversion (pip install opencc-python-reimplemented; built with 0.1.7)."""
    try:
        from opencc import OpenCC
    except ImportError:
        raise SystemExit(
            "the traditional sample needs OpenCC: pip install opencc-python-reimplemented"
        ) from None
    return OpenCC(config).convert


# Without Windows fonts, fontconfig maps 宋体/黑体 to DejaVu and LibreOffice then falls
# back to the first CJK face it finds.  These aliases make the substitution explicit:
# 宋体/楷体 -> Noto Serif CJK SC, 黑体 -> Noto Sans CJK SC (fonts-noto-cjk).
_FONT_ALIASES = {
    "宋体": "Noto Serif CJK SC",
    "SimSun": "Noto Serif CJK SC",
    "楷体": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "SimHei": "Noto Sans CJK SC",
}
FONTCONFIG = (
    '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
    + "".join(
        f'  <alias binding="same"><family>{name}</family>'
        f"<prefer><family>{target}</family></prefer></alias>\n"
        for name, target in _FONT_ALIASES.items()
    )
    + "</fontconfig>\n"
)


def convert_to_pdf(docx_path: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) not found on PATH")
    with tempfile.TemporaryDirectory() as profile:
        fc = Path(profile) / "fonts.conf"
        fc.write_text(FONTCONFIG, encoding="utf-8")
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx_path.parent),
            str(docx_path),
        ]
        subprocess.run(
            cmd,
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "HOME": profile, "FONTCONFIG_FILE": str(fc)},
        )
    pdf = docx_path.with_suffix(".pdf")
    if not pdf.exists():
        raise SystemExit(f"conversion failed: {pdf} missing")
    return pdf


def verify_pdf(sample: Sample, pdf_path: Path) -> list[str]:
    """Read the tables back from the PDF with pdfplumber and compare with the sample.

    Returns a list of problems (empty when every cell matches and, for the pagebreak
    sample, the row （六）1 is split across two pages).  Skipped without pdfplumber.
    """
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - optional check
        return []
    problems: list[str] = []
    t1: dict[str, list[str]] = {}
    t2_rows: list[list[str]] = []
    t2_pages: list[int] = []
    t3_rows: list[list[str]] = []
    split_rows: list[tuple[int, list]] = []
    with pdfplumber.open(pdf_path) as pdf:
        for pno, page in enumerate(pdf.pages, start=1):
            for table in page.extract_tables():
                ncols = len(table[0])
                if ncols == 4:
                    for row in table:
                        if row[0] in sample.t1:
                            t1[row[0]] = [c for c in row[1:] if c is not None]
                elif ncols == 10:
                    t2_pages.append(pno)
                    for row in table[3:]:  # skip the three header rows
                        nums = [c or "" for c in row[3:]]
                        if any(nums):
                            t2_rows.append(nums)
                        else:
                            split_rows.append((pno, row))
                        if "申请人无正当理由逾期不补正" in (row[2] or ""):
                            split_rows.append((pno, row))
                elif ncols == 15:
                    t3_rows.append([c or "" for c in table[-1]])
    if t1 != sample.t1:
        problems.append(f"table 1 differs: {t1}")
    if t2_rows != sample.t2:
        problems.append(f"table 2 differs: {len(t2_rows)} rows read")
    expected_t3 = [v for block in sample.t3 for v in block]
    if t3_rows != [expected_t3]:
        problems.append(f"table 3 differs: {t3_rows}")
    if sample.repeat_header:
        pages = sorted({p for p, _ in split_rows})
        if len(t2_pages) != 2 or len(pages) != 2 or len(split_rows) != 2:
            problems.append(f"row （六）1 is not split across a page break: {split_rows}")
    elif len(t2_pages) != 1:
        problems.append(f"table 2 is spread over pages {t2_pages}")
    return problems


def values_markdown_t1_2019(sample: Sample) -> list[str]:
    out = ["Table 1 (二、主动公开政府信息情况), 2019 form: one table per 第二十条 block", ""]
    for clause, headers, labels in T1_BLOCKS_2019:
        out.append(f"{clause}:")
        out.append("")
        out.append("| 信息内容 | " + " | ".join(headers) + " |")
        out.append("|---" * (1 + len(headers)) + "|")
        for label in labels:
            out.append(f"| {label} | " + " | ".join(sample.t1[label]) + " |")
        out.append("")
    return out[:-1]


def values_markdown(sample: Sample) -> str:
    """The cell values of a sample as plain Markdown tables (used for README.md)."""
    if sample.fmt == "2019":
        return values_markdown_2019(sample)
    out = ["Table 1 (二、主动公开政府信息情况)", ""]
    out.append("| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |")
    out.append("|---|---|---|---|")
    for label in ("规章", "行政规范性文件"):
        out.append(f"| {label} | " + " | ".join(sample.t1[label]) + " |")
    out += ["", "| 信息内容 | column | value |", "|---|---|---|"]
    for label, col in (
        ("行政许可", "本年处理决定数量"),
        ("行政处罚", "本年处理决定数量"),
        ("行政强制", "本年处理决定数量"),
        ("行政事业性收费", "本年收费金额（单位：万元）"),
    ):
        out.append(f"| {label} | {col} | {sample.t1[label][0]} |")
    out += ["", "Table 2 (三、收到和处理政府信息公开申请情况)", ""]
    out.append("| row | " + " | ".join(T2_COLUMNS) + " |")
    out.append("|---" * 8 + "|")
    for (group, label), values in zip(T2_ROWS, sample.t2, strict=True):
        name = f"{group} {label}" if group else label
        out.append(f"| {name} | " + " | ".join(v if v else "(blank)" for v in values) + " |")
    out += ["", "Table 3 (四、政府信息公开行政复议、行政诉讼情况)", ""]
    out.append("| block | " + " | ".join(T3_RESULTS) + " |")
    out.append("|---" * 6 + "|")
    for block, values in zip(
        ("行政复议", "行政诉讼 / 未经复议直接起诉", "行政诉讼 / 复议后起诉"), sample.t3, strict=True
    ):
        out.append(f"| {block} | " + " | ".join(v if v else "(blank)" for v in values) + " |")
    return "\n".join(out)


def values_markdown_2019(sample: Sample) -> str:
    out = values_markdown_t1_2019(sample)
    out += [
        "",
        "Table 2 (三、收到和处理政府信息公开申请情况), 2019 form: （六）其他处理 one row",
        "",
    ]
    out.append("| row | " + " | ".join(T2_COLUMNS) + " |")
    out.append("|---" * 8 + "|")
    for (group, label), values in zip(t2_rows(sample), sample.t2, strict=True):
        name = f"{group} {label}" if group else label
        out.append(f"| {name} | " + " | ".join(values) + " |")
    heading = sample.headings.get(SECTION_TITLES[3], SECTION_TITLES[3])
    out += ["", f"Table 3 ({heading})", ""]
    out.append("| block | " + " | ".join(T3_RESULTS) + " |")
    out.append("|---" * 6 + "|")
    for block, values in zip(
        ("行政复议", "行政诉讼 / 未经复议直接起诉", "行政诉讼 / 复议后起诉"), sample.t3, strict=True
    ):
        out.append(f"| {block} | " + " | ".join(values) + " |")
    return "\n".join(out)


# --------------------------------------------------------------------------------------
# The published-text sample with leaked Word markup
# --------------------------------------------------------------------------------------

WORDMARKUP_NAME = "pingchangguan-2023-wordmarkup"
# Paragraph openings (as in pingchangguan-2023.txt) that Word had as list items: a site
# that strips tags but not Word's conditional comments shows the list number wrapped in
# <!--[if !supportLists]--> … <!--[endif]-->.
WORDMARKUP_LIST_ITEMS = ["（一）", "（二）", "（三）", "1.", "2."]
WORDMARKUP_LIST_PARAGRAPHS = [
    "（一）主动公开方面：",
    "（二）依申请公开方面：",
    "（三）政府信息管理情况：",
    "1.是进一步提高思想认识",
    "2.细化主动公开内容。",
]
# the one paragraph that keeps Word's empty <o:p></o:p> at its end
WORDMARKUP_OP_PARAGRAPH = "一是政策解读方面。运用音频视频、卡通动漫等方式进行解读较少。"
# table-1 column labels as some sites print them
WORDMARKUP_T1_HEADERS = {
    "本年制发件数": "本年(2023)制发件数",
    "本年废止件数": "本年(2023)废止件数",
    "现行有效件数": "现行有效件数(历史累计)",
}


def build_wordmarkup_txt(sample: Sample, out: Path, source: Path = SOURCE_TXT) -> None:
    """The published text with the sample's numbers, leaked Word markup and the
    annotated table-1 column labels.  Every other byte is the published text's."""
    lines = source.read_text(encoding="utf-8").split("\n")
    t2_values = iter(sample.t2)
    t3_values = [v for block in sample.t3 for v in block]
    section = None
    marked: list[str] = []
    for i, line in enumerate(lines):
        if line.strip() in SECTION_TITLES:
            section = line.strip()
        if "\t" in line:
            cells = line.split("\t")
            zeros = [k for k, c in enumerate(cells) if c == "0"]
            if section == SECTION_TITLES[1]:
                if cells[0] == "信息内容":
                    cells = [WORDMARKUP_T1_HEADERS.get(c, c) for c in cells]
                elif zeros:
                    values = sample.t1[cells[0]]
                    assert len(zeros) == len(values), line
                    for k, v in zip(zeros, values, strict=True):
                        cells[k] = v
            elif section == SECTION_TITLES[2] and zeros:
                values = next(t2_values)
                assert len(zeros) == 7, line
                for k, v in zip(zeros, values, strict=True):
                    cells[k] = v
            elif section == SECTION_TITLES[3] and zeros:
                assert len(zeros) == 15, line
                for k, v in zip(zeros, t3_values, strict=True):
                    cells[k] = v
            lines[i] = "\t".join(cells)
            continue
        for start, item in zip(WORDMARKUP_LIST_PARAGRAPHS, WORDMARKUP_LIST_ITEMS, strict=True):
            if line.startswith(start):
                lines[i] = f"<!--[if !supportLists]-->{item}<!--[endif]-->{line[len(item) :]}"
                marked.append(start)
        if line == WORDMARKUP_OP_PARAGRAPH:
            lines[i] = line + "<o:p></o:p>"
            marked.append(line)
    assert next(t2_values, None) is None, "table 2 rows left over"
    assert len(marked) == len(WORDMARKUP_LIST_PARAGRAPHS) + 1, marked
    out.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-pdf", action="store_true", help="only write the .docx files")
    ap.add_argument("--only", help="build only the sample with this name")
    ap.add_argument(
        "--values", action="store_true", help="print the cell values (Markdown) and exit"
    )
    args = ap.parse_args(argv)

    check_numbers(PUBLISHED, expect_ok=True)
    check_numbers(NUMBERED, expect_ok=True)
    check_distinct(NUMBERED)
    check_distinct(PAGEBREAK)
    breaches = check_numbers(PAGEBREAK, expect_ok=False)
    assert len(breaches) == 3, breaches  # the three deliberate breaches (see README.md)
    check_numbers(FORMAT2019, expect_ok=True)
    check_distinct_strict(FORMAT2019)

    if args.values:
        for sample in SAMPLES:
            if sample.t2 is NUMBERED.t2 and sample is not NUMBERED:
                print(f"### {sample.name}\n\nThe values of {NUMBERED.name}.\n")
                continue
            print(f"### {sample.name}\n\n{values_markdown(sample)}\n")
        print(f"### {WORDMARKUP_NAME}\n\nThe values of {NUMBERED.name}.\n")
        return 0

    names = [s.name for s in SAMPLES] + [WORDMARKUP_NAME, COMPILATION_NAME]
    if args.only and args.only not in names:
        raise SystemExit(f"unknown sample {args.only!r}; one of: {', '.join(names)}")
    if not args.only or args.only == WORDMARKUP_NAME:
        out = HERE / f"{WORDMARKUP_NAME}.txt"
        build_wordmarkup_txt(NUMBERED, out)
        print(f"wrote {out.relative_to(HERE.parent)}")

    prose = read_prose()
    if not args.only or args.only == COMPILATION_NAME:
        out = HERE / f"{COMPILATION_NAME}.docx"
        build_compilation_docx(prose, out)
        print(f"wrote {out.relative_to(HERE.parent)}")
        if not args.no_pdf:
            print(f"wrote {convert_to_pdf(out).relative_to(HERE.parent)}")
    for sample in SAMPLES:
        if args.only and sample.name != args.only:
            continue
        out = HERE / f"{sample.name}.docx"
        build_docx(sample, prose, out)
        print(f"wrote {out.relative_to(HERE.parent)}")
        if not args.no_pdf and sample.pdf:
            pdf = convert_to_pdf(out)
            print(f"wrote {pdf.relative_to(HERE.parent)}")
            for problem in verify_pdf(sample, pdf):
                print(f"WARNING {pdf.name}: {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
