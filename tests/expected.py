"""Hand-checked expectations, typed from the rendered documents (not from the tool's output)."""

from __future__ import annotations

from decimal import Decimal

from extractor.report import Report

REQUEST_COLS = (
    "natural_person",
    "business",
    "research",
    "nonprofit",
    "legal",
    "other_org",
    "total",
)
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


def table_values(report: Report) -> dict[str, Decimal]:
    """The report's table facts as {key: value}."""
    return {f.key: f.value for f in report.fact_list if f.origin == "table"}


Z7 = [0, 0, 0, 0, 0, 0, 0]
# the section codes of a 2019/2021-format report with a title before 一、总体情况
SECTIONS_2021 = ["preamble", "overview", "proactive", "requests", "appeals", "problems", "other"]
# the table-2 rows of the 2021 format, in template order (typed from templates.md)
ROWS_2021 = [
    "new",
    "carried_over",
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited",
    "denied_security_stability",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_file",
    "denied_query_matter",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "rejected_petition",
    "rejected_repeat",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
    "other_no_correction",
    "other_unpaid_fee",
    "other_other",
    "total",
    "carried_forward",
]

# 淮安市洪泽区人民政府 2024 (tests/data/hongze-2024.pdf), read off pages 2-4.
HONGZE_2024 = {
    **proactive_table(
        {
            "regulations.issued": 0,
            "regulations.repealed": 0,
            "regulations.in_force": 0,
            "normative_documents.issued": 3,
            "normative_documents.repealed": 0,
            "normative_documents.in_force": 8,
            "licensing.decisions": 9487,
            "punishment.decisions": 2776,
            "enforcement.decisions": 84,
            "fees.amount": 7545,
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


# The samples (samples/README.md lists the values the builder put in; each table below was
# compared with the rendered PDF pages by eye).

PUBLISHED_2023 = {
    **proactive_table(
        {
            "regulations.issued": 0,
            "regulations.repealed": 0,
            "regulations.in_force": 0,
            "normative_documents.issued": 0,
            "normative_documents.repealed": 0,
            "normative_documents.in_force": 0,
            "licensing.decisions": 0,
            "punishment.decisions": 0,
            "enforcement.decisions": 0,
            "fees.amount": 0,
        }
    ),
    **requests_table({row: Z7 for row in ROWS_2021}),
    **appeals_table(
        {"reconsideration": [0] * 5, "litigation_direct": [0] * 5, "litigation_after": [0] * 5}
    ),
}

NUMBERED_PROACTIVE = proactive_table(
    {
        "regulations.issued": 34,
        "regulations.repealed": 95,
        "regulations.in_force": 131,
        "normative_documents.issued": 136,
        "normative_documents.repealed": 138,
        "normative_documents.in_force": 139,
        "licensing.decisions": 140,
        "punishment.decisions": 141,
        "enforcement.decisions": 142,
        "fees.amount": "23.0715",
    }
)
PAGEBREAK_PROACTIVE = proactive_table(
    {
        "regulations.issued": 48,
        "regulations.repealed": 0,  # printed '—'
        "regulations.in_force": 61,
        "normative_documents.issued": 103,
        "normative_documents.repealed": 136,
        "normative_documents.in_force": 137,
        "licensing.decisions": 140,
        "punishment.decisions": 141,
        "enforcement.decisions": 142,
        "fees.amount": "3.5",  # printed '3.5万元'
    }
)
NUMBERED_REQUESTS = requests_table(
    {
        "new": [1098, 1386, 1346, 1553, 1404, 1126, 7913],
        "carried_over": [188, 150, 195, 137, 143, 194, 1007],
        "granted": [89, 99, 98, 30, 58, 62, 436],
        "partially_granted": [59, 48, 25, 135, 122, 50, 439],
        "denied_state_secret": [5, 74, 73, 57, 85, 66, 360],
        "denied_prohibited": [40, 112, 105, 123, 61, 110, 551],
        "denied_security_stability": [12, 42, 22, 114, 20, 109, 319],
        "denied_third_party": [3, 54, 97, 121, 132, 65, 472],
        "denied_internal_affairs": [134, 11, 21, 49, 92, 124, 431],
        "denied_process_info": [8, 45, 118, 77, 87, 9, 344],
        "denied_enforcement_file": [43, 13, 82, 2, 1, 133, 274],
        "denied_query_matter": [39, 111, 68, 15, 69, 117, 419],
        "unavailable_not_held": [38, 26, 33, 79, 128, 106, 410],
        "unavailable_needs_creation": [102, 36, 37, 32, 31, 63, 301],
        "unavailable_unclear": [28, 129, 78, 41, 94, 29, 399],
        "rejected_petition": [84, 127, 44, 88, 51, 27, 421],
        "rejected_repeat": [120, 55, 64, 86, 83, 16, 424],
        "rejected_publication": [80, 101, 108, 104, 70, 24, 487],
        "rejected_excessive": [90, 60, 4, 76, 103, 35, 368],
        "rejected_confirmation": [100, 10, 72, 125, 46, 18, 371],
        "other_no_correction": [53, 71, 115, 107, 113, 75, 534],
        "other_unpaid_fee": [93, 126, 67, 17, 81, 7, 391],
        "other_other": [19, 56, 91, 96, 6, 23, 291],
        "total": [1239, 1406, 1422, 1574, 1533, 1268, 8442],
        "carried_forward": [47, 130, 119, 116, 14, 52, 478],
    }
)
NUMBERED_APPEALS = appeals_table(
    {
        "reconsideration": [144, 145, 146, 147, 582],
        "litigation_direct": [148, 149, 151, 152, 600],
        "litigation_after": [153, 154, 155, 156, 618],
    }
)
PAGEBREAK_REQUESTS = requests_table(
    {
        "new": [1441, 1241, 1280, 1370, 1455, 1291, 8078],
        "carried_over": [146, 139, 147, 176, 138, 144, 890],
        "granted": [127, 13, 47, 105, 45, 125, 462],
        "partially_granted": [64, 29, 51, 59, 81, 43, 328],
        "denied_state_secret": [2, 116, 26, 72, 46, 24, 286],
        "denied_prohibited": [32, 21, 65, 28, 77, 85, 308],
        "denied_security_stability": [50, 19, 109, 83, 82, 23, 366],
        "denied_third_party": [42, 20, 110, 114, 10, 101, 397],
        "denied_internal_affairs": [16, 25, 120, 80, 113, 98, 452],
        "denied_process_info": [31, 121, 106, 134, 67, 132, 591],
        "denied_enforcement_file": [4, 99, 92, 122, 131, 18, 466],
        "denied_query_matter": [78, 93, 9, 52, 71, 27, 330],
        "unavailable_not_held": [90, 104, 7, 3, 118, 11, 333],
        "unavailable_needs_creation": [95, 107, 115, 63, 102, 135, 617],
        "unavailable_unclear": [126, 119, 62, 128, 123, 36, 594],
        "rejected_petition": [111, 60, 15, 69, 49, 74, 378],
        "rejected_repeat": [100, 37, 84, 30, 56, 87, 394],
        "rejected_publication": [97, 58, 39, 35, 73, 124, 426],
        "rejected_excessive": [94, 91, 14, 8, 33, 44, 284],
        "rejected_confirmation": [117, 22, 89, 129, 96, 38, 491],
        "other_no_correction": [130, 112, 66, 57, 75, 79, 519],
        "other_unpaid_fee": [53, 34, 55, 1, 86, 108, 337],
        "other_other": [88, 12, 76, 41, 54, 17, 288],
        "total": [1547, 1312, 1357, 1413, 1588, 1429, 8646],
        "carried_forward": [40, 68, 70, 133, 5, 6, 322],
    }
)
PAGEBREAK_APPEALS = appeals_table(
    {
        "reconsideration": [143, 145, 148, 149, 585],
        "litigation_direct": [150, 151, 152, 153, 606],
        "litigation_after": [154, 155, 156, 157, 0],  # 总计 printed blank: read as 0, flagged
    }
)

NUMBERED_2023 = {**NUMBERED_PROACTIVE, **NUMBERED_REQUESTS, **NUMBERED_APPEALS}
PAGEBREAK_2023 = {**PAGEBREAK_PROACTIVE, **PAGEBREAK_REQUESTS, **PAGEBREAK_APPEALS}

# 平昌关镇 2020, 2019 format (samples/pingchangguan-2020-format2019.pdf, pages 2-3, read off the
# rendered pages).
FORMAT2019_2020 = {
    **proactive_table(
        {
            "regulations.made": 212,
            "regulations.published": 209,
            "regulations.total_published": 236,
            "normative_documents.made": 231,
            "normative_documents.published": 218,
            "normative_documents.total_published": 227,
            "licensing.previous_items": 205,
            "licensing.change": 239,
            "licensing.decisions": 214,
            "other_services.previous_items": 233,
            "other_services.change": 221,
            "other_services.decisions": 203,
            "punishment.previous_items": 228,
            "punishment.change": -3,
            "punishment.decisions": 216,
            "enforcement.previous_items": 207,
            "enforcement.change": 224,
            "enforcement.decisions": 201,
            "fees.previous_items": 238,
            "fees.change": 215,
            "procurement.items": 229,
            "procurement.amount": "38.02",
        }
    ),
    **requests_table(
        {
            "new": [1154, 1078, 1533, 964, 1084, 809, 6622],
            "carried_over": [170, 176, 181, 126, 196, 143, 992],
            "granted": [17, 68, 112, 12, 70, 53, 332],
            "partially_granted": [80, 76, 99, 63, 36, 26, 380],
            "denied_state_secret": [121, 10, 31, 89, 56, 41, 348],
            "denied_prohibited": [30, 9, 86, 114, 52, 7, 298],
            "denied_security_stability": [94, 35, 107, 66, 124, 20, 446],
            "denied_third_party": [14, 72, 73, 38, 74, 67, 338],
            "denied_internal_affairs": [98, 105, 115, 44, 43, 46, 451],
            "denied_process_info": [13, 91, 32, 106, 24, 59, 325],
            "denied_enforcement_file": [64, 60, 122, 45, 57, 82, 430],
            "denied_query_matter": [77, 116, 97, 21, 65, 6, 382],
            "unavailable_not_held": [84, 120, 113, 78, 55, 48, 498],
            "unavailable_needs_creation": [4, 40, 92, 100, 93, 87, 416],
            "unavailable_unclear": [102, 27, 42, 39, 79, 23, 312],
            "rejected_petition": [118, 28, 83, 1, 110, 18, 358],
            "rejected_repeat": [58, 88, 125, 19, 11, 108, 409],
            "rejected_publication": [51, 25, 37, 54, 29, 95, 291],
            "rejected_excessive": [2, 104, 75, 15, 71, 50, 317],
            "rejected_confirmation": [111, 62, 49, 16, 22, 8, 268],
            "other": [117, 33, 101, 61, 119, 5, 436],
            "total": [1255, 1169, 1591, 981, 1190, 849, 7035],
            "carried_forward": [69, 85, 123, 109, 90, 103, 579],
        }
    ),
    **appeals_table(
        {
            "reconsideration": [241, 243, 246, 250, 980],
            "litigation_direct": [242, 247, 249, 252, 990],
            "litigation_after": [244, 245, 248, 251, 988],
        }
    ),
}
