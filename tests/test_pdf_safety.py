"""PDFs whose structure would crash or hang PDFium are refused before it loads a page."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

import extractor
from extractor.readers.pdf_safety import UnsafePdf, check_pdf, may_hold_forms
from tests.conftest import DATA, SAMPLES
from tests.hostile import fan_out_forms_pdf, page_tree_loop_pdf, self_painting_form_pdf


def test_self_painting_form_xobject_is_refused():
    """The issue's seventh cause: an 831-byte PDF whose form paints itself aborted PDFium
    (SIGABRT), which would take an API caller's process with it."""
    data = self_painting_form_pdf()
    assert len(data) < 1000
    with pytest.raises(UnsafePdf, match="paints itself"):
        check_pdf(data)
    with pytest.raises(extractor.ExtractError, match="paints itself") as err:
        extractor.extract_bytes(data, "selfref.pdf")
    assert err.value.kind == "unreadable"


def test_forms_that_fan_out_are_refused_quickly():
    """24 levels of a form painting the next twice: 16 million paints. Without the check the
    process ran out of memory after minutes; now it is refused in milliseconds."""
    started = time.monotonic()
    with pytest.raises(extractor.ExtractError, match="fan out"):
        extractor.extract_bytes(fan_out_forms_pdf(), "fan.pdf")
    assert time.monotonic() - started < 5


def test_page_tree_loop_is_unreadable():
    with pytest.raises(extractor.ExtractError) as err:
        extractor.extract_bytes(page_tree_loop_pdf(), "loop.pdf")
    assert err.value.kind == "unreadable"


def test_a_form_hidden_behind_escaped_names_is_still_walked():
    """/F#6Frm is /Form to PDFium: the cheap look for forms must not be fooled by it."""
    data = self_painting_form_pdf().replace(b"/Form", b"/F#6Frm")
    assert b"Form" not in data
    with pytest.raises(UnsafePdf, match="paints itself"):
        check_pdf(data)
    indirect = self_painting_form_pdf().replace(b"/Subtype /Form", b"/Subtype 9 0 R")
    assert may_hold_forms(indirect)


def test_the_samples_hold_no_form_and_skip_the_walk():
    for path in [*sorted(SAMPLES.glob("*.pdf")), DATA / "hongze-2024.pdf"]:
        assert not may_hold_forms(path.read_bytes()), path.name


def test_every_real_pdf_passes():
    for path in [*sorted(SAMPLES.glob("*.pdf")), DATA / "hongze-2024.pdf"]:
        check_pdf(path.read_bytes())


def test_an_api_caller_survives_the_self_painting_pdf(tmp_path):
    """In a process of its own, as an API caller would: it ends with the error, not a signal."""
    path = tmp_path / "selfref.pdf"
    path.write_bytes(self_painting_form_pdf())
    code = (
        "import extractor, sys\n"
        "try:\n    extractor.extract(sys.argv[1])\n"
        "except extractor.ExtractError as e:\n    print(e.kind)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "unreadable")
