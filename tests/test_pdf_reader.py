"""PDF reader: grids from ruling lines, tables joined across pages, prose frames are prose."""

from __future__ import annotations

import io
import random

import pytest

import extractor
from extractor.model import Document, Paragraph
from extractor.readers.pdf import REDRAWN, SET_UPRIGHT, read_pdf
from extractor.readers.pdf_geometry import cells_to_layout, segments_to_cell_groups
from extractor.readers.pdf_rules import Seg, join_segments, snap_segments
from tests.conftest import DATA, SAMPLES


@pytest.fixture(scope="module", params=["pdfium", "pdfplumber"])
def hongze(request):
    return read_pdf(
        (DATA / "hongze-2024.pdf").read_bytes(), "hongze-2024.pdf", engine=request.param
    )


def test_boxed_prose_is_not_a_table(hongze):
    """hongze's paragraphs sit in white filled boxes that table finders take for a 1-column table.
    Three tables: table 1 (pages 2-3, its last blocks on page 3 with two columns), table 2
    (pages 3-4), table 3."""
    assert [t.pages for t in hongze.tables] == [[2, 3], [3, 4], [4]]
    texts = [b.text for b in hongze.blocks if isinstance(b, Paragraph)]
    assert any(t.startswith("（三）政府信息管理情况") for t in texts)


def test_table_split_across_pages_is_joined(hongze):
    requests = hongze.tables[1]
    assert requests.n_rows == 26 and requests.n_cols == 10
    assert requests.pages == [3, 4]


def test_vertical_label_reads_as_one_label(hongze):
    requests = hongze.tables[1]
    assert requests.text(5, 0) == "三、本年度办理结果"


def test_wrapped_cell_label_rejoined(hongze):
    assert (
        hongze.tables[1].text(6, 1) == "（二）部分公开（区分处理的，只计这一情 形，不计其他情形）"
    )


def test_cell_provenance_names_its_page_box_row_and_column(hongze):
    """Each cell read says where: its table, page, box and grid place, and nothing else (the
    fast path builds these positionally)."""
    for table in hongze.tables:
        for row in table.grid:
            for cell in row:
                if cell.covered:
                    continue
                prov = cell.prov
                assert (prov.table, prov.row, prov.col) == (table.index, cell.row, cell.col)
                assert prov.page in table.pages
                x0, top, x1, bottom = prov.bbox
                assert x0 < x1 and top < bottom
                assert (prov.line, prov.para, prov.confidence, prov.unsure) == (
                    None,
                    None,
                    None,
                    False,
                )


def test_page_numbers_are_dropped(hongze):
    assert not any(b.text in ("- 1 -", "- 2 -") for b in hongze.blocks if isinstance(b, Paragraph))


def test_both_engines_give_identical_grids():
    # a usable text layer (the scan and the garbled sample are read by OCR, not the engines)
    digital = [
        p for p in sorted(SAMPLES.glob("*.pdf")) if not {"scan", "garbled"} & set(p.stem.split("-"))
    ]
    for path in [DATA / "hongze-2024.pdf", *digital]:
        data = path.read_bytes()
        fast = read_pdf(data, path.name, engine="pdfium")
        ref = read_pdf(data, path.name, engine="pdfplumber")
        assert [t.rows_text() for t in fast.tables] == [t.rows_text() for t in ref.tables], (
            path.name
        )


def test_grid_with_a_merged_cell():
    """Two columns, two rows, the left column merged: the rule between rows stops short of it."""
    segs = [
        Seg(0, 0, 100, 0),
        Seg(50, 10, 100, 10),
        Seg(0, 20, 100, 20),  # horizontals
        Seg(0, 0, 0, 20),
        Seg(50, 0, 50, 20),
        Seg(100, 0, 100, 20),  # verticals
    ]
    (cells,) = segments_to_cell_groups(segs)
    layout = cells_to_layout(cells)
    spans = sorted((r, c, rs, cs) for r, c, rs, cs, _ in layout.spans)
    assert spans == [(0, 0, 2, 1), (0, 1, 1, 1), (1, 1, 1, 1)]


def _random_rules(rnd: random.Random) -> list[Seg]:
    """A random grid of rules, snapped and joined, some missing and some broken with gaps of
    4–5 pt: where two such collinear rules both reach one crossing rule, an intersection
    belongs to both."""
    segs = []
    xs = sorted(rnd.sample(range(0, 300, 10), rnd.randint(2, 7)))
    ys = sorted(rnd.sample(range(0, 300, 10), rnd.randint(2, 7)))
    for horizontal, lines, span in ((True, ys, xs), (False, xs, ys)):
        for at in lines:
            a = span[0]
            while a < span[-1]:
                b = min(span[-1], a + rnd.choice([10, 20, 40, 300]))
                start = a + rnd.choice([0, 0, 0, 2, 4])
                if rnd.random() < 0.85 and b > start:
                    segs.append(Seg(start, at, b, at) if horizontal else Seg(at, start, at, b))
                a = b + rnd.choice([0, 0, 4, 5])
    return join_segments(snap_segments(segs))


def test_cells_are_pdfplumbers_cells_on_random_rules():
    """The cell finder against pdfplumber's own intersection and cell functions."""
    from pdfplumber.table import edges_to_intersections, intersections_to_cells

    rnd = random.Random(7)
    for _ in range(400):
        segs = _random_rules(rnd)
        groups = segments_to_cell_groups(segs)
        for group in groups:  # each table's cells by top, then left; tables top to bottom
            assert group == sorted(group, key=lambda c: (c[1], c[0])), segs
        assert [g[0][1] for g in groups] == sorted(g[0][1] for g in groups), segs
        ours = sorted(cell for group in groups for cell in group)
        edges = [
            {"x0": s.x0, "x1": s.x1, "top": s.top, "bottom": s.bottom}
            | {"orientation": "h" if s.horizontal else "v"}
            for s in segs
        ]
        assert ours == sorted(intersections_to_cells(edges_to_intersections(edges, 3, 3))), segs


def test_page_the_fast_finder_cannot_map_falls_back_to_pdfplumber(monkeypatch):
    """Simulate a page whose rules the fast finder cannot turn into a grid: that page is read by
    pdfplumber, its cells say so, and the values are the same."""
    import extractor
    from extractor.readers import pdf_tables
    from tests.expected import HONGZE_2024, table_values

    real = pdf_tables.rules_to_layouts
    calls = []

    def failing_on_page_3(rules, *args):
        calls.append(len(calls))
        return [] if len(calls) == 2 else real(rules, *args)  # the second table page (page 3)

    monkeypatch.setattr(pdf_tables, "rules_to_layouts", failing_on_page_3)
    report = extractor.extract(DATA / "hongze-2024.pdf")
    assert table_values(report) == HONGZE_2024
    notes = {f.prov.page: f.prov.note for f in report.fact_list}
    assert notes[3] == "engine=pdfplumber (fallback)"
    assert notes[2] == "" and notes[4] == ""


def _page_as_form_xobject(data: bytes, index: int) -> bytes:
    """A one-page PDF whose only object is a form XObject holding page ``index`` of ``data``
    (how some producers stamp or impose pages)."""
    import io

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    src, dst = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    width, height = src[index].get_size()
    xobject = raw.FPDF_NewXObjectFromPage(dst.raw, src.raw, index)
    page = dst.new_page(width, height)
    raw.FPDFPage_InsertObject(page.raw, raw.FPDF_NewFormObjectFromXObject(xobject))
    raw.FPDFPage_GenerateContent(page.raw)
    raw.FPDF_CloseXObject(xobject)
    out = io.BytesIO()
    dst.save(out)
    return out.getvalue()


def test_rules_inside_a_form_xobject_are_found():
    """The table page of the sample wrapped in a form XObject: the fast finder walks into the
    form and finds the same grid as on the plain page, and as pdfplumber does."""
    data = (SAMPLES / "pingchangguan-2023.pdf").read_bytes()
    plain = read_pdf(data, "plain.pdf").tables[1]
    wrapped = _page_as_form_xobject(data, plain.pages[0] - 1)
    fast = read_pdf(wrapped, "form.pdf", engine="pdfium").tables
    ref = read_pdf(wrapped, "form.pdf", engine="pdfplumber").tables
    assert len(fast) == 1 and fast[0].rows_text() == plain.rows_text()
    assert [t.rows_text() for t in ref] == [fast[0].rows_text()]
    assert "engine" not in fast[0].prov.note  # no fallback: the fast finder read it


@pytest.mark.parametrize(
    "stem",
    [
        "pingchangguan-2023",
        "pingchangguan-2023-numbered",
        "pingchangguan-2023-pagebreak",
        "pingchangguan-2020-format2019",
    ],
)
def test_wide_fixed_line_spacing_keeps_paragraphs_whole(stem):
    """The samples are set like many 公文: small type at a wide fixed line spacing, so the gap
    between the lines of one paragraph is wider than a line. Their paragraphs must come out as
    the Word source's paragraphs, not one per printed line."""
    import re

    from extractor.readers import read_document

    def squashed(doc: Document) -> list[str]:
        return [t for t in (re.sub(r"\s+", "", p.text) for p in doc.paragraphs) if t]

    pdf = read_pdf((SAMPLES / f"{stem}.pdf").read_bytes(), f"{stem}.pdf")
    word = read_document((SAMPLES / f"{stem}.docx").read_bytes(), f"{stem}.docx")
    assert squashed(pdf) == squashed(word)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_chinese_run_over_a_column_boundary_is_read_character_by_character(engine):
    """社会公益组织法律服务机构 drawn as one string from the 社会公益组织 cell over the next:
    the fast path reads a Chinese run as one piece only when it lies in one cell, so each cell
    gets its own characters, as pdfplumber places them."""
    from tests.pdf_synth import XS, one_row_table

    data = one_row_table([(XS[0], "行政许可处理决定"), (XS[4] - 20, "社会公益组织法律服务")])
    (table,) = read_pdf(data, "synth.pdf", engine=engine).tables
    row = table.rows_text()[0]
    assert row[0] == "行政许可处理决定"
    # 8 pt glyphs from XS[4] - 17: 社会 before XS[4], 公益组织法 up to XS[5] (410), 律服务 after
    assert row[3:6] == ["社会", "公益组织法", "律服务"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_text_in_a_grid_place_no_cell_covers_is_kept_there(engine):
    """A cell whose bottom rule is missing (a page break, a producer's gap) forms no cell: its
    text was dropped, and its value would have read as a blank. It is kept in the grid place
    that holds it, between the column's boundaries."""
    from tests.pdf_synth import table_with_an_open_cell

    values = ["1", "2", "3", "4", "5", "6", "21"]
    (table,) = read_pdf(table_with_an_open_cell(values, open_col=3), "s.pdf", engine=engine).tables
    assert table.rows_text()[1] == ["一、本年新收政府信息公开申请数量", *values]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_value_over_a_column_boundary_no_rule_marks_is_not_split(engine):
    """Text in grid places no cell covers is kept place by place; a value printed across the
    boundary between two such places (no rule marks it in that row) was split digit by digit,
    12 read as 1 | 2 under two columns. The two places are one cell spanning both."""
    from tests.pdf_synth import value_over_an_unruled_boundary

    (table,) = read_pdf(value_over_an_unruled_boundary("12"), "s.pdf", engine=engine).tables
    row = table.grid[2]
    assert [table.text(2, c) for c in range(table.n_cols)] == [
        "二、上年结转政府信息公开申请数量", "0", "12", "12", "0", "0", "0", "12"
    ]  # fmt: skip
    assert (row[2].colspan, row[3].origin) == (2, (2, 2))


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_value_over_two_columns_is_taken_under_neither(engine):
    """End to end: the row whose value stands over two columns is withheld with a failure,
    not written as 1 and 2 (nor as 12 twice); the row above is taken."""
    from tests.pdf_synth import value_over_an_unruled_boundary

    report = extractor.extract_bytes(value_over_an_unruled_boundary(), "s.pdf", pdf_engine=engine)
    rows = {f.row for f in report.fact_list}
    assert "new" in rows and "carried_over" not in rows
    (problem,) = [p for p in report.problems if p.rule == "row.unaligned"]
    assert "carried_over" in problem.detail and problem.status == "fail"


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_short_label_opening_a_page_is_a_row_of_its_own(engine):
    """A 2019 table 1 prints blanks for zeros. A page that opens with 规范性文件 and blanks,
    after 规章 | 1 | 1 | 5 closed page 1, was taken for the rest of a row broken by the page:
    规章规范性文件 | 1 | 1 | 5, which matched 规范性文件, so 规章's numbers were written under
    规范性文件 and 规章's went missing. 规章 ends far from its cell's right edge: its text did
    not wrap, so no row was broken there. (行政许可 has no column of this header in either
    template: its numbers are reported, not taken.)"""
    from tests.pdf_synth import Row, proactive_over_two_pages

    pdf = proactive_over_two_pages(
        [Row("规章", ["1", "1", "5"])],
        [Row("规范性文件", ["", "", ""]), Row("行政许可", ["3", "4", "7"])],
    )
    report = extractor.extract_bytes(pdf, "s.pdf", pdf_engine=engine)
    got = {(f.row, f.column): f.value for f in report.fact_list if f.table == "proactive"}
    assert got == {
        ("regulations", "made"): 1,
        ("regulations", "published"): 1,
        ("regulations", "total_published"): 5,
        ("normative_documents", "made"): 0,  # printed blank: 0 in the 2019 format
        ("normative_documents", "published"): 0,
        ("normative_documents", "total_published"): 0,
    }
    outside = [p.detail for p in report.problems if p.rule == "cell.outside_template"]
    assert [d.split(":")[0] for d in outside] == ["licensing"] * 3


def test_last_line_full_measures_the_lowest_line_against_the_cell_edge():
    from extractor.readers.pdf_chars import Char, last_line_full

    def line(x0: float, n: int, top: float) -> list[Char]:  # n glyphs 10 pt wide and high
        return [Char("字", x0 + 10 * i, top, x0 + 10 * i + 10, top + 10) for i in range(n)]

    wrapped = line(62, 18, 0) + line(62, 18, 12)  # two lines filling a 60-250 cell
    assert last_line_full(wrapped, 250) is True
    assert last_line_full(line(62, 18, 0) + line(62, 4, 12), 250) is False  # ends short
    assert last_line_full(line(62, 4, 0), 250) is False  # 规章: one short line
    vertical = [c._replace(upright=False) for c in line(62, 4, 0)]
    assert last_line_full(vertical, 250) is None  # rotated: says nothing


def test_label_text_run_into_a_table_row_is_text_beside_it_not_a_fallback():
    """pdftocairo's reprint of a browser page: the tail of a vertical label (理结果) in a column
    the page's grid leaves out stands on the baseline of the table's first row, and PDFium reads
    both as one line. Its characters outside the table are text beside it (kept as text), not a
    reason to read the page with pdfplumber (which dropped them)."""
    from tests.pdf_synth import XS, one_row_table

    data = one_row_table([(XS[0] - 45, "理结果"), (XS[0], "行政许可"), (XS[1], "5"), (XS[2], "7")])
    doc = read_pdf(data, "synth.pdf")
    (table,) = doc.tables
    assert table.rows_text()[0][:3] == ["行政许可", "5", "7"]
    assert all("fallback" not in cell.prov.note for cell in table.grid[0])
    kept = [p.text for p in doc.paragraphs] + [table.prov.note]  # a paragraph, or beside it
    assert any("理结果" in text for text in kept)


def test_digits_run_out_of_a_table_send_the_page_to_pdfplumber():
    """Digits outside the grid may be a column the rules missed: the fast path does not map
    such a page (its cells say it was read by the fallback)."""
    from tests.pdf_synth import XS, one_row_table

    data = one_row_table([(XS[0] - 45, "12"), (XS[0], "行政许可"), (XS[1], "5"), (XS[2], "7")])
    (table,) = read_pdf(data, "synth.pdf").tables
    assert "engine=pdfplumber (fallback)" in table.grid[0][1].prov.note


def test_text_outside_a_table_on_both_sides_is_no_text_beside_it():
    from extractor.readers.pdf_chars import Char
    from extractor.readers.pdf_tables import text_beside

    box = (100.0, 50.0, 400.0, 90.0)
    left, right = Char("理结", 60, 60, 80, 70), Char("果", 420, 60, 430, 70)
    assert text_beside([left], box) is not None
    assert text_beside([left, right], box) is None
    assert text_beside([Char("3", 60, 60, 66, 70)], box) is None
    assert text_beside([Char("—", 60, 60, 72, 70)], box) is None  # a zero mark is a value too


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("rotation", [90, 180, 270])
@pytest.mark.parametrize("shown_upright", [True, False], ids=["rotate", "left-turned"])
def test_page_drawn_turned_is_read_as_the_upright_page(engine, rotation, shown_upright):
    """Two quirks, one reading: the upright page's cells, boxes, paragraph.

    A page drawn on its side and turned by the viewer (/Rotate: a landscape table page, a
    scanner's page). PDFium gives its characters and paths in the page's own space but its size
    as shown: the fast path found no table and read the text down its lines (2,652 of 6,376
    cells of 32 such reprints of the sweep, all reported missing). It is read as shown.

    A landscape page put in on its side and shown so (no /Rotate), or a page turned upside
    down: its text runs down, up or leftwards along the page. Both engines found no table in
    it: sweep PDFs so drawn gave 0 of 12,558 cells, all reported missing or the file refused.
    Its text lines stand tall or follow on up the page, and neighbouring characters tell the
    turn: it is drawn again set upright."""
    from tests.pdf_synth import XS, one_row_table, turned

    upright = one_row_table([(XS[0], "行政许可"), (XS[1], "5"), (XS[2], "7"), (XS[3], "12")])
    pdf = turned(upright, rotation, shown_upright=shown_upright)
    doc = read_pdf(pdf, "synth.pdf", engine=engine)
    (table,) = doc.tables
    assert table.rows_text()[0][:4] == ["行政许可", "5", "7", "12"]
    assert table.grid[0][1].prov.bbox == (250.0, 80.0, 290.0, 100.0)  # as the upright page's
    assert [p.text for p in doc.paragraphs] == ["以上为统计表。"]
    assert doc.notes == [REDRAWN if shown_upright else SET_UPRIGHT]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_table_pages_put_in_on_their_side_among_upright_pages_are_read_set_upright(
    engine, rotation
):
    """The way a report puts a wide table in: its table pages on their side (or a tool's turn
    left them upside down) between upright pages of prose. The pagebreak sample (its table
    broken across pages 2-4) with those pages so drawn: every hand-checked value, with either
    engine, and the prose pages read as they are."""
    from tests.expected import PAGEBREAK_2023
    from tests.pdf_synth import turned

    data = (SAMPLES / "pingchangguan-2023-pagebreak.pdf").read_bytes()
    doc = read_pdf(turned(data, rotation, shown_upright=False, pages={1, 2, 3}), "t.pdf", engine)
    assert doc.notes == [SET_UPRIGHT]
    report = extractor.document_to_report(doc)
    got = {f.key: f.value for f in report.fact_list if f.origin == "table"}
    assert got == PAGEBREAK_2023


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_page_left_on_its_side_before_a_page_turned_by_rotate(engine):
    """Pages 2-3 left on their side, page 4 drawn on its side and shown upright by /Rotate.
    The turns were told from each page's text in the page's own space, while the copy draws a
    /Rotate page as shown before turning it: page 4 was turned the wrong way, its 43 cells
    missing (reported). Such a file is drawn as shown first, and its copy turned then."""
    from tests.expected import PAGEBREAK_2023
    from tests.pdf_synth import turned

    data = (SAMPLES / "pingchangguan-2023-pagebreak.pdf").read_bytes()
    sideways = turned(data, 90, shown_upright=False, pages={1, 2})
    doc = read_pdf(turned(sideways, 270, pages={3}), "mixed.pdf", engine)
    assert doc.notes == [SET_UPRIGHT, REDRAWN]
    report = extractor.document_to_report(doc)
    assert {f.key: f.value for f in report.fact_list if f.origin == "table"} == PAGEBREAK_2023


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize(
    "move", [(-300, 0), (0, -500), (-300, -500), (0, 0, (12, 20, 8, 15))], ids=str
)
def test_page_whose_box_is_moved_or_cropped_is_read_where_the_page_shows_it(engine, move):
    """A media box that does not start at the origin (a page moved by a tool): PDFium put some
    characters of a 300 pt-left page 300 pt off, and the fast path read 19 of 200 cells of such
    a reprint of the sweep's page-break sample. A crop box inside the media box: the fast path
    counted its lines from the crop box and pdfplumber from the media box, so the pdfplumber
    engine took the table's line for prose too. Now both count from the media box's top left
    (a moved page is drawn again from the origin): the same cells, boxes and text."""
    from tests.pdf_synth import XS, moved, one_row_table

    upright = one_row_table([(XS[0], "行政许可"), (XS[1], "5"), (XS[2], "7"), (XS[3], "12")])
    doc = read_pdf(moved(upright, *move), "synth.pdf", engine=engine)
    (table,) = doc.tables
    assert table.rows_text()[0][:4] == ["行政许可", "5", "7", "12"]
    assert table.grid[0][1].prov.bbox == (250.0, 80.0, 290.0, 100.0)
    assert [p.text for p in doc.paragraphs] == ["以上为统计表。"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("move", [None, (-300, -500)], ids=["in place", "moved"])
def test_text_outside_the_crop_box_is_left_out(engine, move):
    """A viewer shows only what lies in the page's crop box, but PDFium's text page and
    pdfplumber's characters hold the text outside it too: a table row and a line a crop box
    hides were read as the report's own (a hidden 999 would have been a value). Now text
    wholly outside the crop box is left out, and the document says so."""
    from tests.pdf_synth import hidden_below_the_crop_box, moved

    data = hidden_below_the_crop_box(["行政处罚", "999", "1", "1000"])
    if move is not None:
        data = moved(data, *move)
    doc = read_pdf(data, "synth.pdf", engine=engine)
    (table,) = doc.tables  # the hidden row's grid is left out with its text
    assert table.rows_text()[0][:4] == ["行政许可", "5", "7", "12"]
    assert [p.text for p in doc.paragraphs] == ["以上为统计表。"]
    assert "text outside the crop box (hidden when shown) was left out: p1" in doc.notes


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize(
    "inherited",
    [("MediaBox",), ("MediaBox", "CropBox"), ("CropBox",)],
    ids=["media box", "media and crop box", "crop box"],
)
def test_page_boxed_by_its_page_tree_is_read_where_it_is_shown(engine, inherited):
    """A page may inherit its media box, or crop box, from the page tree (producers that give
    the size once write it there). PDFium reads only a page's own boxes (crbug.com/pdfium/1786)
    and gives US Letter for the media box: the fast path counted lines 50 pt off an A4 page's
    top, and the pdfplumber engine, which counts from the real box, took the table's text for
    prose and dropped the paragraph under it. Now a page without a media box of its own is
    drawn again with one, and the part a viewer shows is PDFium's page box, which inherits."""
    from tests.pdf_synth import XS, boxes_on_the_page_tree, hidden_below_the_crop_box, one_row_table

    if "CropBox" in inherited:
        data = hidden_below_the_crop_box(["行政处罚", "999", "1", "1000"])
    else:
        data = one_row_table([(XS[0], "行政许可"), (XS[1], "5"), (XS[2], "7"), (XS[3], "12")])
    doc = read_pdf(boxes_on_the_page_tree(data, inherited), "synth.pdf", engine=engine)
    (table,) = doc.tables
    assert table.rows_text()[0][:4] == ["行政许可", "5", "7", "12"]
    assert table.grid[0][1].prov.bbox == (250.0, 80.0, 290.0, 100.0)
    assert [p.text for p in doc.paragraphs] == ["以上为统计表。"]
    assert (REDRAWN in doc.notes) == ("MediaBox" in inherited)


def test_a_crop_box_through_a_table_gives_both_engines_one_grid():
    """A crop box that cuts a table's columns off (here at x 310, inside the third column):
    the pdfplumber engine found its grid on every rule, hidden ones too, and placed the row's
    7 in a column whose right border no viewer shows, while the fast path, which leaves hidden
    rules out first, found two columns. Both leave them out now, and no hidden value (12) is
    placed in a cell."""
    import pypdfium2 as pdfium

    from tests.pdf_synth import XS, one_row_table

    data = one_row_table([(XS[0], "行政许可"), (XS[1], "5"), (XS[2], "7"), (XS[3], "12")])
    pdf = pdfium.PdfDocument(data)
    x0, y0, _, y1 = pdf[0].get_mediabox()
    pdf[0].set_cropbox(x0, y0, 310, y1)
    buf = io.BytesIO()
    pdf.save(buf)
    fast, ref = (read_pdf(buf.getvalue(), "synth.pdf", engine=e) for e in ("pdfium", "pdfplumber"))
    assert [t.rows_text() for t in fast.tables] == [t.rows_text() for t in ref.tables]
    assert all(c.text != "12" for t in ref.tables for row in t.grid for c in row)
    assert fast.tables[0].rows_text()[0][:2] == ["行政许可", "5"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_pdf_its_owner_restricts_is_read_as_any(engine):
    """Government sites often publish a PDF encrypted with an owner password only (no
    copying, no printing: 禁止复制) that any viewer opens without a password: it is read, not
    refused as password-protected."""
    from tests.conftest import DATA

    # two_page_table(FIRST, SECOND) encrypted by qpdf: RC4 128-bit, owner password only, no
    # copying, printing or changes allowed (reportlab's own encryption leaves CIDSystemInfo's
    # strings plain, which poppler and pdfminer then decrypt to garbage: a producer's bug)
    from tests.test_pdf_join import DRAWN

    data = (DATA / "owner-only-rc4.pdf").read_bytes()
    assert b"/Encrypt" in data
    (table,) = read_pdf(data, "owner-only.pdf", engine=engine).tables
    assert table.pages == [1, 2] and table.rows_text()[1:] == DRAWN
