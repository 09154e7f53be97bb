from decimal import Decimal

import pytest

from extractor.numbers import TWO_NUMBERS, read_number


@pytest.mark.parametrize(
    "raw,value,unit,blank",
    [
        ("95", "95", "", False),
        (" 1 234 ".replace(" ", ""), "1234", "", False),
        ("１２３", "123", "", False),  # full-width digits
        ("1,234,567", "1234567", "", False),
        ("12.345678", "12.345678", "", False),
        ("-18538", "-18538", "", False),
        ("3.5万元", "3.5", "万元", False),
        ("35000 元", "35000", "元", False),
        ("", "0", "", True),
        ("—", "0", "", True),
        ("－", "0", "", True),
        ("/", "0", "", True),
        ("无", "0", "", True),
    ],
)
def test_readings(raw, value, unit, blank):
    r = read_number(raw)
    assert (r.value, r.unit, r.blank, r.raw) == (Decimal(value), unit, blank, raw)


@pytest.mark.parametrize("raw", ["见附件", "1,2", "12a", "1.2.3"])
def test_text_that_is_not_a_number_has_no_value(raw):
    r = read_number(raw)
    assert r.value is None and not r.ok and r.note == "not a number"


def test_money_keeps_every_digit():
    assert str(read_number("0.000001").value) == "0.000001"
    assert read_number("7545.10").value == Decimal("7545.10")


@pytest.mark.parametrize("raw", ["59 5", "59\n5", "48 74", "1 234", "3 .5", "2.5\n1"])
def test_two_numbers_in_one_cell_are_not_read_as_one(raw):
    """A cairo-printed PDF (poppler's pdftocairo) put a row's value and the next row's in one
    cell, '59' over '5'; whitespace was dropped and 595 written. Digits on both sides of a
    space or line break may be two values or one broken in two: no value, and it says so."""
    r = read_number(raw)
    assert r.value is None and not r.ok and r.note == TWO_NUMBERS


@pytest.mark.parametrize("raw,value", [(" 12 ", "12"), ("12 件", "12"), ("\n7\n", "7")])
def test_space_around_one_number_is_no_second_number(raw, value):
    assert read_number(raw).value == Decimal(value)
