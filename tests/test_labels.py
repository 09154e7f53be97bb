import pytest

from extractor.template import schema as S
from extractor.template.labels import match, parse_label


def test_enumerators_are_split_off():
    assert parse_label("（三）不予公开").kind == "group"
    assert parse_label("(三) 不予公开").number == 3
    assert parse_label("三\n、\n本\n年\n度\n办\n理\n结\n果").kind == "top"  # vertical label
    lab = parse_label("2. 其他法律行政法规禁止公开")
    assert (lab.kind, lab.number, lab.key) == ("item", 2, "其他法律行政法规禁止公开")


@pytest.mark.parametrize(
    "printed,code",
    [
        ("1.属于国家秘密", "denied_state_secret"),
        ("2.其他法律行政止公开", "denied_prohibited"),  # typo seen in hongze-2024
        ("3.危及\u201c三安全一稳定\u201d", "denied_security_stability"),
        ("4.无正当理由大量反复 申请", "rejected_excessive"),
        ("5.要求行政机关确认或重 新出具\n已获取信息", "rejected_confirmation"),
        ("1.逾期不补正", "other_no_correction"),  # short form
        ("3.其他", "other_other"),
    ],
)
def test_sub_row_labels(printed, code):
    assert match(printed, S.REQUEST_ROWS).code == code


@pytest.mark.parametrize(
    "printed,code",
    [
        ("社会\n公益\n组织", "nonprofit"),
        ("商业 企业", "business"),
        ("总 计", "total"),
        ("自然\n人", "natural_person"),
    ],
)
def test_column_labels(printed, code):
    assert match(printed, S.REQUEST_COLUMNS).code == code


@pytest.mark.parametrize("printed", ["合作社", "备注", "申请人情况", ""])
def test_unknown_labels_map_to_nothing(printed):
    assert match(printed, S.REQUEST_COLUMNS) is None


def test_a_label_close_to_two_codes_maps_to_neither():
    # '行政诉讼' alone names no block: it is the parent of both litigation blocks
    assert match("行政诉讼", S.APPEAL_ROWS) is None


def test_two_labels_run_together_name_neither():
    """规章 and 规范性文件 run together (a page break's rest taken for a broken row) matched
    规范性文件 by containment, and 规章's numbers went under it."""
    from extractor.template import schema as S
    from extractor.template.labels import match

    assert match("规章规范性文件", S.PROACTIVE_ROWS) is None
    assert match("行政许可行政处罚", S.PROACTIVE_ROWS) is None
    assert match("规范性文件", S.PROACTIVE_ROWS).code == "normative_documents"
    assert match("行政规范性文件", S.PROACTIVE_ROWS).code == "normative_documents"  # one form
