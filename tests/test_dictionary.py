"""dictionary.csv: every column of reports and compare documented."""

from __future__ import annotations

from extractor.analysis.compare import COMPARE_COLUMNS
from extractor.analysis.dictionary import DICTIONARY_COLUMNS, dictionary_rows
from extractor.columns import reports_table


def entries():
    return {(r[1], r[0]): dict(zip(DICTIONARY_COLUMNS, r, strict=True)) for r in dictionary_rows()}


def test_every_column_is_documented():
    found = entries()
    assert all(("reports", c) in found for c in reports_table().names)
    assert all(("compare", c) in found for c in COMPARE_COLUMNS)
    assert all(e["description"] for e in found.values())


def test_a_cell_in_each_template():
    found = entries()
    e = found["reports", "requests.denied_third_party.natural_person"]
    assert e["label_2021"] == e["label_2019"] == "（三）不予公开4.保护第三方合法权益·自然人"
    assert (
        e["description"]
        == "Denied: to protect a third party's lawful rights: applicants: natural persons"
    )
    assert (e["unit"], e["kind"]) == ("件", "count")
    sub = found["reports", "requests.other_unpaid_fee.total"]
    assert sub["label_2021"] and not sub["label_2019"]  # （六）'s sub-rows are 2021 only
    made = found["reports", "proactive.regulations.made"]
    assert (made["label_2021"], made["label_2019"]) == ("", "规章·本年新制作数量")
    fee = found["reports", "proactive.fees.amount"]
    assert (fee["unit"], fee["kind"]) == ("万元", "amount")
    old = found["reports", "indicators.requests_total.this_year"]
    assert old["label_pre2019"] == "受理依申请公开信息总数·本年度"
    assert found["compare", "grant_rate"]["kind"] == "rate"
