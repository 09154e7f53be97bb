"""Tolerances of the PDF reader, each with its reason, in one place (like pdfplumber's
``TableSettings``). Lengths are PDF points (1/72 inch)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PdfSettings:
    # Rules drawn a little apart are one rule: producers draw a cell's border and its
    # neighbour's, or a border as a thin box, up to a line width or two apart; a browser's
    # 1px border-spacing puts cell fills 0.75 pt apart.
    snap_tol: float = 3.0
    # Collinear rules with a gap this small are one rule (dashes, segments per cell).
    join_tol: float = 3.0
    # A horizontal and a vertical rule this close meet (pdfplumber's default).
    intersect_tol: float = 3.0
    # Shorter rules are specks, not borders.
    min_edge: float = 3.0
    # A filled rectangle this thin is a rule drawn as a box (WPS, Skia draw borders so).
    thin_fill: float = 2.0
    # A white cell fill counts as laid on a dark table background when it sticks out of it by
    # no more than this: a producer that writes coordinates in single precision (pdftocairo)
    # leaves a cell's edge a hundred-thousandth of a point outside the background edge it
    # shares, which dropped the rules of every cell on a table's last row.
    fill_inside: float = 0.01
    # A path of at least this many points that fits in a glyph_box square is a glyph's outline,
    # not a border: pdftocairo draws the outline of text a producer made bold by stroking it
    # (WPS) as a path, whose straight strokes (一, 十, 口) are long enough to pass for rules.
    # A border path within such a square has a handful of points (a box: 5).
    glyph_points: int = 12
    glyph_box: float = 24.0
    # pdfplumber gives such an outline subpath by subpath: a piece within a character's box,
    # give or take this (the stroke's width and the bold it adds), is the glyph's.
    glyph_edge: float = 1.0
    # A channel above this (of 255) is white: white strokes and fills draw no border.
    white_level: int = 240
    # Vertical rules that run this far past a table's last (or first) horizontal rule, ending
    # together within snap_tol, close an open row there: the page broke the table and its
    # producer drew no border (or only a white cell fill's edge) at the break.
    open_end_min: float = 6.0
    # Running headers, footers and page numbers stand in this share of the page at its top
    # or bottom.
    margin_band: float = 0.12
    # A cell's last line of text is full (its text wrapped there, and may go on past a page
    # break) when it ends this many glyph heights or less before the cell's right edge: the
    # cell's padding and one Chinese character that did not fit. A short label (行政强制) in
    # its cell ends further left: it is a row of its own, not the start of a broken one.
    full_line_slack: float = 1.6
    # A character's loose box (font ascent to descent) taller than this is a stacked vertical
    # glyph's: PDFium reports it at the unscaled font size. Its tight box is used instead.
    stacked_glyph: float = 30.0
    # The two ends of a run of Chinese characters read as one piece are on one line in one
    # size when their loose boxes' tops and bottoms differ by less than this share of the
    # height (PDFium's loose boxes differ by glyph, up to 0.3 pt at 10 pt).
    run_same_line: float = 0.1
    # A glyph whose baseline is turned by less than this (the sine of the angle: 30°) is
    # upright, as PDFium counts it. pdfminer asks b·c ≤ 0 of its matrix exactly: Ghostscript,
    # turning a page's drawing upright, leaves 1e-08 where 0 belongs, and every glyph of such a
    # page was called rotated (its cells' text read down the columns, scrambled).
    upright_sine: float = 0.5
    # A text matrix's turn or slant this small against its scale is 0 written inexactly (the
    # 1e-08 above): the glyph is square to the page, and its box may be moved onto its baseline.
    matrix_noise: float = 1e-6
    # A page whose text runs on its side or upside down, and is shown so (a landscape page put
    # in on its side): PDFium's text lines of two characters or more stand taller than wide
    # there, or follow one another up the page. A page where lines holding this share of such
    # lines' characters do, or this share of such lines does, is looked at closer
    # (``pdf_sideways``; on an upright page only vertical labels stand tall, a few lines among
    # many, and lines go down) ...
    turned_share: float = 0.5
    # ... looking at its first this many such lines (a turned page shows it in any of them; a
    # table page has hundreds) ...
    turn_lines: int = 16
    # ... by this many pairs of neighbouring characters, spread over the page: where the second
    # of most stands below, above or left of the first, the page is set upright.
    turn_sample: int = 12
    # In a copy this reader drew (drawn as shown, or set upright), a page where at least this
    # share of the characters point another way than most has characters PDFium placed away
    # from their glyphs: Chromium's pages turned by /Rotate (a viewer's "rotate and save"),
    # where 38 of 612 point left on a page turned 180°, most up or down on one turned 90°.
    # Its tables are read by pdfplumber, which places them right. Word's, LibreOffice's and
    # cairo's pages so turned, and every page turned by its drawing: all point one way.
    mixed_share: float = 0.02


DEFAULT = PdfSettings()
