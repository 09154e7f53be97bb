"""OCR: scanned and garbled PDF pages read into the same model; every value right or flagged."""
# ruff: noqa: E402 - the imports that need the ocr extra come after the check that it is there

from __future__ import annotations

import re

import pytest

from extractor.readers import ocr
from tests.conftest import require_tool

require_tool("the ocr extra", ocr.ocr_available(), "pip install -e '.[ocr]'")
pytestmark = pytest.mark.ocr

import cv2
import numpy as np
import pypdfium2 as pdfium

import extractor
from extractor.errors import MissingDependency
from extractor.readers import ocr_layout, read_document
from extractor.readers.docx import read_docx
from extractor.readers.ocr_grid import (
    estimate_skew,
    ink,
    prepare_page,
    rgb_to_gray,
    segs_to_points,
    stamp_mask,
)
from extractor.readers.pdf_geometry import rules_to_layouts
from extractor.report import document_to_report
from tests.conftest import DATA, SAMPLES
from tests.expected import HONGZE_2024, NUMBERED_2023, table_values

SCAN = SAMPLES / "pingchangguan-2023-numbered-scan.pdf"
GARBLED = SAMPLES / "pingchangguan-2023-garbled-text.pdf"
SCAN_SKEW = (0.7, -1.1, 1.3, -0.6)  # samples/build_inputs.py
# the cells the red seal covers on page 3 (read off the rendered scan)
UNDER_SEAL = {
    f"requests.{row}.{col}"
    for row, cols in {
        "rejected_publication": ("nonprofit", "legal", "other_org"),
        "rejected_excessive": ("nonprofit", "legal", "other_org", "total"),
        "rejected_confirmation": ("nonprofit", "legal", "other_org", "total"),
        "other_no_correction": ("nonprofit", "legal", "other_org", "total"),
        "other_unpaid_fee": ("nonprofit", "legal", "other_org"),
    }.items()
    for col in cols
}


@pytest.fixture(scope="module")
def scan():
    """The scanned sample read once (four pages of OCR): (document, report)."""
    doc = read_document(SCAN.read_bytes(), str(SCAN))
    return doc, document_to_report(doc)


def _facts(report):
    return {f.key: f for f in report.fact_list if f.origin == "table"}


def test_scan_every_number_right_or_flagged(scan):
    """Target: at least 99.5% of the 200 table numbers right; a wrong one is never silent (its
    cell is unsure, or a check over it fails)."""
    _, report = scan
    facts = _facts(report)
    assert set(facts) == set(NUMBERED_2023)
    wrong = {k for k, v in NUMBERED_2023.items() if facts[k].value != v}
    assert len(wrong) <= 1
    failed_cells = {cell for c in report.failed_checks for cell in c.cells}
    assert [k for k in wrong if not facts[k].prov.unsure and k not in failed_cells] == []


def test_scan_metadata_sections_and_checks(scan):
    _, report = scan
    meta = report.meta
    assert meta["format"] == "pdf" and meta["pages"] == 4
    assert (meta["body"], meta["year"], meta["signed"]) == ("平昌关镇", 2023, "2023-12-20")
    assert meta["sections_found"] == 6
    assert report.failed_checks == []


def test_seal_over_the_table(scan):
    """Sample quirk: a red seal over 18 cells of the requests table. The seal is lifted (every
    cell under it reads right) and each of those values is flagged as read under a stamp."""
    _, report = scan
    facts = _facts(report)
    assert {k: facts[k].value for k in UNDER_SEAL} == {k: NUMBERED_2023[k] for k in UNDER_SEAL}
    stamped = {k for k, f in facts.items() if "under a stamp" in f.prov.note}
    assert stamped >= UNDER_SEAL
    assert all(facts[k].prov.unsure for k in stamped)
    flagged = {p.detail.split(":")[0] for p in report.problems if p.rule == "ocr.low_confidence"}
    assert flagged == {k for k, f in facts.items() if f.prov.unsure}


def test_low_confidence_values_are_flagged(scan):
    _, report = scan
    for f in report.fact_list:
        if f.origin == "table" and f.prov.confidence is not None:
            assert f.prov.unsure == (
                f.prov.confidence < ocr_layout.LOW_CONFIDENCE or "stamp" in f.prov.note
            )


def test_skew_measured_on_every_page(scan):
    """Sample quirk: each sheet lies crooked (−1.1° … 1.3°); the angle turned back is within
    0.1° of the one the scan was made with."""
    doc, _ = scan
    angles = [float(a) for a in re.findall(r"turned back ([+-]\d+\.\d+)°", " ".join(doc.notes))]
    assert len(angles) == 4
    assert all(abs(a - b) <= 0.1 for a, b in zip(angles, SCAN_SKEW, strict=True))


def test_grids_from_the_image_have_the_word_merges(scan):
    """The ruling lines found in the image give the template's merged cells, cell for cell."""
    doc, _ = scan
    word = read_docx((SAMPLES / "pingchangguan-2023-numbered.docx").read_bytes(), "w.docx")
    assert len(doc.tables) == 3
    for got, want in zip(doc.tables, word.tables, strict=True):
        assert (got.n_rows, got.n_cols) == (want.n_rows, want.n_cols)
        for gr, wr in zip(got.grid, want.grid, strict=True):
            assert [c.origin for c in gr] == [c.origin for c in wr]


def test_provenance_page_box_confidence(scan):
    doc, _ = scan
    requests = doc.tables[1]
    cell = requests.grid[3][9]
    assert cell.text == "7913"
    p = cell.prov
    assert (p.page, p.table, p.row, p.col) == (3, 1, 3, 9)
    assert 0.9 <= p.confidence <= 1.0
    x0, top, x1, bottom = p.bbox
    assert 480 < x0 < x1 < 560 and 180 < top < bottom < 210  # the 总计 column, row 一
    first = doc.paragraphs[0]
    assert first.prov.page == 1 and first.prov.confidence is not None
    assert "政府信息公开工作年度报告" in first.text


def test_garbled_text_layer_is_replaced_by_ocr():
    """Sample quirk: a page whose text layer maps every glyph to private-use characters or
    U+FFFD is read by OCR instead."""
    pdf = pdfium.PdfDocument(GARBLED)
    textpage = pdf[0].get_textpage()
    assert textpage.count_chars() > 1000
    assert ocr.garbage_share(textpage.get_text_range()) > 0.5
    report = extractor.extract(GARBLED)
    requests = {k: v for k, v in NUMBERED_2023.items() if k.startswith("requests.")}
    got = table_values(report)
    assert {k: got.get(k) for k in requests} == requests


def test_text_pages_are_not_ocrd():
    pdf = pdfium.PdfDocument(SAMPLES / "pingchangguan-2023-numbered.pdf")
    assert not any(ocr.page_needs_ocr(page, page.get_textpage().get_text_range()) for page in pdf)


def test_blank_page_is_not_ocrd():
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    assert not ocr.page_needs_ocr(page, page.get_textpage().get_text_range())


def test_garbage_share():
    assert ocr.garbage_share("一、总体情况 2023年") == 0
    assert ocr.garbage_share("(cid:12)(cid:7)(cid:99)") == 1
    assert ocr.garbage_share("\ue013\ue033 ok") == 0.5
    assert ocr.garbage_share("\ufffd\ufffd\ufffd总") == 0.75
    assert ocr.garbage_share("   ") == 0


def test_latin_soup_text_layer_is_mojibake():
    """A report printed to PostScript and distilled again (pdftops, then Ghostscript's
    ps2pdf) keeps its fonts without a Unicode map: every page's text layer is Latin soup with
    control characters under its garbage share (0.08-0.17 on the table pages), so it was read
    as text, and every table lost. Those pages now go to OCR. A page of numbers, a browser's
    date and address line, English words: no soup."""
    soup = '\x1e\x16\x1f !"#\n\x0b\x0c\r\x0e\x0f$%\x19\x1a\r\nT\n?\x19¿\t@A$£\x01W#\x11$\x13#'
    soup += "\n$B5\x0fCD\r\n#\x8d$\x13#ß$B5U\r\n\x91\x922¼½\r\nEF\r\n2\r\nþ2\x16GHrs\r\nK< IJ"
    table_page = "¡l¢£¤¥U 1 2 3\r\nö÷Æ ³=>LM´¬µ¶ 120 35\r\n·¸hig¹ºS 7 7 0"
    assert ocr.garbage_share(soup) < ocr.GARBAGE_SHARE  # what let it through
    assert ocr.is_mojibake(soup) and ocr.is_mojibake(table_page)
    browser = "平昌关镇人民政府 2023年12月20日 11/30/26, 10:46 PM pingchangguan file:///tmp/x.html"
    assert not ocr.is_mojibake(browser)
    assert not ocr.is_mojibake("1239 1406 1422 1574 1533 1268 8442 · 3 × 4 ÷ 2 ° ±")
    assert not ocr.is_mojibake("Annual report on government information disclosure, 2023")
    assert not ocr.is_mojibake("¼½ 12")  # too little to tell


def test_without_the_extra_a_scan_names_it(monkeypatch):
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    with pytest.raises(MissingDependency, match=r"extractor\[ocr\]"):
        extractor.extract(SCAN)


def _mixed_pdf() -> bytes:
    """Pages 1-2 of the Word sample's PDF (text layer) and page 3 of the scan (image only)."""
    import io

    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(SAMPLES / "pingchangguan-2023-numbered.pdf"), [0, 1])
    out.import_pages(pdfium.PdfDocument(SCAN), [2])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def test_mixed_pdf_text_pages_and_a_scanned_page():
    """Real-world quirk: the tables are scanned pages inside an otherwise digital PDF."""
    report = extractor.extract_bytes(_mixed_pdf(), "mixed.pdf")
    got = table_values(report)
    want = {k: v for k, v in NUMBERED_2023.items() if not k.startswith("appeals.")}
    assert {k: got.get(k) for k in want} == want
    facts = _facts(report)
    assert facts["proactive.licensing.decisions"].prov.confidence is None  # from the text layer
    assert facts["requests.new.total"].prov.confidence is not None  # from OCR
    assert "p3: read by OCR" in report.meta["notes"]


def test_mixed_pdf_without_the_extra_keeps_the_text_pages(monkeypatch):
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    report = extractor.extract_bytes(_mixed_pdf(), "mixed.pdf")
    assert "p3: no usable text layer; install extractor[ocr]" in report.meta["notes"]
    assert report.value("proactive.licensing.decisions") == 140
    assert "requests" not in {f.table for f in report.fact_list}


# --- image geometry without the recogniser ---------------------------------------------------


def _drawn_table(angle: float) -> np.ndarray:
    """A white page with a 4x3 ruled table (a colspan in row 0, a rowspan in column 0), some
    'text' blobs, a red disc over a corner, turned by ``angle`` degrees."""
    img = np.full((1200, 900, 3), 250, np.uint8)
    xs, ys = [100, 300, 450, 600, 750], [200, 280, 360, 440]
    for y in ys:
        cv2.line(img, (xs[0], y), (xs[-1], y), (0, 0, 0), 2)
    for x in xs:
        cv2.line(img, (x, ys[0]), (x, ys[-1]), (0, 0, 0), 2)
    for x in xs[2:4]:  # row 0: columns 1-3 one cell
        img[ys[0] + 3 : ys[1] - 2, x - 2 : x + 3] = 250
    img[ys[1] - 2 : ys[1] + 3, xs[0] + 3 : xs[1] - 2] = 250  # column 0: rows 0-1 one cell
    for x in xs[1:-1]:
        cv2.putText(img, "128", (x + 30, ys[2] + 55), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (0, 0, 0), 3)
    overlay = img.copy()
    cv2.circle(overlay, (650, 400), 120, (214, 38, 46), -1)
    img = (img.astype(np.float32) * (overlay.astype(np.float32) / 255)).astype(np.uint8)
    m = cv2.getRotationMatrix2D((450, 600), angle, 1.0)
    return cv2.warpAffine(img, m, (900, 1200), borderValue=(250, 250, 250))


@pytest.mark.parametrize("angle", [0.0, 0.8, -1.4])
def test_rules_from_a_skewed_image_give_the_grid(angle):
    scale = 2.0
    page = prepare_page(_drawn_table(angle), scale)
    assert abs(page.skew - angle) <= 0.1
    (layout,) = rules_to_layouts(segs_to_points(page.rules, scale))
    assert (len(layout.xs) - 1, len(layout.ys) - 1) == (4, 3)
    spans = {(r, c): (rs, cs) for r, c, rs, cs, _ in layout.spans}
    assert spans[(0, 0)] == (2, 1) and spans[(0, 1)] == (1, 3)
    assert (1, 0) not in spans and (0, 2) not in spans


def test_red_ink_is_lifted_print_under_it_stays():
    img = _drawn_table(0.0)
    gray = rgb_to_gray(img)
    assert stamp_mask(img)[400, 650]  # the disc is stamp ink
    assert gray[400, 650] >= 240  # ... lifted to paper
    assert gray[360, 650] < 80  # the rule under the disc is still black
    assert estimate_skew(ink(gray)) == pytest.approx(0.0, abs=0.1)


def test_box_across_a_column_rule_is_cut_there():
    """Two cells' text read as one box is cut at the rule between them; a box over a merged
    cell (the column boundary is no rule in that row) is left whole."""
    from extractor.readers.pdf_geometry import GridLayout

    xs, ys = [0.0, 100.0, 200.0, 300.0], [0.0, 20.0, 40.0]
    layout = GridLayout(
        xs,
        ys,
        [(0, 0, 1, 3, (0, 0, 300, 20))]
        + [(1, c, 1, 1, (xs[c], 20, xs[c + 1], 40)) for c in range(3)],
    )
    s = ocr_layout.SCALE
    across = ocr_layout.Box(60 * s, 25 * s, 170 * s, 35 * s)
    pieces = ocr_layout.split_at_rules(across, [layout])
    assert [(round(p.x0 / s), round(p.x1 / s)) for p in pieces] == [(60, 100), (100, 170)]
    merged = ocr_layout.Box(60 * s, 5 * s, 170 * s, 15 * s)
    assert ocr_layout.split_at_rules(merged, [layout]) == [merged]
    outside = ocr_layout.Box(60 * s, 50 * s, 170 * s, 60 * s)
    assert ocr_layout.split_at_rules(outside, [layout]) == [outside]


def test_numbers_the_text_finder_misses_are_still_read(monkeypatch):
    """A lone short number can escape text detection; a table cell with ink but no text box is
    read on its own instead of passing for an empty cell. Here detection loses the whole number
    row of the appeals table (scan page 4)."""
    import io

    digital = read_document((SAMPLES / "pingchangguan-2023-numbered.pdf").read_bytes(), "n.pdf")
    _, row_top, _, row_bottom = digital.tables[2].grid[3][0].prov.bbox  # the number row
    detect = ocr.detect_boxes

    def lossy(gray):
        boxes = detect(gray)
        kept = [
            b for b in boxes if not row_top < (b.top + b.bottom) / 2 / ocr_layout.SCALE < row_bottom
        ]
        assert len(boxes) - len(kept) == 15
        return kept

    monkeypatch.setattr(ocr, "detect_boxes", lossy)
    one = pdfium.PdfDocument.new()
    one.import_pages(pdfium.PdfDocument(SCAN), [3])
    buf = io.BytesIO()
    one.save(buf)
    report = extractor.extract_bytes(buf.getvalue(), "page4.pdf")
    facts = _facts(report)
    appeals = {k: v for k, v in NUMBERED_2023.items() if k.startswith("appeals.")}
    assert all(facts[k].value == v or facts[k].prov.unsure for k, v in appeals.items())
    assert sum(facts[k].value == v for k, v in appeals.items()) >= 14


def test_ink_in_empty_cells():
    from extractor.readers.pdf_geometry import GridLayout

    s = ocr_layout.SCALE
    clean = np.full((int(100 * s), int(400 * s)), 250, np.uint8)
    layout = GridLayout(
        [0.0, 100.0, 200.0, 300.0],
        [0.0, 40.0],
        [(0, c, 1, 1, (100.0 * c, 0.0, 100.0 * c + 100, 40.0)) for c in range(3)],
    )
    cv2.line(clean, (int(150 * s), int(10 * s)), (int(150 * s), int(28 * s)), 0, 3)  # a '1'
    cv2.putText(clean, "22", (int(220 * s), int(30 * s)), cv2.FONT_HERSHEY_SIMPLEX, 1, 0, 2)
    read = [ocr_layout.Box(215 * s, 8 * s, 260 * s, 32 * s, "22", 1.0)]  # column 2 has a box
    (found,) = ocr_layout.ink_in_empty_cells([layout], read, clean)
    assert 145 < found.x0 / s < found.x1 / s < 155 and 8 < found.top / s < found.bottom / s < 30


def test_real_report_pages_rendered_as_a_scan():
    """tests/data/hongze-2024.pdf's table pages (2-4) rendered at 200 dpi into an image-only
    PDF: a real WPS layout with vertical row labels and table 2 split across pages 3-4, read
    by OCR cell for cell (a wrong value would have to be flagged)."""
    _assert_hongze_read(_hongze_scanned((0, 0, 0)))


def _hongze_scanned(angles: tuple[int, int, int]) -> extractor.Report:
    """tests/data/hongze-2024.pdf's table pages (2-4) rendered at 200 dpi, each turned
    anticlockwise by its angle, into an image-only PDF, read."""
    import io

    source = pdfium.PdfDocument(DATA / "hongze-2024.pdf")
    images = [
        source[i].render(scale=200 / 72).to_pil().convert("RGB").rotate(angle, expand=True)
        for i, angle in zip((1, 2, 3), angles, strict=True)
    ]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=200, save_all=True, append_images=images[1:])
    return extractor.extract_bytes(buf.getvalue(), "hongze-scan.pdf")


def _assert_hongze_read(report: extractor.Report) -> None:
    """Every cell of the report's tables read, and a value not the printed one flagged (one
    at most)."""
    facts = _facts(report)
    assert set(facts) == set(HONGZE_2024)
    wrong = [k for k, v in HONGZE_2024.items() if facts[k].value != v]
    assert [k for k in wrong if not facts[k].prov.unsure] == []
    assert len(wrong) <= 1


def test_pages_scanned_on_their_side_are_set_upright():
    """A table page scanned on its side (a landscape page fed in portrait) gave no text the
    template could use: the whole report was refused (not_a_report). Most long text boxes
    stand tall there; read both ways, the page is turned the way read with more confidence.
    tests/data/hongze-2024.pdf's table pages rendered turned a quarter one way, the other way,
    then the first again."""
    report = _hongze_scanned((90, 270, 90))
    notes = report.meta["notes"]
    assert "p1: read by OCR, set upright from its side (270° counter-clockwise)" in notes
    assert "p2: read by OCR, set upright from its side (90° counter-clockwise)" in notes
    _assert_hongze_read(report)


def test_tall_boxes_that_read_neither_way_leave_the_page_as_it_is():
    """Tall boxes alone do not turn a page: the turn must also read well (a column of upright
    glyphs stacked one under another is tall too, and reads badly turned either way). Here
    the tall boxes hold nothing readable: the page stays as it is."""
    s = ocr_layout.SCALE
    gray = np.full((int(400 * s), int(300 * s)), 255, np.uint8)
    for x in range(20, 280, 40):  # short strokes, no glyph
        cv2.line(gray, (int(x * s), int(50 * s)), (int(x * s), int(350 * s)), 0, 1)
    tall = [ocr_layout.Box((x - 5) * s, 40 * s, (x + 5) * s, 360 * s) for x in range(20, 280, 40)]
    assert ocr.quarter_turn(tall, gray) == 0


class _FailingEngine:
    def __init__(self, message: str):
        self.message = message

    def __call__(self, *args, **kwargs):
        raise RuntimeError(self.message)


def test_recogniser_out_of_memory_is_a_memory_error(monkeypatch):
    """onnxruntime reports an allocation failure (e.g. under a worker's address-space limit)
    as a runtime error; it becomes MemoryError, which bulk workers report as ``memory``."""
    monkeypatch.setattr(ocr, "_engine", lambda: _FailingEngine("ReorderInput: std::bad_alloc"))
    with pytest.raises(MemoryError, match="OCR text detection ran out of memory"):
        extractor.extract(GARBLED)
    monkeypatch.setattr(ocr, "_engine", lambda: _FailingEngine("Invalid input shape"))
    with pytest.raises(extractor.ExtractError, match="OCR text detection failed: Invalid input"):
        extractor.extract(GARBLED)


def test_a_text_pdf_never_imports_the_recogniser():
    """The issue: onnxruntime was imported for every page without text just to ask whether OCR
    is available. Asked with find_spec now; a text PDF loads none of the extra."""
    import subprocess
    import sys

    code = (
        "import sys, extractor\n"
        "extractor.extract(sys.argv[1])\n"
        "print(sorted(m for m in ('onnxruntime', 'rapidocr', 'cv2') if m in sys.modules))\n"
    )
    pdf = SAMPLES / "pingchangguan-2023-numbered.pdf"
    done = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


@pytest.mark.slow
def test_extract_a_scan_with_default_options_writes_nothing_outside_out(tmp_path):
    """The issue: the default memory limit (address space) broke OCR, and onnxruntime wrote
    telemetry under ~/.cache/Microsoft and $TMPDIR. Now the command succeeds with its defaults
    and HOME and TMPDIR stay empty."""
    import os
    import subprocess
    import sys

    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = dict(os.environ, HOME=str(home), TMPDIR=str(tmp), XDG_CACHE_HOME="")
    env.pop("ORT_DISABLE_TELEMETRY", None)
    cmd = [sys.executable, "-m", "extractor.cli", str(SCAN), "-o", str(tmp_path / "out"), "-q"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert list(home.rglob("*")) == [] and list(tmp.rglob("*")) == []


def test_ink_read_as_nothing_is_no_blank_and_no_zero():
    """A scanned cell whose ink the recogniser reads as nothing (here glyphs printed as the
    font's empty box, some over the digits: tests/data/notdef-boxes-table.png) passed for an
    empty cell, and an empty cell reads as 0: 规章's 现行有效件数 (131) was written as 0 with
    nothing said. Such a cell is now no number (number.unreadable, fail; the cell's note says
    'ink not read'); a cell the recogniser did read keeps its value."""
    import io

    from PIL import Image

    image = Image.open(DATA / "notdef-boxes-table.png").convert("RGB")
    page = Image.new("RGB", (int(595 * 200 / 72), int(400 * 200 / 72)), "white")
    page.paste(image, (140, 400))
    buf = io.BytesIO()
    page.save(buf, "PDF", resolution=200)
    (table,) = ocr.ocr_page(pdfium.PdfDocument(buf.getvalue())[0], 1).tables
    cells = {
        (r, c): table.origin_cell(r, c) for r in range(table.n_rows) for c in range(table.n_cols)
    }
    assert cells[2, 0].text == "规" and cells[3, 0].text.startswith("行政规范性")
    unread = [cells[2, 3], cells[3, 1], cells[3, 2], cells[3, 3]]
    assert [c.text for c in unread] == [ocr_layout.UNREAD] * 4
    # 3 beside an empty box: the recogniser reads '3', the box's two runs of ink say more
    assert cells[2, 1].text == "3" + ocr_layout.UNREAD
    assert all("ink not read" in c.prov.note and c.prov.unsure for c in [*unread, cells[2, 1]])
    from extractor.template.proactive import map_proactive

    facts = {f.key: f for f in map_proactive([table]).facts}
    assert facts["proactive.regulations.in_force"].value is None  # was 0: 'blank read as 0'
    assert facts["proactive.regulations.issued"].value is None  # was 3: 34 is printed
    assert not any(f.blank for f in facts.values())


def test_a_number_with_more_runs_of_ink_than_digits_is_not_read_in_full():
    """The recogniser may leave out a glyph it cannot read and return the rest with full
    confidence ('3' for 3 beside a glyph printed as an empty box). Each digit of a number is its
    own run of ink across the box: more runs than characters is a glyph not read, and the
    number is no number. Under a stamp the stamp's ink says nothing; words are not counted."""
    s = ocr_layout.SCALE
    clean = np.full((int(40 * s), int(120 * s)), 255, np.uint8)
    cv2.putText(clean, "34", (int(10 * s), int(30 * s)), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    box = ocr_layout.Box(5 * s, 5 * s, 60 * s, 35 * s, "34", 1.0)
    assert ocr_layout.ink_runs(clean, box) == 2
    assert ocr_layout.read_in_full(box, clean) == "34"
    one_digit = ocr_layout.Box(5 * s, 5 * s, 60 * s, 35 * s, "3", 1.0)
    assert ocr_layout.read_in_full(one_digit, clean) == "3" + ocr_layout.UNREAD
    stamped = ocr_layout.Box(5 * s, 5 * s, 60 * s, 35 * s, "3", 1.0, stamped=True)
    assert ocr_layout.read_in_full(stamped, clean) == "3"
    word = ocr_layout.Box(5 * s, 5 * s, 60 * s, 35 * s, "川", 1.0)
    assert ocr_layout.read_in_full(word, clean) == "川"


def test_pages_scanned_upside_down_are_turned_the_right_way_up():
    """A page fed into the scanner upside down: its text boxes lie across the page as an
    upright page's do, so nothing turned it, and every word read as other characters (the
    report was refused as not a report). RapidOCR's direction classifier tells a line upside
    down; most of the longest lines upside down turn the page. tests/data/hongze-2024.pdf's
    table pages rendered upside down, upright, upside down."""
    report = _hongze_scanned((180, 0, 180))
    notes = report.meta["notes"]
    assert "p1: read by OCR, turned the right way up (180°)" in notes
    assert "p3: read by OCR, turned the right way up (180°)" in notes
    assert not any("p2: read by OCR, turned" in n for n in notes)
    _assert_hongze_read(report)
