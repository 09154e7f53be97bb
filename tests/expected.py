"""Hand-checked expectations, typed from the rendered documents (not from the tool's output)."""

from __future__ import annotations

from decimal import Decimal

REQUEST_COLS = ("natural_person", "business", "research", "nonprofit", "legal", "other_org", "total")
APPEAL_COLS = ("upheld", "corrected", "other", "pending", "total")


def requests_table(rows: dict[str, list[object]]) -> dict[str, Decimal]:
    """{row code: [7 values in column order]} → {"requests.row.col": Decimal}."""
    out = {}
    for row, values in rows.items():
        assert len(values) == 7, row
        for col, v in zip(REQUEST_COLS, values, strict=True):
            out[f"requests.{row}.{col}"] = Decimal(str(v))
    return out


def appeals_table(rows: dict[str, list[object]]) -> dict[str, Decimal]:
    out = {}
    for row, values in rows.items():
        assert len(values) == 5, row
        for col, v in zip(APPEAL_COLS, values, strict=True):
            out[f"appeals.{row}.{col}"] = Decimal(str(v))
    return out


def proactive_table(cells: dict[str, object]) -> dict[str, Decimal]:
    """{"row.col": value} → {"proactive.row.col": Decimal}."""
    return {f"proactive.{k}": Decimal(str(v)) for k, v in cells.items()}


def table_values(report) -> dict[str, Decimal]:  # noqa: ANN001
    """The report's table facts as {key: value}."""
    return {f.key: f.value for f in report.fact_list if f.origin == "table"}


Z7 = [0, 0, 0, 0, 0, 0, 0]

# 淮安市洪泽区人民政府 2024 (tests/data/hongze-2024.pdf), read off pages 2-4.
HONGZE_2024 = {
    **proactive_table(
        {
            "regulations.issued": 0, "regulations.repealed": 0, "regulations.in_force": 0,
            "normative_documents.issued": 3, "normative_documents.repealed": 0,
            "normative_documents.in_force": 8,
            "licensing.decisions": 9487, "punishment.decisions": 2776,
            "enforcement.decisions": 84, "fees.amount": 7545,
        }
    ),
    **requests_table(
        {
            "new": [95, 0, 0, 0, 0, 0, 95],
            "carried_over": Z7,
            "granted": [50, 0, 0, 0, 0, 0, 50],
            "partially_granted": [9, 0, 0, 0, 0, 0, 9],
            "denied_state_secret": Z7,
            "denied_prohibited": Z7,
            "denied_security_stability": [1, 0, 0, 0, 0, 0, 1],
            "denied_third_party": Z7,
            "denied_internal_affairs": Z7,
            "denied_process_info": [1, 0, 0, 0, 0, 0, 1],
            "denied_enforcement_file": [1, 0, 0, 0, 0, 0, 1],
            "denied_query_matter": Z7,
            "unavailable_not_held": [31, 0, 0, 0, 0, 0, 31],
            "unavailable_needs_creation": [1, 0, 0, 0, 0, 0, 1],
            "unavailable_unclear": Z7,
            "rejected_petition": [1, 0, 0, 0, 0, 0, 1],
            "rejected_repeat": Z7,
            "rejected_publication": Z7,
            "rejected_excessive": Z7,
            "rejected_confirmation": Z7,
            "other": Z7,
            "total": [95, 0, 0, 0, 0, 0, 95],
            "carried_forward": Z7,
        }
    ),
    **appeals_table(
        {
            "reconsideration": [1, 1, 0, 0, 2],
            "litigation_direct": [1, 0, 0, 0, 1],
            "litigation_after": [2, 0, 1, 0, 3],
        }
    ),
}
