from decimal import Decimal

import pytest

from extractor.textutil import spreadsheet_safe


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-1+2", "@SUM(A1)", "\tx", "\rx"]
)
def test_formula_looking_text_is_neutralised(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["平昌关镇", "一、总体情况", "", None, 3, Decimal("-2"), 1.5])
def test_other_values_pass_unchanged(value: object) -> None:
    assert spreadsheet_safe(value) == value
