"""The command: outputs, exit codes, one-line errors for bad input."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest

from tests.conftest import DATA, SAMPLES
from tests.expected import SECTIONS_2021

BAD = DATA / "bad"


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "extractor.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel/WPS
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def test_one_report_writes_the_four_files(tmp_path):
    result = run(SAMPLES / "pingchangguan-2023-numbered.pdf", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    reports = read_csv(tmp_path / "reports.csv")
    assert len(reports) == 1
    assert reports[0]["requests.new.total"] == "7913"
    assert reports[0]["proactive.fees.amount"] == "23.0715"
    facts = read_csv(tmp_path / "facts.csv")
    new_total = next(f for f in facts if f["row"] == "new" and f["column"] == "total")
    assert new_total["row_label"] == "一、本年新收政府信息公开申请数量"
    assert new_total["page"] == "3" and new_total["raw"] == "7913"
    sections = read_csv(tmp_path / "sections.csv")
    assert [s["section"] for s in sections] == SECTIONS_2021
    checks = read_csv(tmp_path / "checks.csv")
    assert checks and {c["status"] for c in checks} == {"pass"}
    assert "requests" in result.stdout  # the terminal summary shows the tables


@pytest.mark.parametrize(
    "name,reason",
    [
        ("empty.pdf", "the file is empty"),
        ("truncated.pdf", "not a readable PDF"),
        ("encrypted.pdf", "password-protected"),
        ("not-a-report.pdf", "no report sections or disclosure tables found"),
        ("not-a-report.docx", "no report sections or disclosure tables found"),
        ("garbage.docx", "not a readable DOCX"),
        ("sheet.xls", "unsupported file type"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(tmp_path, name, reason):
    result = run(BAD / name, "-o", tmp_path, "-q")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {BAD / name}: ") and reason in lines[0]


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    result = run(
        BAD / "encrypted.pdf", DATA / "hongze-2024.pdf", BAD / "empty.pdf", "-o", tmp_path, "-q"
    )
    assert result.returncode == 1
    assert len(read_csv(tmp_path / "reports.csv")) == 1
    errors = read_csv(tmp_path / "errors.csv")
    assert {e["kind"] for e in errors} == {"encrypted", "empty"}


def test_usage_errors_exit_2(tmp_path):
    assert run("--pdf-engine", "nope", DATA / "hongze-2024.pdf", "-o", tmp_path).returncode == 2
    assert run("--no-such-option").returncode == 2
    empty_dir = tmp_path / "none"
    empty_dir.mkdir()
    assert run(empty_dir, "-o", tmp_path / "o").returncode == 2


def test_default_output_folder(tmp_path):
    result = run(SAMPLES.resolve() / "pingchangguan-2023.txt", "-q", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "extracted" / "facts.csv").exists()


def test_folder_input(tmp_path):
    import shutil

    folder = tmp_path / "in" / "sub"
    folder.mkdir(parents=True)
    names = ["pingchangguan-2023.pdf", "pingchangguan-2023-numbered.docx", "pingchangguan-2023.txt"]
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "notes.md").write_text("not a report", encoding="utf-8")  # skipped: not a report type
    result = run(tmp_path / "in", "-o", tmp_path / "out", "-q")
    assert result.returncode == 0, result.stderr
    sources = {r["source"].rsplit("/", 1)[-1] for r in read_csv(tmp_path / "out" / "reports.csv")}
    assert sources == set(names)


# --- in-process (typer's CliRunner) ---------------------------------------------------------


def invoke(*args):
    from typer.testing import CliRunner

    from extractor.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_version():
    from importlib.metadata import version

    result = invoke("--version")
    assert result.exit_code == 0 and result.output.strip() == f"extract {version('extractor')}"


def test_help_lists_inputs_outputs_exit_codes_and_examples():
    text = invoke("--help").output
    for word in (".pdf", ".docx", ".doc", ".html", ".mht", ".txt", ".zip", ".tar.gz",
                 "compare.csv", "dictionary.csv", "reports.xlsx", "overview.html",
                 "Exit codes", "Examples"):  # fmt: skip
        assert word in text, word


def test_every_help_option_is_in_the_readme():
    import re

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", invoke("--help").output))
    assert options - {"--help"}
    missing = sorted(
        o for o in options if o != "--help" and not re.search(rf"(?<![\w-]){o}(?![\w-])", readme)
    )
    assert not missing, f"options missing from README.md: {missing}"


def test_unsupported_files_are_counted_and_named(tmp_path):
    import shutil

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "pingchangguan-2023.txt", folder)
    for name in ("a.rar", "b.rar", "c.ofd"):
        (folder / name).write_bytes(b"x")
    result = invoke(folder, "-o", tmp_path / "out", "-j", "1")
    assert result.exit_code == 0, result.output
    assert "skipped: 3 files of unsupported type (.ofd, .rar)" in result.output


def test_one_report_is_printed_without_extracting_again(tmp_path, monkeypatch):
    import extractor

    parent = os.getpid()

    def no(name):
        original = getattr(extractor, name)

        def extract(*args, **kwargs):
            if os.getpid() == parent:
                raise AssertionError("extracted again in the parent")
            return original(*args, **kwargs)  # in a worker forked from this process

        monkeypatch.setattr(extractor, name, extract)

    for name in ("extract_bytes", "extract_bytes_all", "extract_item"):
        no(name)
    result = invoke(SAMPLES / "pingchangguan-2023-pagebreak.docx", "-o", tmp_path, "-j", "1")
    assert result.exit_code == 0, result.output
    assert "appeals" in result.output and "FAIL appeals.block_total" in result.output
    assert "compare.csv" in result.output


def test_a_rerun_after_an_upgrade_says_it_extracts_again(tmp_path, monkeypatch):
    from extractor.bulk import made_with

    txt = SAMPLES / "pingchangguan-2023.txt"
    assert invoke(txt, "-o", tmp_path, "-j", "1").exit_code == 0
    monkeypatch.setattr(made_with, "package_version", lambda: "99.0")
    result = invoke(txt, "-o", tmp_path, "-j", "1")
    assert result.exit_code == 0
    assert "note: the output folder holds results made by extractor " in result.output
    assert "(this is 99.0): extracting every file again" in result.output


def test_a_run_of_many_files_sums_up_checks_as_one_file_does(tmp_path):
    """The summary of a run of several files counts the rules applied that pass, fail and could
    not run, as the one-file summary does, over every row of checks.csv (the year-over-year
    rule's included)."""
    from collections import Counter

    from extractor.summary import checks_line

    docx = SAMPLES / "pingchangguan-2023-pagebreak.docx"
    one = invoke(docx, "-o", tmp_path / "one", "-j", "1")
    line = next(x for x in one.output.splitlines() if x.startswith("checks:"))
    assert " fail, " in line  # this report fails a check
    with_bad = invoke(docx, BAD / "empty.pdf", "-o", tmp_path / "two", "-j", "1")
    assert with_bad.exit_code == 1 and line in with_bad.output.splitlines()

    text = (SAMPLES / "pingchangguan-2023.txt").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "2023.txt").write_text(text, encoding="utf-8")
    (folder / "2022.txt").write_text(text.replace("2023", "2022"), encoding="utf-8")
    result = invoke(folder, "-o", tmp_path / "out", "-j", "1")
    checks = read_csv(tmp_path / "out" / "checks.csv")
    assert any(c["rule"] == "years.carry_over" for c in checks)
    rules = Counter(c["status"] for c in checks if c["lhs"])
    problems = any(c["status"] == "fail" and not c["lhs"] for c in checks)
    assert checks_line(rules, problems) in result.output.splitlines()
