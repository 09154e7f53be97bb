"""The names a run has taken: never a no for one added, rarely a yes for one that was not."""

from __future__ import annotations

from extractor.bulk.seen import Seen


def test_every_name_added_is_seen_and_few_others_are():
    seen = Seen(10_000)
    names = [f"/data/报告/{i:05d}.pdf" for i in range(10_000)]
    for name in names:
        seen.add(name)
    assert all(name in seen for name in names)
    others = sum(f"/data/报告/{i:05d}.docx" in seen for i in range(10_000))
    assert others < 150  # about 0.5%; 1.5% at most


def test_more_names_than_expected_stay_seen():
    seen = Seen(0)
    names = [f"a.zip!{i}.txt" for i in range(5_000)]
    for name in names:
        seen.add(name)
    assert all(name in seen for name in names) and len(seen.bits) == 2048
