"""Body keys: one key per issuing body whatever form of its name a report prints."""

from __future__ import annotations

import pytest

from extractor.template.bodies import (
    body_key,
    choose_body_key,
    compiler_body,
    keys_agree,
    unify_keys,
)


@pytest.mark.parametrize(
    "printed,key",
    [
        ("平昌关镇人民政府", "平昌关镇"),
        ("平昌关镇", "平昌关镇"),
        ("平昌关镇 人民政府", "平昌关镇"),
        ("淮安市洪泽区人民政府", "淮安市洪泽区"),
        ("青龙街道办事处", "青龙街道"),
        ("淮安市洪泽区人民政府办公室", "淮安市洪泽区人民政府办公室"),  # a body of its own
        ("淮安市自然资源局", "淮安市自然资源局"),
        ("", ""),
    ],
)
def test_body_key(printed, key):
    assert body_key(printed) == key


def test_compiler_named_in_the_preamble():
    text = "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》编制。"
    assert compiler_body(text) == "淮安市洪泽区人民政府"
    assert compiler_body("本年度，我局认真贯彻落实条例。") == ""


def test_title_then_signature_then_preamble():
    assert choose_body_key("平昌关镇", "平昌关镇人民政府") == ("平昌关镇", "title")
    assert choose_body_key("", "平昌关镇人民政府") == ("平昌关镇", "signature")
    preamble = "本报告由平昌关镇人民政府办公室负责编制。"
    assert choose_body_key("", "", preamble) == ("平昌关镇", "preamble")
    assert choose_body_key("", "", "") == ("", "")


def test_outer_places_unified_only_when_one_fits():
    assert unify_keys(["洪泽区", "淮安市洪泽区"]) == {
        "洪泽区": "淮安市洪泽区",
        "淮安市洪泽区": "淮安市洪泽区",
    }
    two = unify_keys(["城关镇", "甲县城关镇", "乙县城关镇"])
    assert two["城关镇"] == "城关镇"  # two counties have one: not merged
    assert unify_keys(["关镇", "平昌关镇"])["关镇"] == "关镇"  # 平昌 is not a place prefix


def _unify_by_every_pair(keys: list[str]) -> dict[str, str]:
    """The rule as written: each key against every other key of the run."""
    distinct = {k for k in keys if k}
    out = {}
    for k in distinct:
        fuller = [o for o in distinct if len(o) > len(k) and keys_agree(k, o)]
        widest = [
            o for o in fuller if not any(len(p) > len(o) and keys_agree(o, p) for p in fuller)
        ]
        out[k] = widest[0] if len(widest) == 1 else k
    return out


def test_unify_keys_gives_what_comparing_every_pair_gives():
    """``unify_keys`` compares a key only with the keys that end with it: on a run of random
    keys it answers as the rule over every pair does."""
    import random

    rng = random.Random(7)
    places = ["淮安市", "江苏省", "洪泽区", "城关镇", "信阳市", "平桥区", "海淀区", "北京市"]
    tails = ["", "教育局", "人民政府办公室", "街道"]
    keys = ["".join(rng.sample(places, rng.randint(1, 3))) + rng.choice(tails) for _ in range(600)]
    keys += ["涟水县", "淮安市涟水县", "城关镇", "信阳市城关镇", "平桥区城关镇", ""]
    expected = _unify_by_every_pair(keys)
    assert unify_keys(keys) == expected
    assert expected["涟水县"] == "淮安市涟水县" and expected["城关镇"] == "城关镇"  # both rules met
