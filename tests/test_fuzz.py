"""Fuzzing the readers through a bulk run: a few hundred broken copies of real reports (PDF,
DOCX, HTML, MHTML, text, zip), each must end as a report or as an error row of a known kind:
never ``crashed`` (an exception no reader foresaw, or a dead worker), never ``timeout``, and the
run itself never fails; nothing is written outside the output folder (HOME and TMPDIR stay
empty). ``EXTRACTOR_FUZZ_CASES`` sets the number of cases (default 300)."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from extractor.bulk import run_bulk
from tests.conftest import DATA, SAMPLES
from tests.hostile import mutants
from tests.test_bulk import csv_rows

KNOWN_KINDS = {
    "empty",
    "unreadable",
    "encrypted",
    "not_a_report",
    "unsupported",
    "missing_dependency",
    "too_large",
}
CASES = int(os.environ.get("EXTRACTOR_FUZZ_CASES", "300"))
CASE_TIMEOUT = 30  # seconds: a clean sample takes well under one


def seed_files() -> dict[str, bytes]:
    seeds = {
        p.name: p.read_bytes()
        for p in (
            SAMPLES / "pingchangguan-2023-numbered.pdf",
            SAMPLES / "pingchangguan-2020-format2019.pdf",
            DATA / "bad" / "encrypted.pdf",
            SAMPLES / "pingchangguan-2023-numbered.docx",
            SAMPLES / "pingchangguan-2023-numbered.html",
            SAMPLES / "pingchangguan-2023-numbered.mht",
            SAMPLES / "pingchangguan-2023.txt",
        )
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a/report.txt", seeds["pingchangguan-2023.txt"])
        zf.writestr("a/report.docx", seeds["pingchangguan-2023-numbered.docx"])
    seeds["reports.zip"] = buf.getvalue()
    return seeds


@pytest.mark.slow
def test_mutated_reports_end_as_reports_or_known_errors(tmp_path, monkeypatch):
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    for variable, path in (("HOME", home), ("TMPDIR", tmp)):
        path.mkdir()
        monkeypatch.setenv(variable, str(path))
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in mutants(seed_files(), CASES):
        (folder / name).write_bytes(data)
    result = run_bulk([folder], tmp_path / "out", jobs=2, timeout=CASE_TIMEOUT)
    errors = csv_rows(tmp_path / "out" / "errors.csv")
    unknown = [
        (e["source"], e["kind"], e["reason"]) for e in errors if e["kind"] not in KNOWN_KINDS
    ]
    assert unknown == []
    assert result.reports + result.errors >= CASES  # every case accounted for
    assert list(home.rglob("*")) == [] and list(tmp.rglob("*")) == []
