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


def test_nfkc_is_unicodes_nfkc():
    """``nfkc`` takes shortcuts (a stable text returned as it is, full-width forms translated):
    on random mixes of ASCII, CJK punctuation, full- and half-width forms, ideographs, Kangxi
    radicals, combining marks and enclosed forms it answers as ``unicodedata`` does."""
    import random
    import unicodedata

    from extractor.textutil import nfkc

    rnd = random.Random(3)
    codes = [*range(0x20, 0x7F), *range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)]
    codes += [*range(0x4E00, 0x4E40), *range(0x2F00, 0x2F10), 0x301, 0x30A, 0x2460, 0x3220, 0xF900]
    pool = [chr(c) for c in codes]
    for _ in range(20_000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 12)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), repr(text)
